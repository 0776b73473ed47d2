import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The content-addressed attachment store: each file is named by the SHA-256 of its bytes,
 * `<root>/<first two hex>/<sha256>`. Storing the same bytes twice keeps one file. A write goes
 * to a temporary file in the same folder, is flushed to disk, then renamed into place, so a
 * reader (or a power cut) never sees half a file under a real name. The folder can be a
 * shared file server in hall mode: names never collide, and two counters writing the same
 * page write the same bytes.
 */
export interface AttachmentStore {
  readonly root: string;
  /** Stores the bytes (once); returns their hash and size. */
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  has(sha256: string): boolean;
  get(sha256: string): Promise<Buffer>;
  /** `length` bytes from `offset`, or null when the file is not in the store (the sync worker's source). */
  read(sha256: string, offset: number, length: number): Promise<Buffer | null>;
  pathOf(sha256: string): string;
}

const HASH = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function createAttachmentStore(root: string): AttachmentStore {
  const pathOf = (sha256: string) => {
    if (!HASH.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  return {
    root,
    pathOf,
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const target = pathOf(sha256);
      if (fs.existsSync(target)) return { sha256, size: bytes.length };
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      const handle = await fs.promises.open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.promises.rename(temp, target);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        // Windows refuses to rename over a file another writer just put there: same bytes, fine.
        if (!fs.existsSync(target)) throw error;
      }
      return { sha256, size: bytes.length };
    },
    has: (sha256) => HASH.test(sha256) && fs.existsSync(pathOf(sha256)),
    get: (sha256) => fs.promises.readFile(pathOf(sha256)),
    async read(sha256, offset, length) {
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(pathOf(sha256), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}

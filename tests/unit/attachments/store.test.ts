import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttachmentStore, sha256Of } from '../../../electron/core/attachments/store';
import { tempDir } from '../../fixtures/temp';

const files = (root: string): string[] => fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));

describe('content-addressed attachment store', () => {
  it('names a file by the SHA-256 of its bytes under a two-character prefix folder', async () => {
    const root = tempDir();
    const store = createAttachmentStore(root);
    const bytes = Buffer.from('第一页 page one');
    const { sha256, size } = await store.put(bytes);
    expect(sha256).toBe(sha256Of(bytes));
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(size).toBe(bytes.length);
    expect(files(root)).toEqual([path.join(sha256.slice(0, 2), sha256)]);
    expect(await store.get(sha256)).toEqual(bytes);
    expect(store.has(sha256)).toBe(true);
  });

  it('stores the same bytes once, however often and however concurrently they are put', async () => {
    const root = tempDir();
    const store = createAttachmentStore(root);
    const bytes = Buffer.alloc(300_000, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(Buffer.from(bytes))));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    await store.put(Buffer.from('other'));
    expect(files(root)).toHaveLength(2);
    expect(files(root).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('writes through a temporary file then renames: a leftover temp file from a crash is never read as the page', async () => {
    const root = tempDir();
    const store = createAttachmentStore(root);
    const bytes = Buffer.from('complete page');
    const sha = sha256Of(bytes);
    // What a power cut mid-write leaves: a partial temp file beside where the page will go.
    fs.mkdirSync(path.join(root, sha.slice(0, 2)), { recursive: true });
    fs.writeFileSync(`${store.pathOf(sha)}.123.abcd.tmp`, bytes.subarray(0, 4));
    expect(store.has(sha)).toBe(false);
    expect(await store.read(sha, 0, 10)).toBeNull();
    await store.put(bytes);
    expect(await store.get(sha)).toEqual(bytes);
  });

  it('reads a range for resumable uploads, and null for a hash it does not hold', async () => {
    const store = createAttachmentStore(tempDir());
    const bytes = Buffer.from('0123456789');
    const { sha256 } = await store.put(bytes);
    expect((await store.read(sha256, 3, 4))?.toString()).toBe('3456');
    expect((await store.read(sha256, 8, 100))?.toString()).toBe('89');
    expect(await store.read('0'.repeat(64), 0, 10)).toBeNull();
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a sha256/);
  });
});

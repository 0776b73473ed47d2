import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IdentityRecord } from '../../../../shared/contract/readers';

type Photo = NonNullable<IdentityRecord['photo']>;

/** Splits a configured command line into words; double quotes group words with spaces. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|(\S+)/g)) words.push(m[1] ?? m[2] ?? '');
  return words;
}

function formatOf(bytes: Buffer): Photo['format'] | null {
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  return null;
}

/**
 * Decodes the chip's WLT photo through the vendor's licensed decoder, run as an external
 * command (no shell): `{in}` is replaced by the .wlt file, `{out}` by the image it must write.
 * Any failure keeps the WLT bytes and says why; the card read itself never fails on the photo.
 */
export async function decodePhoto(command: string, wlt: Buffer, timeoutMs = 5000): Promise<{ photo: Photo; warning?: string }> {
  const keep: Photo = { format: 'wlt', base64: wlt.toString('base64'), decoded: false };
  const words = splitCommand(command);
  if (!words.length) return { photo: keep };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'medins-wlt-'));
  try {
    const input = path.join(dir, 'photo.wlt');
    const output = path.join(dir, 'photo.bmp');
    await fs.writeFile(input, wlt, { mode: 0o600 });
    const args = words.slice(1).map((w) => w.replaceAll('{in}', input).replaceAll('{out}', output));
    await new Promise<void>((resolve, reject) =>
      execFile(words[0]!, args, { timeout: timeoutMs, windowsHide: true }, (err) => (err ? reject(err) : resolve())),
    );
    const bytes = await fs.readFile(output);
    const format = formatOf(bytes);
    if (!format) return { photo: keep, warning: '照片解码程序输出的不是图片' };
    return { photo: { format, base64: bytes.toString('base64'), decoded: true } };
  } catch (error) {
    return { photo: keep, warning: `照片解码失败：${(error as Error).message.split('\n')[0]}` };
  } finally {
    // The photo is personal data: never leave it in the temp folder.
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

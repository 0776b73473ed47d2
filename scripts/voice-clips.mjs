// Generates the board's built-in Mandarin call clips (renderer/public/voice/*.wav), played where
// the system has no Chinese voice (renderer/features/board/clips.ts composes a call from them).
// Offline, with eSpeak NG: Debian `apt-get install espeak-ng`. Its `cmn` voice reads Chinese
// characters with the tone digits in English, so the words are given as pinyin to the
// `cmn-latn-pinyin` voice; letters are said as English letter names, as halls call them.
// Each clip is trimmed of silence and stored as 16 kHz 16-bit mono PCM WAV (a few KB).
// Usage: node scripts/voice-clips.mjs   (rewrites every clip; commit the result)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'renderer/public/voice');
const RATE = 16_000;

/** clip id → [voice, text]. Keep in step with CLIP_IDS in renderer/features/board/clips.ts. */
const PINYIN = { qing: 'qing3', hao: 'hao4', dao: 'dao4', chuangkou: 'hao4 chuang1 kou3 ban4 li3', shi: 'shi2', bai: 'bai3' };
const DIGITS = ['ling2', 'yi1', 'er4', 'san1', 'si4', 'wu3', 'liu4', 'qi1', 'ba1', 'jiu3'];
const clips = [
  ...Object.entries(PINYIN).map(([id, text]) => [id, 'cmn-latn-pinyin', text]),
  ...DIGITS.map((text, d) => [String(d), 'cmn-latn-pinyin', text]),
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => [letter, 'en', letter]),
];

/** The samples of espeak-ng's WAV output (16-bit mono) and its rate. */
function readWav(file) {
  const b = fs.readFileSync(file);
  let at = 12;
  let rate = 0;
  while (at < b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') rate = b.readUInt32LE(at + 12);
    // espeak-ng streams: the data chunk may claim more than is there.
    if (id === 'data') return { rate, samples: new Int16Array(b.buffer.slice(b.byteOffset + at + 8, b.byteOffset + Math.min(b.length, at + 8 + size))) };
    at += 8 + size;
  }
  throw new Error(`${file}: no data chunk`);
}

function writeWav(file, samples) {
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + samples.length * 2, 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(RATE, 24);
  head.writeUInt32LE(RATE * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(samples.length * 2, 40);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(samples.buffer, samples.byteOffset, samples.length * 2)]));
}

/** Cuts the silence around the word (keeping 20 ms), then resamples linearly to RATE. */
function trimAndResample({ rate, samples }) {
  const loud = (s) => Math.abs(s) > 300;
  let first = samples.findIndex(loud);
  let last = samples.findLastIndex(loud);
  if (first < 0) throw new Error('silent clip');
  const pad = Math.round(rate * 0.02);
  first = Math.max(0, first - pad);
  last = Math.min(samples.length - 1, last + pad);
  const cut = samples.subarray(first, last + 1);
  const out = new Int16Array(Math.floor((cut.length * RATE) / rate));
  for (let i = 0; i < out.length; i++) {
    const x = (i * rate) / RATE;
    const j = Math.floor(x);
    const a = cut[j] ?? 0;
    const b = cut[j + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (x - j));
  }
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-voice-'));
fs.mkdirSync(outDir, { recursive: true });
for (const file of fs.readdirSync(outDir)) if (file.endsWith('.wav')) fs.rmSync(path.join(outDir, file));
let total = 0;
for (const [id, voice, text] of clips) {
  const raw = path.join(tmp, `${id}.wav`);
  // -s words per minute: a little slower than the default, for a noisy hall.
  execFileSync('espeak-ng', ['-v', voice, '-s', '140', '-w', raw, text], { stdio: ['ignore', 'ignore', 'ignore'] });
  const samples = trimAndResample(readWav(raw));
  writeWav(path.join(outDir, `${id}.wav`), samples);
  total += 44 + samples.length * 2;
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`wrote ${clips.length} clips to ${path.relative(root, outDir)} (${Math.round(total / 1024)} KB)`);

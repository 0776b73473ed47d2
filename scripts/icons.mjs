// Draws the app's icons from renderer/public/favicon.svg: renderer/public/favicon.ico (16, 32,
// 48 px; browsers ask for /favicon.ico on every page) and resources/build/icon.png (512 px,
// electron-builder's icon for the installers and windows).
// Usage: node scripts/icons.mjs   (commit the result)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'renderer/public/favicon.svg'));
const png = (size) => sharp(svg, { density: (72 * size) / 64 }).resize(size, size).png().toBuffer();

// ICO with PNG entries (Windows Vista and every browser read them).
const sizes = [16, 32, 48];
const images = await Promise.all(sizes.map(png));
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size, at);
  header.writeUInt8(size, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(images[i].length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += images[i].length;
});
fs.writeFileSync(path.join(root, 'renderer/public/favicon.ico'), Buffer.concat([header, ...images]));
fs.mkdirSync(path.join(root, 'resources/build'), { recursive: true });
fs.writeFileSync(path.join(root, 'resources/build/icon.png'), await png(512));
console.log('wrote renderer/public/favicon.ico, resources/build/icon.png');

// Draws Factlight's icon (a highlighted line of text under a dark rounded square) at every size the
// stores need and writes PNGs into public/icon/. Pixel maths + zlib: no image library needed.
// Run: node scripts/make-icons.mjs (the PNGs are committed; re-run only when the design changes).
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const SIZES = [16, 32, 48, 96, 128];
const DARK = [30, 41, 59], AMBER = [253, 230, 138], WHITE = [248, 250, 252];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
/** Coverage of a unit-square pixel by a shape, by 4x4 supersampling (smooth edges at 16 px). */
function cover(x, y, inside) {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}
function icon(size) {
  const s = size, r = s * 0.22;
  const inRounded = (px, py) => {
    const cx = Math.min(Math.max(px, r), s - r), cy = Math.min(Math.max(py, r), s - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  };
  const rect = (x0, y0, x1, y1) => (px, py) => px >= x0 * s && px <= x1 * s && py >= y0 * s && py <= y1 * s;
  const bar = rect(0.14, 0.56, 0.86, 0.8); // the highlight
  const lines = [rect(0.2, 0.22, 0.8, 0.3), rect(0.2, 0.38, 0.62, 0.46), rect(0.24, 0.64, 0.76, 0.72)];
  return png(size, (x, y) => {
    const a = cover(x, y, inRounded);
    let c = DARK;
    if (cover(x, y, bar) > 0.5) c = AMBER;
    for (const [i, l] of lines.entries()) if (cover(x, y, l) > 0.5) c = i === 2 ? DARK : WHITE;
    return [...c, Math.round(a * 255)];
  });
}
mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, icon(size));
console.log(`wrote public/icon/{${SIZES.join(',')}}.png`);

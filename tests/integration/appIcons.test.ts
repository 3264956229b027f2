// The committed app icons are what electron-builder needs: square PNGs with an alpha channel,
// 1024 px for the .icns and .ico it derives, 512 px for the Linux window.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_RGBA = 6;

/** Width, height and colour type from a PNG's IHDR chunk, which always comes first. */
async function pngHeader(file: string) {
  const bytes = await readFile(join(process.cwd(), 'resources', file));
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error(`resources/${file} is not a PNG file.`);
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes[24],
    colourType: bytes[25],
  };
}

describe('app icons in resources/', () => {
  it.each([
    ['icon.png', 1024],
    ['icon-512.png', 512],
  ])('%s is a %i px square 8-bit PNG with transparency', async (file, size) => {
    expect(await pngHeader(file)).toEqual({
      width: size,
      height: size,
      bitDepth: 8,
      colourType: COLOUR_TYPE_RGBA,
    });
  });

  it('leaves the corners transparent, so the rounded tile does not sit on a white square', async () => {
    const bytes = await readFile(join(process.cwd(), 'resources', 'icon-512.png'));
    // Concatenate the IDAT chunks and inflate them; the first scanline starts with a filter byte.
    const idat: Buffer[] = [];
    for (let at = 8; at < bytes.length;) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const pixels = inflateSync(Buffer.concat(idat));
    // Byte 0 is the first row's filter type. Every PNG filter predicts 0 for the first pixel of the
    // first row, so its RGBA bytes are stored as they are: alpha is byte 4.
    const topLeftAlpha = pixels[1 + 3];
    expect(topLeftAlpha).toBe(0);
  });
});

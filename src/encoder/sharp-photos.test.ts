import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_MAX_SIDE, THUMB_MAX_SIDE, WEB_PHOTO_MAX_SIDE } from '@shared/domain/media/media';
import { UnreadableMediaError, type PhotoOutputs } from './encoder';
import { PREVIEW_PHOTO_SIDE, SharpPhotos } from './sharp-photos';
import { filesIn, makeClip, scratchFolder } from './test/media';

const { dir, cleanup } = scratchFolder('photos');
const photos = new SharpPhotos();

function outputsIn(folder: string): PhotoOutputs {
  return {
    webp: join(dir, folder, 'full.webp'),
    jpeg: join(dir, folder, 'full.jpg'),
    thumb: join(dir, folder, 'thumb.webp'),
    preview: join(dir, folder, 'preview.webp'),
  };
}

const GPS_EXIF = {
  IFD0: { Make: 'Mesi Test Camera', Model: 'Leaky 1', Copyright: 'Ada' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '48/1 51/1 2904/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '2/1 17/1 4000/100',
  },
};

/** A camera JPEG: noise (so sizes and encoders do real work), EXIF with GPS, orientation 6 (turn a quarter right). */
async function cameraJpeg(file: string, width: number, height: number): Promise<string> {
  await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .composite([
      { input: { create: { width: 100, height: 100, channels: 3, background: '#ff0000' } }, top: 0, left: 0 },
    ])
    .jpeg({ quality: 90 })
    .withExif(GPS_EXIF)
    .withMetadata({ orientation: 6 })
    .withIccProfile('p3')
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>secret place</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .toFile(file);
  return file;
}

/** CRC-32 as PNG chunks use it. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny PNG whose valid header claims `width` × `height` (an image bomb): a few rows of data, then the end. */
function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  const rows = deflateSync(Buffer.alloc((width + 1) * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let camera: string;
beforeAll(async () => {
  camera = await cameraJpeg(join(dir, 'camera.jpg'), 3000, 2000);
});
afterAll(cleanup);

describe('SharpPhotos.probe', () => {
  it('gives the size as shown (EXIF orientation applied) without decoding', async () => {
    expect(await photos.probe(camera)).toEqual({
      kind: 'photo',
      container: 'jpeg',
      durationMs: null,
      width: 2000,
      height: 3000,
      videoCodec: null,
      audioCodec: null,
      bytes: readFileSync(camera).length,
    });
  });
});

describe('SharpPhotos.renditions', () => {
  it('writes WebP, JPEG, thumbnail and blurred preview, upright, with no EXIF, GPS, XMP or ICC left', async () => {
    const source = await sharp(camera).metadata();
    expect(source.exif?.toString('latin1')).toContain('Mesi Test Camera');
    expect(source).toMatchObject({ orientation: 6 });
    expect(source.icc).toBeDefined();
    expect(source.xmp).toBeDefined();

    const outputs = outputsIn('camera');
    const size = await photos.renditions(camera, outputs);
    const longSide = WEB_PHOTO_MAX_SIDE;
    expect(size).toEqual({ width: Math.round((2000 * longSide) / 3000), height: longSide });
    const expected = {
      webp: { format: 'webp', width: size.width, height: size.height },
      jpeg: { format: 'jpeg', width: size.width, height: size.height },
      thumb: { format: 'webp', width: Math.round((2000 * THUMB_MAX_SIDE) / 3000), height: THUMB_MAX_SIDE },
      preview: {
        format: 'webp',
        width: Math.round((2000 * PREVIEW_PHOTO_SIDE) / 3000),
        height: PREVIEW_PHOTO_SIDE,
      },
    };
    for (const name of ['webp', 'jpeg', 'thumb', 'preview'] as const) {
      const metadata = await sharp(outputs[name]).metadata();
      expect(metadata, name).toMatchObject(expected[name]);
      expect(metadata.exif, name).toBeUndefined();
      expect(metadata.xmp, name).toBeUndefined();
      expect(metadata.icc, name).toBeUndefined();
      expect(metadata.orientation, name).toBeUndefined();
      // The source's words nowhere in the bytes either. Not 'GPS': three bytes that compressed noise holds by
      // chance now and then (it failed CI once); EXIF's GPS block is tags, not text, and EXIF is checked above.
      expect(readFileSync(outputs[name]).toString('latin1'), name).not.toMatch(
        /Mesi Test Camera|secret place/,
      );
    }
    // Turned upright: the red square at the stored top-left is at the shown top-right.
    const { data, info } = await sharp(outputs.jpeg).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    const [r, g, b] = pixel(info.width - 5, 5);
    expect(r).toBeGreaterThan(200);
    expect(g! + b!).toBeLessThan(120);
    expect(filesIn(join(dir, 'camera'))).toEqual(['full.jpg', 'full.webp', 'preview.webp', 'thumb.webp']);
  });

  it('never enlarges a small photo', async () => {
    const small = join(dir, 'small.png');
    await sharp({ create: { width: 300, height: 200, channels: 4, background: '#3366ccaa' } })
      .png()
      .toFile(small);
    expect(await photos.renditions(small, outputsIn('small'))).toEqual({ width: 300, height: 200 });
    expect(await sharp(outputsIn('small').thumb).metadata()).toMatchObject({ width: 300, height: 200 });
  });

  it('reads 16-bit PNGs and CMYK JPEGs into 8-bit sRGB, watermarked', async () => {
    const blue = { width: 300, height: 200, channels: 3, background: '#3366cc' } as const;
    const deep = join(dir, 'deep.png');
    await sharp({ create: blue }).toColourspace('rgb16').png().toFile(deep);
    const cmyk = join(dir, 'print.jpg');
    await sharp({ create: blue }).toColourspace('cmyk').jpeg().toFile(cmyk);
    for (const [file, folder] of [
      [deep, 'deep'],
      [cmyk, 'cmyk'],
    ] as const) {
      await photos.renditions(file, outputsIn(folder), { watermark: '@ada' });
      const metadata = await sharp(outputsIn(folder).jpeg).metadata();
      expect(metadata, folder).toMatchObject({
        width: 300,
        height: 200,
        space: 'srgb',
        depth: 'uchar',
        channels: 3,
      });
      const { data } = await sharp(outputsIn(folder).jpeg).raw().toBuffer({ resolveWithObject: true });
      expect(data[2]!, folder).toBeGreaterThan(data[0]! + 80); // still blue
    }
  });

  it('draws the watermark in the bottom-right corner, its text escaped for XML', async () => {
    const plain = join(dir, 'plain.png');
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#204060' } })
      .png()
      .toFile(plain);
    await photos.renditions(plain, outputsIn('plain'));
    await photos.renditions(plain, outputsIn('marked'), { watermark: '@ada <script>&"\'' });
    const corner = (folder: string, left: number) =>
      sharp(outputsIn(folder).webp).extract({ left, top: 540, width: 200, height: 60 }).raw().toBuffer();
    const changed = (a: Buffer, b: Buffer) =>
      a.filter((byte, i) => Math.abs(byte - b[i]!) > 40).length / a.length;
    expect(changed(await corner('plain', 600), await corner('marked', 600))).toBeGreaterThan(0.02);
    expect(changed(await corner('plain', 0), await corner('marked', 0))).toBe(0);
  });
});

describe('SharpPhotos refuses, in words, and writes nothing', () => {
  it('an image bomb: a PNG of a few hundred bytes claiming 30000 × 30000, before decoding it', async () => {
    const bomb = join(dir, 'bomb.png');
    writeFileSync(bomb, bombPng(30_000, 30_000));
    expect(readFileSync(bomb).length).toBeLessThan(1_000);
    const started = performance.now();
    const error = await photos.renditions(bomb, outputsIn('bomb')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableMediaError);
    expect((error as Error).message).toMatch(/too large: 30000 × 30000 pixels/);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(filesIn(dir)).not.toContain('bomb');
  });

  it('a photo within the side limit but over the pixel limit', async () => {
    const wide = join(dir, 'wide.png');
    writeFileSync(wide, bombPng(PHOTO_MAX_SIDE, 12_000));
    await expect(photos.probe(wide)).rejects.toThrow(/too large: 20000 × 12000/);
  });

  it('a truncated JPEG', async () => {
    const cut = join(dir, 'cut.jpg');
    writeFileSync(cut, readFileSync(camera).subarray(0, Math.floor(readFileSync(camera).length / 2)));
    await expect(photos.renditions(cut, outputsIn('cut'))).rejects.toBeInstanceOf(UnreadableMediaError);
    expect(filesIn(join(dir, 'cut'))).toEqual([]);
  });

  it('a video, an executable, an empty file', async () => {
    const video = await makeClip(join(dir, 'clip.mp4'), { seconds: 1, width: 160, height: 90, silent: true });
    await expect(photos.probe(video)).rejects.toThrow('This MP4 video is not a photo.');
    const exe = join(dir, 'photo.jpg.exe');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 1)]));
    await expect(photos.renditions(exe, outputsIn('exe'))).rejects.toBeInstanceOf(UnreadableMediaError);
    const empty = join(dir, 'empty.jpg');
    writeFileSync(empty, '');
    await expect(photos.probe(empty)).rejects.toThrow('The file is empty.');
  });

  it('a JPEG whose body is garbage after a valid start', async () => {
    const garbage = join(dir, 'garbage.jpg');
    writeFileSync(garbage, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x5a)]));
    await expect(photos.renditions(garbage, outputsIn('garbage'))).rejects.toBeInstanceOf(
      UnreadableMediaError,
    );
    expect(existsSync(join(dir, 'garbage')) ? filesIn(join(dir, 'garbage')) : []).toEqual([]);
  });
});

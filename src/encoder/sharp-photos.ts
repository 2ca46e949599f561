import { resolve as absolute } from 'node:path';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import {
  PHOTO_MAX_PIXELS,
  PHOTO_MAX_SIDE,
  THUMB_MAX_SIDE,
  WEB_PHOTO_MAX_SIDE,
} from '@shared/domain/media/media';
import { UnreadableMediaError, type MediaProbe, type PhotoOutputs, type PhotoProcessor } from './encoder';
import { checkMediaInput } from './media-input';
import { writeAtomically } from './output-file';
import { WatermarkError, watermarkPng } from './watermark';

/** The locked photo's stand-in: small, then blurred so that nothing but colours and shapes remain. */
export const PREVIEW_PHOTO_SIDE = 320;
export const PREVIEW_BLUR_SIGMA = 24;
export const WEBP_QUALITY = 82;
export const JPEG_QUALITY = 84;
export const THUMB_QUALITY = 75;

/** The header's size as shown: EXIF orientations 5 to 8 turn the picture a quarter. */
function shownSize(width: number, height: number, orientation: number | undefined) {
  return orientation && orientation >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * `PhotoProcessor` on sharp (libvips). Every photo is decoded at most once per rendition set, never before its
 * header said it is small enough (an image bomb of a few kilobytes can claim 30000 × 30000 pixels).
 */
export class SharpPhotos implements PhotoProcessor {
  async probe(file: string): Promise<MediaProbe> {
    const path = absolute(file);
    const input = await checkMediaInput(path);
    if (input.sniffed.kind !== 'photo')
      throw new UnreadableMediaError(`This ${input.sniffed.label} is not a photo.`);
    let metadata: Metadata;
    try {
      // The header only: nothing is decoded yet.
      metadata = await sharp(path, { limitInputPixels: false }).metadata();
    } catch (error) {
      const heif = /heic|heif/.test(input.sniffed.mime);
      throw new UnreadableMediaError(
        heif
          ? `This ${input.sniffed.label} cannot be read here (HEIC needs a codec we do not ship): export it as JPEG and import that.`
          : `We could not read this ${input.sniffed.label}: its contents are damaged or not in a format we can read.`,
        { cause: error },
      );
    }
    const { width, height } = metadata;
    if (!width || !height)
      throw new UnreadableMediaError(`This ${input.sniffed.label} has no size in its header.`);
    if (width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE || width * height > PHOTO_MAX_PIXELS) {
      throw new UnreadableMediaError(
        `This photo is too large: ${width} × ${height} pixels. Photos may be at most ${PHOTO_MAX_SIDE} pixels on a side ` +
          `and ${PHOTO_MAX_PIXELS / 1_000_000} megapixels.`,
      );
    }
    return {
      kind: 'photo',
      container: metadata.format,
      durationMs: null,
      ...shownSize(width, height, metadata.orientation),
      videoCodec: null,
      audioCodec: null,
      bytes: input.bytes,
    };
  }

  async renditions(
    input: string,
    outputs: PhotoOutputs,
    options: { watermark?: string | null } = {},
  ): Promise<{ readonly width: number; readonly height: number }> {
    const path = absolute(input);
    await this.probe(path);
    return writeAtomically([outputs.webp, outputs.jpeg, outputs.thumb, outputs.preview], async (partials) => {
      const [webp, jpeg, thumb, preview] = partials as [string, string, string, string];
      try {
        return await writePhotoRenditions(
          sharp(path, decodeOptions()),
          { webp, jpeg, thumb, preview },
          options.watermark,
        );
      } catch (error) {
        if (error instanceof UnreadableMediaError || error instanceof WatermarkError) throw error;
        throw new UnreadableMediaError('We could not read this photo: its contents are damaged.', {
          cause: error,
        });
      }
    });
  }
}

/** How every photo is opened for decoding: the pixel limit enforced again by libvips, truncated files refused. */
export function decodeOptions(): SharpOptions {
  return { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'truncated' };
}

/**
 * The rendition pipeline: decode once, turned upright by its EXIF orientation and shrunk to the web size (JPEG
 * shrink-on-load makes a 24 MP photo cheap), into raw pixels; every file is encoded from those. No `withMetadata`
 * or `keepMetadata` anywhere: sharp then writes no EXIF, GPS, XMP or IPTC, and converts to sRGB with no ICC
 * profile. Exported for the benchmark, which runs the same steps on sharp directly beside it.
 */
export async function writePhotoRenditions(
  source: Sharp,
  files: PhotoOutputs,
  watermark: string | null | undefined,
): Promise<{ width: number; height: number }> {
  const web = await source
    .rotate()
    .resize({
      width: WEB_PHOTO_MAX_SIDE,
      height: WEB_PHOTO_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = web.info;
  const raw = { raw: { width, height, channels } } as const;
  let marked = { data: web.data, raw };
  if (watermark?.trim()) {
    const composite = sharp(web.data, raw).composite([
      { input: await watermarkPng(watermark, width, height), top: 0, left: 0 },
    ]);
    // Compositing a transparent layer adds an alpha channel: an opaque photo stays opaque.
    const opaque = channels === 1 || channels === 3;
    const result = await (opaque ? composite.removeAlpha() : composite)
      .raw()
      .toBuffer({ resolveWithObject: true });
    marked = { data: result.data, raw: { raw: { width, height, channels: result.info.channels } } };
  }
  const small = {
    width: THUMB_MAX_SIDE,
    height: THUMB_MAX_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  } as const;
  await Promise.all([
    sharp(marked.data, marked.raw).webp({ quality: WEBP_QUALITY }).toFile(files.webp),
    sharp(marked.data, marked.raw)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toFile(files.jpeg),
    sharp(web.data, raw).resize(small).webp({ quality: THUMB_QUALITY }).toFile(files.thumb),
    sharp(web.data, raw)
      .resize({
        width: PREVIEW_PHOTO_SIDE,
        height: PREVIEW_PHOTO_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .blur(PREVIEW_BLUR_SIGMA)
      .webp({ quality: 60 })
      .toFile(files.preview),
  ]);
  return { width, height };
}

import sharp from 'sharp';

/**
 * The visible watermark (the creator's handle) drawn in the bottom-right corner, the same for photos and videos:
 * an SVG rendered by sharp (librsvg, fonts through fontconfig). Videos get it as a PNG overlaid by ffmpeg rather
 * than ffmpeg's drawtext, so that no font file path (`C:\…` needs its own escaping in a filter graph) and no
 * text escaping for drawtext's three levels are needed, ffmpeg builds without libfreetype work, and photos and
 * videos look alike.
 */

/** The longest watermark drawn; longer text is cut (a handle is far shorter). */
const MAX_CHARACTERS = 64;

/** Text for an XML text node: markup characters escaped, characters XML 1.0 forbids removed. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** An SVG of `width`×`height`, transparent but for the text near the bottom-right corner. */
export function watermarkSvg(text: string, width: number, height: number): Buffer {
  const fontSize = Math.max(12, Math.round(Math.min(width, height) * 0.045));
  const margin = Math.round(fontSize * 0.7);
  const shown = escapeXml([...text.trim()].slice(0, MAX_CHARACTERS).join(''));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<text x="${width - margin}" y="${height - margin}" text-anchor="end" ` +
    `font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="${fontSize}" font-weight="bold" ` +
    `fill="#ffffff" fill-opacity="0.75" stroke="#000000" stroke-opacity="0.45" ` +
    `stroke-width="${Math.max(1, Math.round(fontSize / 14))}" paint-order="stroke">${shown}</text></svg>`;
  return Buffer.from(svg);
}

/** The watermark could not be drawn (no font on this machine): better to say so than to publish without it. */
export class WatermarkError extends Error {
  override readonly name = 'WatermarkError';
}

/**
 * The watermark as a PNG of `width`×`height`. Throws `WatermarkError` when nothing visible came out: librsvg
 * draws no text at all when fontconfig finds no font, and a creator who asked for a watermark must not get a
 * file without one silently.
 */
export async function watermarkPng(text: string, width: number, height: number): Promise<Buffer> {
  if (!text.trim()) throw new WatermarkError('The watermark text is empty.');
  const png = await sharp(watermarkSvg(text, width, height))
    .png()
    .toBuffer();
  const { channels } = await sharp(png).stats();
  if ((channels[3]?.max ?? 0) === 0) {
    throw new WatermarkError(
      'The watermark could not be drawn: no font was found on this machine (install one, e.g. fonts-dejavu-core).',
    );
  }
  return png;
}

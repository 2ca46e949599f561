import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

/** One demo file, made at start (no binary is committed), with what its post says of it. */
export interface DemoMediaFile {
  readonly path: string;
  readonly kind: 'photo' | 'video';
  /** The caption under it in its post. */
  readonly caption: string;
}

interface DemoPhoto {
  /** The file's name, which the vault takes as the item's title. */
  readonly name: string;
  readonly caption: string;
  /** The gradient's two ends and the bowls' glaze. */
  readonly colors: readonly [string, string, string];
}

const PHOTOS: readonly DemoPhoto[] = [
  {
    name: 'Celadon glaze tests',
    caption: 'Celadon, two coats: the keeper',
    colors: ['#9cc5b0', '#2f5d50', '#d9efe4'],
  },
  {
    name: 'Kiln at dawn',
    caption: 'The kiln at dawn, still warm from the night',
    colors: ['#f6c177', '#b4432f', '#fbe3c4'],
  },
  {
    name: 'Studio shelf',
    caption: 'The drying shelf before Friday’s firing',
    colors: ['#b9b3e6', '#3d3a75', '#ece9fb'],
  },
];

const WIDTH = 1600;
const HEIGHT = 1200;

/**
 * Where the bowls' rims sit. The bowls and the name stay inside the middle square and the middle 2:1 band of
 * the photo, which is what the fan page's photo grid shows of a 4:3 photo.
 */
const RIM = 640;

/** A gradient "photo" with three bowls and its name written on it, as SVG for sharp to draw. */
function photoSvg(photo: DemoPhoto): string {
  const [light, dark, glaze] = photo.colors;
  const bowl = (cx: number, r: number) => `
    <ellipse cx="${cx}" cy="${RIM + r * 0.55}" rx="${r * 1.05}" ry="${r * 0.18}" fill="#000" opacity="0.18"/>
    <path d="M ${cx - r} ${RIM} A ${r} ${r * 0.9} 0 0 0 ${cx + r} ${RIM} Z" fill="url(#glaze)"/>
    <ellipse cx="${cx}" cy="${RIM}" rx="${r}" ry="${r * 0.22}" fill="${dark}" opacity="0.85"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/>
    </linearGradient>
    <radialGradient id="glaze" cx="0.35" cy="0.2" r="0.9">
      <stop offset="0" stop-color="${glaze}"/><stop offset="1" stop-color="${dark}"/>
    </radialGradient>
  </defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  <rect y="${RIM + 90}" width="100%" height="100%" fill="#000" opacity="0.12"/>
  ${bowl(470, 150)}${bowl(800, 200)}${bowl(1130, 140)}
  <text x="800" y="930" text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"
    font-size="60" font-weight="bold" fill="#fff">${photo.name}</text>
</svg>`;
}

/**
 * Makes the demo's three photos (sharp, from SVG) and a 6 s video (ffmpeg's `testsrc2` and a tone) in `folder`.
 * `ffmpeg` is the binary the encoder resolved; photos come first, as they need no ffmpeg.
 */
export async function makeDemoMediaFiles(folder: string, ffmpeg: string): Promise<DemoMediaFile[]> {
  const files: DemoMediaFile[] = [];
  for (const photo of PHOTOS) {
    const path = join(folder, `${photo.name}.jpg`);
    await sharp(Buffer.from(photoSvg(photo)))
      .jpeg({ quality: 88 })
      .toFile(path);
    files.push({ path, kind: 'photo', caption: photo.caption });
  }
  const video = join(folder, 'Kiln tour.mp4');
  // prettier-ignore
  await run(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=220',
    '-t', '6',
    '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac',
    video,
  ]);
  files.push({ path: video, kind: 'video', caption: 'Around the kiln in six seconds' });
  return files;
}

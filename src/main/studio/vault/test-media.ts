import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Test media made by ffmpeg in the test itself (never committed): a video with sound (`testsrc2` and `sine`,
 * H.264/AAC in MP4 with the index at the end, as cameras write it) and a JPEG photo.
 */
export async function makeClip(
  path: string,
  options: { seconds?: number; size?: string } = {},
): Promise<void> {
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${options.size ?? '320x240'}:rate=30`],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', String(options.seconds ?? 2), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', path],
  ]);
}

export async function makePhoto(path: string, size = '640x480'): Promise<void> {
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${size}`, '-frames:v', '1', path],
  ]);
}

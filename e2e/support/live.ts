import { spawn, type ChildProcess } from 'node:child_process';
import { expect, type Page } from '@playwright/test';

/**
 * What the live specs share about a fan's watch page: the video's playing time, read in the page (the e2e files
 * are typed for Node, which has no DOM), and the wait until that time moves.
 */

/** The watch page's video's current time in seconds; -1 while there is no <video>. */
export const videoTime = (page: Page) =>
  page.evaluate<number>("document.querySelector('video')?.currentTime ?? -1");

/**
 * Waits until the page's video plays: its time passes 0.2 s, then moves by more than a second. `timeout` bounds
 * each of the two waits (the first frames come later on a loaded machine, or through a real encoder).
 */
export async function expectVideoAdvancing(page: Page, timeout = 30_000): Promise<void> {
  await expect.poll(() => videoTime(page), { timeout }).toBeGreaterThan(0.2);
  const from = await videoTime(page);
  await expect.poll(() => videoTime(page), { timeout }).toBeGreaterThan(from + 1);
}

/** ffmpeg publishing testsrc2 and a sine tone in real time, as the studio's encoder would. */
export function publish(ingestUrl: string): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440'],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-tune',
        'zerolatency',
        '-g',
        '30',
        '-pix_fmt',
        'yuv420p',
      ],
      ...['-c:a', 'aac', '-ar', '44100', '-f', 'flv', ingestUrl],
    ],
    { stdio: 'ignore' },
  );
}

/** How many documents the page has loaded: the same number before and after means nobody reloaded it. */
export const navigations = (page: Page) =>
  page.evaluate<number>("performance.getEntriesByType('navigation').length");

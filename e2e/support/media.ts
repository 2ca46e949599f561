import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { PASSWORD, serverUrl } from './money';

/**
 * What the media specs share: a test video made with ffmpeg (never a committed binary), the studio signed in
 * and out in browser mode, and a record of every progress bar the page showed (a bar may come and go between two
 * of Playwright's polls, so the page itself writes down each state it passes through).
 */

const run = promisify(execFile);
const studioUrl = () => process.env.E2E_STUDIO_URL ?? '';

/**
 * An MP4 (H.264 + AAC, 640×360, 30 fps) of `seconds` of ffmpeg's test pattern and a 440 Hz tone, written to a
 * temp folder as `name`; `remove` deletes the folder.
 */
export async function testVideo(
  name: string,
  seconds: number,
): Promise<{ readonly path: string; readonly remove: () => void }> {
  const folder = mkdtempSync(join(tmpdir(), 'mesi-e2e-media-'));
  const path = join(folder, name);
  // prettier-ignore
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440',
    '-t', String(seconds),
    '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac',
    path,
  ]);
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Signs the studio (browser mode) in to the e2e server (or `server`) as `who`, and waits until it is online.
 * `who.password` is for a spec that signed its account up with a password of its own; the rest use PASSWORD.
 */
export async function signInStudio(
  page: Page,
  who: { email: string; handle: string; password?: string },
  server = serverUrl(),
): Promise<void> {
  await page.goto(studioUrl());
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await page.getByLabel('Server URL').fill(server);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password ?? PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A signed-in studio shows Content. Wait for it: signing in again over a signed-in account, the status line
  // below already says the handle, and the switch to Content would land after the caller moved on.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Content');
  await expect(page.getByRole('status')).toContainText(`@${who.handle}`);
  await expect(page.getByRole('status')).toContainText(/online/i);
}

/** Signs `email`'s account out of the studio, which the whole e2e run shares, if it is there. */
export async function signOutStudio(page: Page, email: string): Promise<void> {
  await page.goto(studioUrl());
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  const card = page.getByRole('listitem').filter({ hasText: email });
  if ((await card.count()) > 0) await card.getByRole('button', { name: 'Sign out' }).click();
  await expect(card).toHaveCount(0);
}

/** One state of a progress bar as the page showed it. */
export interface ProgressState {
  readonly name: string;
  readonly value: number;
  readonly text: string;
}

/** The page's own record (a script, as the e2e code is typed without the DOM's types). */
const RECORD_PROGRESS_BARS = `(() => {
  const seen = [];
  window.__progressStates = seen;
  const note = () => {
    for (const bar of document.querySelectorAll('[role="progressbar"]')) {
      const state = {
        name: bar.getAttribute('aria-label') ?? '',
        value: Number(bar.getAttribute('aria-valuenow')),
        text: bar.getAttribute('aria-valuetext') ?? '',
      };
      const last = seen.findLast((s) => s.name === state.name);
      if (!last || last.value !== state.value || last.text !== state.text) seen.push(state);
    }
  };
  note();
  new MutationObserver(note).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-valuenow', 'aria-valuetext', 'role'],
  });
})()`;

/**
 * Starts writing down, in the page, every distinct state (accessible name, `aria-valuenow`, `aria-valuetext`)
 * of every `role=progressbar` from now on; `states()` reads them back in the order they were seen.
 */
export async function recordProgressBars(page: Page): Promise<{ states: () => Promise<ProgressState[]> }> {
  await page.evaluate(RECORD_PROGRESS_BARS);
  return { states: () => page.evaluate<ProgressState[]>('window.__progressStates ?? []') };
}

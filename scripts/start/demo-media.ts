import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseRule } from '@shared/domain/access/text';
import { newId } from '@shared/domain/ids';
import type { MediaSnapshot } from '@shared/domain/media/media';
import { FfmpegNotFoundError, resolveFfmpegPaths } from '../../src/encoder/index';
import { makeDemoMediaFiles, type DemoMediaFile } from './demo-media-files';
import { serverClient, type ServerClient } from './server-client';

/**
 * Puts the demo's files on the server as the demo creator's media, resolving with their media ids in the files'
 * order: through the studio's vault (`demo-media-delivery.ts`), or straight to the server's tus endpoint when the
 * studio is not in this process (Electron).
 */
export type DemoMediaDelivery = (files: readonly DemoMediaFile[], signal: AbortSignal) => Promise<string[]>;

export interface DemoMediaOptions {
  readonly serverUrl: string;
  /** The demo creator's token (`seedDemo`'s answer). */
  readonly creatorToken: string;
  readonly deliver: DemoMediaDelivery;
  readonly log?: (line: string) => void;
  /** How long to wait for processing before giving up (default 15 min: a slow machine, a long queue). */
  readonly readyWithinMs?: number;
}

const POLL_MS = 1_000;

/** The two media posts: photos for everyone, the video for subscribers or buyers. */
const PHOTO_POST = {
  title: 'Glaze tests from Friday’s firing',
  body: 'Three test tiles out of the kiln this morning. The celadon is the keeper; the shelf is full again for next week.',
};
const VIDEO_POST = {
  title: 'Kiln tour',
  body: 'A short walk around the kiln before it is loaded. For subscribers, or buy it on its own.',
  /** $4.00, in cents. */
  priceMinor: '400',
};

/**
 * A first run's demo media, in the background once the studio and the server are up (processing takes a while,
 * and nobody should wait for it to use the rest): three photos and a 6 s video made with sharp and ffmpeg,
 * delivered as the creator's own media, then, once the server has processed them, a public post with the photos
 * and a video post for subscribers or buyers. Never fails the start: without ffmpeg, or on any error, it says so
 * and stops. `stop()` ends it (at shutdown) and resolves once it has.
 */
export function startDemoMedia(options: DemoMediaOptions): { stop(): Promise<void> } {
  const log = options.log ?? ((line: string) => console.log(line));
  const controller = new AbortController();
  const done = addDemoMedia(options, log, controller.signal).catch((error: unknown) => {
    if (controller.signal.aborted) return;
    log(`Demo media: stopped, the rest of the demo is unaffected (${messageOf(error)})`);
  });
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}

async function addDemoMedia(
  options: DemoMediaOptions,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  let ffmpeg: string;
  try {
    ffmpeg = resolveFfmpegPaths().ffmpeg;
  } catch (error) {
    if (!(error instanceof FfmpegNotFoundError)) throw error;
    log(`Demo media: skipped, as ffmpeg is needed to make and process it. ${error.message}`);
    return;
  }
  const started = Date.now();
  log('Demo media: making 3 photos and a 6 s video; their posts appear on the fan page once processed…');
  const folder = await mkdtemp(join(tmpdir(), 'mesi-demo-media-'));
  try {
    const files = await makeDemoMediaFiles(folder, ffmpeg);
    signal.throwIfAborted();
    const ids = await options.deliver(files, signal);
    const api = serverClient(options.serverUrl, options.creatorToken);
    await waitUntilReady(api, ids, signal, options.readyWithinMs ?? 15 * 60_000);
    await publishMediaPosts(api, files, ids);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  log(
    `Demo media: ready after ${seconds} s: a public post with 3 photos and a video for subscribers or $4.00.`,
  );
}

/** Polls the server's word on `ids` until every one is ready; a failed item or the time running out throws. */
async function waitUntilReady(
  api: ServerClient,
  ids: readonly string[],
  signal: AbortSignal,
  withinMs: number,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    signal.throwIfAborted();
    const items = new Map<string, MediaSnapshot>(
      (await api.media.list.query()).map((item) => [item.id, item]),
    );
    const failed = ids.map((id) => items.get(id)).find((item) => item?.status === 'failed');
    if (failed)
      throw new Error(`the server could not process a demo item: ${failed.failure ?? 'no reason given'}`);
    if (ids.every((id) => items.get(id)?.status === 'ready')) return;
    if (Date.now() > deadline) {
      throw new Error(`the demo items were not processed within ${Math.round(withinMs / 60_000)} min`);
    }
    await sleep(POLL_MS, undefined, { signal });
  }
}

/** The video post first, then the photo post (public), which is then the newest on the fan page. */
async function publishMediaPosts(
  api: ServerClient,
  files: readonly DemoMediaFile[],
  ids: readonly string[],
): Promise<void> {
  const media = files.map((file, index) => ({ file, mediaId: ids[index]! }));
  const photos = media.filter(({ file }) => file.kind === 'photo');
  const videos = media.filter(({ file }) => file.kind === 'video');
  // A post for sale lets its buyers in by naming its own id, so the id is chosen before it is created.
  const videoPostId = newId();
  const videoPost = await api.posts.create.mutate({
    id: videoPostId,
    draft: {
      title: VIDEO_POST.title,
      body: VIDEO_POST.body,
      accessRule: parseRule(`any(subscriber, purchased(${videoPostId}))`),
      price: { currency: 'USD', minor: VIDEO_POST.priceMinor },
      media: videos.map(({ file, mediaId }) => ({ mediaId, caption: file.caption })),
    },
  });
  await api.posts.publish.mutate({ id: videoPost.id });
  const photoPost = await api.posts.create.mutate({
    draft: {
      ...PHOTO_POST,
      accessRule: parseRule('public'),
      media: photos.map(({ file, mediaId }) => ({ mediaId, caption: file.caption })),
    },
  });
  await api.posts.publish.mutate({ id: photoPost.id });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the bare peer of `creators.page` (./bare-creator-page-server.ts) in its own process, so a benchmark
 * can load it side by side with the real server on the same PostgreSQL database (bench/server-load.ts).
 */
import { fileURLToPath } from 'node:url';
import { startChild } from '../support/process';

const SCRIPT = fileURLToPath(new URL('./bare-creator-page-server.ts', import.meta.url));

export interface BareCreatorPage {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** The URL of a creator's page: `${url}/page?handle=<handle>`. */
  pageUrl(handle: string): string;
  stop(): Promise<void>;
}

/** Starts the bare server on `databaseUrl`, which the real server must already have migrated and seeded. */
export async function startBareCreatorPage(databaseUrl: string): Promise<BareCreatorPage> {
  const child = await startChild<{ url: string }>(SCRIPT, [], { DATABASE_URL: databaseUrl });
  const { url } = child.ready;
  return {
    url,
    pageUrl: (handle) => `${url}/page?handle=${encodeURIComponent(handle)}`,
    stop: () => child.stop(),
  };
}

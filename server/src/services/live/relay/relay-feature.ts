import type { Kysely } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import { resolveFfmpegPaths } from '../../../../../src/encoder/index';
import type { PubSub } from '../../../adapters/pubsub';
import type { BackgroundWork } from '../../../composition';
import type { LiveConfig } from '../../../config';
import type { Database } from '../../../db/schema';
import type { FeatureRoutes } from '../../../http/feature-routes';
import { logFailure } from '../../../logging/error-log';
import type { RelayEvents } from '../live-relay';
import { liveHlsRoutes } from './hls-routes';
import type { ConnectionLimits } from './media-server';
import { HmacPlaybackTokens } from './playback-tokens';
import { RtmpRelay } from './rtmp-relay';

export interface RelayDeps {
  readonly db: Kysely<Database>;
  readonly pubsub: PubSub;
  readonly live: LiveConfig;
  readonly host: string;
  readonly dataDir: string;
  /** The server's own address (HLS is served from it). */
  readonly publicUrl: () => string;
  /** The media URL secret: playback tokens are signed with a key derived from it. */
  readonly mediaUrlSecret: string | Buffer;
  readonly events: RelayEvents;
  readonly clock: Clock;
  /** The ffmpeg of the HLS transmux; default: resolved as the encoder does (FFMPEG_PATH, then PATH). */
  readonly ffmpegPath?: string;
  readonly hlsLingerMs?: number;
  /** Caps on the relay's connections; default `DEFAULT_CONNECTION_LIMITS`. */
  readonly connectionLimits?: Partial<ConnectionLimits>;
}

/**
 * The relay feature, built once: the RTMP relay (node-media-server and the HLS transmux), its playback tokens,
 * the HLS routes on the server's own port, and its start and stop as background work. `background.start` starts
 * listening without waiting; `relay.start()` is the same start as a promise, for whoever must wait for the ports.
 */
export function composeRelay(deps: RelayDeps) {
  const tokens = new HmacPlaybackTokens(deps.mediaUrlSecret, deps.clock);
  const relay = new RtmpRelay({
    db: deps.db,
    pubsub: deps.pubsub,
    live: deps.live,
    host: deps.host,
    dataDir: deps.dataDir,
    publicUrl: deps.publicUrl,
    tokens,
    events: deps.events,
    clock: deps.clock,
    ffmpegPath: deps.ffmpegPath ?? resolveFfmpegPaths().ffmpeg,
    hlsLingerMs: deps.hlsLingerMs,
    connectionLimits: deps.connectionLimits,
  });
  const routes: readonly FeatureRoutes[] = [
    liveHlsRoutes({
      tokens,
      hlsRoot: relay.hlsRoot,
      onRead: (streamId, token) => relay.hlsRead(streamId, token),
    }),
  ];
  let started: Promise<void> | null = null;
  const background: BackgroundWork = {
    // The same start as `relay.start()` (at most once): a server that awaited it first finds it done.
    start() {
      started = relay.start().catch((error: unknown) => logFailure('starting the live relay', error));
    },
    async stop() {
      await started;
      await relay.stop();
    },
  };
  return { relay, tokens, routes, background };
}

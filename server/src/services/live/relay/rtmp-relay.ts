import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '@shared/domain/clock';
import type { PubSub } from '../../../adapters/pubsub';
import type { LiveConfig } from '../../../config';
import type { Database } from '../../../db/schema';
import { logFailure } from '../../../logging/error-log';
import { LIVE_KEYS_CHANNEL, type LiveRelay, type RelayEvents } from '../live-relay';
import { HlsTransmuxes } from './hls-transmux';
import { IngestKeyView, type PublishRefusal } from './ingest-key-view';
import { EmbeddedMediaServer, type ConnectionLimits, type MediaServerHooks } from './media-server';
import type { RelaySession } from './media-server-session';
import { PlayerWriteBatcher } from './player-write-batcher';
import type { RelayPlaybackTokens } from './playback-tokens';
import { LIVE_APP, STREAM_ID, streamIdOf } from './stream-path';
import { ViewerCounts } from './viewer-counts';
import { urlHost } from '../../../http/url-host';

export interface RtmpRelayOptions {
  readonly db: Kysely<Database>;
  readonly pubsub: PubSub;
  readonly live: LiveConfig;
  /** The interface the relay listens on (the server's HOST). */
  readonly host: string;
  readonly dataDir: string;
  /** The server's own address: HLS is served from it. */
  readonly publicUrl: () => string;
  readonly tokens: RelayPlaybackTokens;
  readonly events: RelayEvents;
  readonly clock: Clock;
  readonly ffmpegPath: string;
  /** How long an HLS playlist outlives its publisher (tests shorten it). */
  readonly hlsLingerMs?: number;
  /** How often `recheckPlayers`' check runs over the connected players (tests shorten it). */
  readonly playerRecheckMs?: number;
  /** Caps on the relay's connections; default `DEFAULT_CONNECTION_LIMITS`. */
  readonly connectionLimits?: Partial<ConnectionLimits>;
}

/** The whole view is read again this often, in case a pubsub message was lost. */
const FULL_RELOAD_MS = 30_000;
/** A player's access is asked again this often once `recheckPlayers` is set (its token is checked only at start). */
const PLAYER_RECHECK_MS = 60_000;
const keysMessage = z.object({ streamId: z.string().regex(STREAM_ID) });

interface Publisher {
  readonly session: RelaySession;
  /** `publishStarted` was reported (so `publishEnded` is owed). */
  started: boolean;
}

/** Whether a viewer (null: anonymous) may still watch a stream; asked of the streams service. */
export type PlayerAccessCheck = (streamId: string, viewerId: string | null) => Promise<boolean>;

interface Player {
  readonly streamId: string;
  /** Who its token was issued to (null: anonymous). */
  readonly viewerId: string | null;
  readonly session: RelaySession;
  /** The relay's own HLS transmux plays too: not a viewer. */
  readonly counted: boolean;
  joined: boolean;
}

/**
 * The RTMP relay: node-media-server in this process, ingest at `rtmp://…/live/<streamId>?key=<key>` checked
 * against the in-memory key view before publish, one publisher per stream, HTTP-FLV (and RTMP) play only with a
 * playback token for that stream, and an HLS transmux per live stream. Everything refused is logged with the
 * stream and the reason, never the key or token.
 */
export class RtmpRelay implements LiveRelay {
  readonly hlsRoot: string;
  readonly #keys: IngestKeyView;
  readonly #viewers: ViewerCounts;
  readonly #hls: HlsTransmuxes;
  readonly #publishers = new Map<string, Publisher>();
  readonly #players = new Map<string, Player>();
  /** Per stream, the token its HLS transmux plays with. */
  readonly #transmuxTokens = new Map<string, string>();
  #server: EmbeddedMediaServer | null = null;
  #unsubscribe: (() => void) | null = null;
  #reload: NodeJS.Timeout | null = null;
  #starting: Promise<void> | null = null;
  #recheck: NodeJS.Timeout | null = null;
  #rechecking: Promise<void> | null = null;
  #playerAccess: PlayerAccessCheck | null = null;
  /** Every player's media goes out in batches, and a player that stops reading is cut. */
  readonly #playerWrites = new PlayerWriteBatcher();

  constructor(private readonly options: RtmpRelayOptions) {
    this.#keys = new IngestKeyView(options.db, options.clock);
    this.#viewers = new ViewerCounts(options.clock);
    this.hlsRoot = path.join(options.dataDir, 'live', 'hls');
    this.#hls = new HlsTransmuxes({
      ffmpegPath: options.ffmpegPath,
      hlsRoot: this.hlsRoot,
      sourceUrl: (streamId) => this.#transmuxSource(streamId),
      lingerMs: options.hlsLingerMs,
    });
  }

  /** Loads the issued keys and listens (once: a second call answers the first's promise). Rejects in words when a port is taken. */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    // Subscribed before the first load: a key issued meanwhile is read after it (the reads run in order).
    this.#unsubscribe = this.options.pubsub.subscribe(LIVE_KEYS_CHANNEL, (message) => {
      const parsed = keysMessage.safeParse(message);
      if (!parsed.success) return;
      this.#keys
        .refresh(parsed.data.streamId)
        .catch((error) => logFailure('live relay: reading a key', error));
    });
    await this.#hls.clear();
    await this.#keys.loadAll();
    this.#reload = setInterval(() => {
      this.#keys.loadAll().catch((error) => logFailure('live relay: reloading keys', error));
    }, FULL_RELOAD_MS);
    this.#reload.unref();
    this.#server = await EmbeddedMediaServer.start({
      host: this.options.host,
      rtmpPort: this.options.live.rtmpPort,
      httpPort: this.options.live.playbackPort,
      storeDir: path.join(this.options.dataDir, 'live', 'node-media-server'),
      hooks: this.#hooks(),
      limits: this.options.connectionLimits,
    });
  }

  async stop(): Promise<void> {
    await this.#starting?.catch(() => undefined);
    if (this.#reload) clearInterval(this.#reload);
    if (this.#recheck) clearInterval(this.#recheck);
    this.#recheck = null;
    this.#unsubscribe?.();
    await this.#server?.stop();
    this.#server = null;
    this.#playerWrites.close();
    await this.#hls.stopAll();
  }

  /** The bound ports (known once started). */
  get ports(): { readonly rtmp: number; readonly http: number } {
    return {
      rtmp: this.#server?.rtmpPort ?? this.#configuredPort(this.options.live.rtmpPort),
      http: this.#server?.httpPort ?? this.#configuredPort(this.options.live.playbackPort),
    };
  }

  /** The origin fans' players fetch HTTP-FLV from (the fan web's CSP lets it in). */
  playbackOrigin(): string {
    return new URL(this.#flvBase()).origin;
  }

  ingestUrl(streamId: string, key: string): string {
    const base =
      this.options.live.rtmpPublicUrl ??
      `rtmp://${urlHost(this.options.host)}:${this.ports.rtmp}/${LIVE_APP}`;
    return `${base}/${streamId}?key=${encodeURIComponent(key)}`;
  }

  playbackUrls(streamId: string, token: string): { flv: string; hls: string } {
    const flvBase = this.#flvBase();
    const hlsBase = this.options.publicUrl().replace(/\/+$/, '');
    const safeToken = encodeURIComponent(token);
    return {
      flv: `${flvBase}/${LIVE_APP}/${streamId}.flv?token=${safeToken}`,
      hls: `${hlsBase}/live/hls/${safeToken}/${streamId}/index.m3u8`,
    };
  }

  disconnectPublisher(streamId: string): void {
    this.#publishers.get(streamId)?.session.refuse(410, 'The stream was stopped');
  }

  /**
   * Cuts this viewer's players of the stream connected here (access revoked: a refund, a ban). A player's token
   * is checked only when it starts, and is not cut when the token expires (every viewer would glitch every few
   * minutes); this and `recheckPlayers` end what it no longer may watch.
   */
  disconnectViewer(streamId: string, viewerId: string | null): void {
    for (const player of this.#players.values()) {
      if (player.counted && player.streamId === streamId && player.viewerId === viewerId) {
        player.session.refuse(403, 'Your access to this stream has ended');
      }
    }
  }

  /**
   * Asks `check` every `playerRecheckMs` (60 s) whether each viewer connected here may still watch, and cuts
   * those it answers false for. A check that fails (the database is away) keeps the player: an outage must not
   * cut every viewer. Calling it again replaces the check.
   */
  recheckPlayers(check: PlayerAccessCheck): void {
    this.#playerAccess = check;
    if (this.#recheck) return;
    this.#recheck = setInterval(() => {
      void this.recheckPlayersNow();
    }, this.options.playerRecheckMs ?? PLAYER_RECHECK_MS);
    this.#recheck.unref();
  }

  /** One round of `recheckPlayers` now (a round still running is answered instead of starting another). */
  recheckPlayersNow(): Promise<void> {
    this.#rechecking ??= this.#recheckRound().finally(() => {
      this.#rechecking = null;
    });
    return this.#rechecking;
  }

  async #recheckRound(): Promise<void> {
    const check = this.#playerAccess;
    if (!check) return;
    const viewers = new Map<string, { streamId: string; viewerId: string | null }>();
    for (const player of this.#players.values()) {
      if (!player.counted) continue;
      viewers.set(JSON.stringify([player.streamId, player.viewerId]), player);
    }
    // One at a time: a round over thousands of viewers must not take every database connection at once.
    for (const { streamId, viewerId } of viewers.values()) {
      let allowed: boolean;
      try {
        allowed = await check(streamId, viewerId);
      } catch (error) {
        logFailure('live relay: re-checking a player', error);
        continue;
      }
      if (!allowed) this.disconnectViewer(streamId, viewerId);
    }
  }

  viewerCounts(): ReadonlyMap<string, number> {
    return this.#viewers.counts();
  }

  /** The process id of a stream's HLS transmux (ffmpeg), while one runs. */
  hlsTransmuxPid(streamId: string): number | undefined {
    return this.#hls.pidOf(streamId);
  }

  /** Resolves once the key reads asked for so far (pubsub messages, reloads) are applied. */
  keysSettled(): Promise<void> {
    return this.#keys.settled();
  }

  /** An HLS read the routes let through. */
  hlsRead(streamId: string, token: string): void {
    if (this.#transmuxTokens.get(streamId) !== token) this.#viewers.hlsRead(streamId, token);
  }

  #hooks(): MediaServerHooks {
    return {
      prePublish: (session) => this.#prePublish(session),
      postPublish: (session) => this.#postPublish(session),
      // node-media-server reports the end of a publish only after a 30 s window for the same client to resume;
      // the relay learns of it when the connection closes (`#publisherGone`).
      donePublish: () => undefined,
      prePlay: (session) => this.#prePlay(session),
      postPlay: (session) => {
        const player = this.#players.get(session.id);
        if (!player || player.joined || !player.counted) return;
        player.joined = true;
        this.#viewers.playerJoined(player.streamId);
      },
      donePlay: (session) => {
        const player = this.#players.get(session.id);
        if (!player) return;
        this.#players.delete(session.id);
        if (player.joined) this.#viewers.playerLeft(player.streamId);
      },
    };
  }

  #prePublish(session: RelaySession): void {
    const streamId = streamIdOf(session);
    if (session.protocol !== 'rtmp' || !streamId) {
      session.refuse(403, 'Publishing is over RTMP to /live/<stream id> only');
      const how = streamId
        ? `over ${session.protocol || 'an unknown protocol'}`
        : 'to a path that is not /live/<stream id>';
      console.warn(`live relay: refused a publish ${how} (only RTMP to /live/<stream id> is let in)`);
      return;
    }
    const check = this.#keys.check(streamId, session.param('key'));
    if (!check.ok) {
      session.refuse(403, 'Refused');
      if (check.known) logRefusal(streamId, check.reason);
      else void this.#keys.explain(streamId).then((reason) => logRefusal(streamId, reason ?? check.reason));
      return;
    }
    if (this.#publishers.has(streamId)) {
      session.refuse(409, 'Refused');
      logRefusal(streamId, 'a publisher is already connected');
      return;
    }
    const publisher: Publisher = { session, started: false };
    this.#publishers.set(streamId, publisher);
    session.onGone(() => this.#publisherGone(streamId, publisher));
  }

  #postPublish(session: RelaySession): void {
    const streamId = streamIdOf(session);
    const publisher = streamId ? this.#publishers.get(streamId) : undefined;
    if (!streamId || publisher?.session.id !== session.id) return;
    // node-media-server may still turn the session away after this event (its path already held): look once
    // its own handling is over.
    queueMicrotask(() => {
      if (this.#publishers.get(streamId) !== publisher) return;
      if (!session.holdsPath()) {
        session.refuse(409, 'Refused');
        logRefusal(streamId, 'the path is still held by an earlier publisher');
        return;
      }
      publisher.started = true;
      this.#hls.start(streamId);
      report(() => this.options.events.publishStarted(streamId));
    });
  }

  #publisherGone(streamId: string, publisher: Publisher): void {
    if (this.#publishers.get(streamId) !== publisher) return;
    this.#publishers.delete(streamId);
    if (!publisher.started) return;
    this.#hls.stopSoon(streamId);
    this.#transmuxTokens.delete(streamId);
    report(() => this.options.events.publishEnded(streamId));
  }

  #prePlay(session: RelaySession): void {
    // node-media-server would broadcast media a player sends to everyone watching the stream.
    session.ignoreIncomingMedia();
    const streamId = streamIdOf(session);
    if (!streamId || (session.protocol !== 'flv' && session.protocol !== 'rtmp')) {
      session.refuse(404, 'Not found');
      return;
    }
    const token = session.param('token');
    const viewerId = token ? this.options.tokens.viewerOf(token, streamId) : undefined;
    if (viewerId === undefined) {
      session.refuse(403, 'This playback link has expired or is not for this stream. Reload the player.');
      return;
    }
    // node-media-server sends none: players and proxies are told what it is, and that it is not to be kept.
    session.setAnswerHeaders({
      'Content-Type': 'video/x-flv',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    session.batchWrites(this.#playerWrites);
    this.#players.set(session.id, {
      streamId,
      viewerId,
      session,
      counted: this.#transmuxTokens.get(streamId) !== token,
      joined: false,
    });
  }

  #flvBase(): string {
    return this.options.live.playbackPublicUrl ?? `http://${urlHost(this.options.host)}:${this.ports.http}`;
  }

  #transmuxSource(streamId: string): string {
    const { token } = this.options.tokens.issue(streamId, null);
    this.#transmuxTokens.set(streamId, token);
    const host = localHost(this.options.host);
    return `rtmp://${host}:${this.ports.rtmp}/${LIVE_APP}/${streamId}?token=${encodeURIComponent(token)}`;
  }

  #configuredPort(port: number): number {
    if (port === 0) throw new Error('The live relay has not started yet: its port is picked when it listens');
    return port;
  }
}

function logRefusal(streamId: string, reason: PublishRefusal | string): void {
  console.warn(`live relay: refused a publish to stream ${streamId}: ${reason}`);
}

/** Relay events go to the streams service; its failure must not reach node-media-server's event loop. */
function report(call: () => void): void {
  try {
    call();
  } catch (error) {
    logFailure('live relay: reporting a publish', error);
  }
}

/** Where this process reaches its own relay: a wildcard bind is reached on loopback. */
function localHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return urlHost(host);
}

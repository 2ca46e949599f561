/**
 * How a live stream is played: HTTP-FLV through mpegts.js (about a second behind the encoder), or HLS (a few
 * seconds behind) through hls.js, or the browser's own HLS where there is no Media Source Extensions (iPhone).
 */
export type PlaybackEngine = 'flv' | 'hls.js' | 'native-hls';

/** What the fan's browser can play, read once from mpegts.js, hls.js and the `<video>` element. */
export interface PlaybackSupport {
  /** Media Source Extensions able to play a live FLV stream (`mpegts.getFeatureList().mseLivePlayback`). */
  readonly flv: boolean;
  readonly hlsJs: boolean;
  /** `video.canPlayType('application/vnd.apple.mpegurl')`. */
  readonly nativeHls: boolean;
}

/** After this many FLV attempts in a row that never played a frame, the player moves to HLS for good. */
export const FLV_ATTEMPTS_BEFORE_HLS = 3;

/** The engine to start with: the lowest latency the browser can play, or null when it can play none. */
export function firstEngine(support: PlaybackSupport): PlaybackEngine | null {
  if (support.flv) return 'flv';
  return hlsEngine(support);
}

/** Why a playback attempt failed, as the engines report it. */
export type PlaybackFailureKind =
  /** The connection failed or ended: the stream dropped, the server restarted, or the token was refused. */
  | 'network'
  /** The browser could not decode or demux what arrived (an MSE or codec error). */
  | 'media';

export interface PlaybackFailure {
  readonly engine: PlaybackEngine;
  readonly kind: PlaybackFailureKind;
  /** Attempts on this engine in a row, this one included, that never played a frame. */
  readonly failuresWithoutPlaying: number;
  readonly support: PlaybackSupport;
}

/**
 * The engine for the next attempt. A network failure is retried on the same engine (the stream comes back on
 * the same address), except FLV that keeps failing before a single frame: a network that blocks the relay's
 * port, or a stream the browser cannot take, plays over HLS from the server's own port. A media error on FLV
 * goes to HLS at once; on HLS the same engine tries again.
 */
export function engineAfterFailure(failure: PlaybackFailure): PlaybackEngine {
  const { engine, kind, failuresWithoutPlaying, support } = failure;
  if (engine !== 'flv') return engine;
  const giveUpOnFlv = kind === 'media' || failuresWithoutPlaying >= FLV_ATTEMPTS_BEFORE_HLS;
  return giveUpOnFlv ? (hlsEngine(support) ?? 'flv') : 'flv';
}

function hlsEngine(support: PlaybackSupport): PlaybackEngine | null {
  if (support.hlsJs) return 'hls.js';
  if (support.nativeHls) return 'native-hls';
  return null;
}

/**
 * A playback URL with its token swapped for a fresher one. The HLS player asks for each playlist and segment
 * with the URL it first loaded (the token is in the path, so every segment carries it); swapping in the renewed
 * token lets it go on past the first token's expiry without starting over. Tokens are long random strings, so
 * an exact match cannot hit anything else in the URL.
 */
export function withToken(url: string, oldToken: string, newToken: string): string {
  if (oldToken === '' || oldToken === newToken) return url;
  return url.split(oldToken).join(newToken);
}

/**
 * The seam between the RTMP relay (`relay/`: node-media-server, the HLS transmux, playback routes) and the
 * streams and chat (`streams/`, `chat/`). The streams service issues keys and tokens' subjects and owns the
 * lifecycle; the relay checks publishers and players and reports what happens on the wire.
 */

/** Published on the pubsub (`{ streamId }`) after a stream's key is issued, revoked, or its stream ends. */
export const LIVE_KEYS_CHANNEL = 'live.keys';

/** What the relay tells the streams service, on whichever instance the publisher reached. */
export interface RelayEvents {
  /** A publisher with a valid key is connected and sending (the stream goes live, or is back after a drop). */
  publishStarted(streamId: string): void;
  /** The publisher went away (stopped, dropped, or was cut). The stream stays live until ended or timed out. */
  publishEnded(streamId: string): void;
}

/** The relay as the streams service and the routers use it. */
export interface LiveRelay {
  /** Where the studio pushes this stream (the key rides in the query, never in a playback path). */
  ingestUrl(streamId: string, key: string): string;
  /**
   * Where a viewer plays this stream, carrying a playback token from `PlaybackTokens.issue`: HTTP-FLV from the
   * relay's playback port, and HLS from the server's own HTTP port (`/live/hls/<token>/<streamId>/index.m3u8`).
   */
  playbackUrls(streamId: string, token: string): { readonly flv: string; readonly hls: string };
  /** Cuts the stream's publisher, if connected here (the stream ended, or its key was revoked). */
  disconnectPublisher(streamId: string): void;
  /** Players connected to this instance now, by stream (HTTP-FLV sessions and recent HLS readers). */
  viewerCounts(): ReadonlyMap<string, number>;
}

/** A short-lived signed permission to play one stream, checked when play starts (FLV) and on every HLS request. */
export interface PlaybackTokens {
  /** `viewerId` null: an anonymous viewer of a public stream. */
  issue(streamId: string, viewerId: string | null): { readonly token: string; readonly expiresAt: Date };
  /** Synchronous (node-media-server's `prePlay` is): true only for an unexpired token for this stream. */
  verify(token: string, streamId: string): boolean;
}

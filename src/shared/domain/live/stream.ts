/**
 * A live stream's lifecycle (PRODUCT.md, "Live streams"): scheduled → live → ended, or cancelled before it
 * went live. A stream is live from its first publish until the creator ends it (or the publisher has been gone
 * longer than `LIVE_RECONNECT_GRACE_MS`): an encoder that reconnects after a drop resumes the same stream.
 */
export const STREAM_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

/** How long a live stream waits for its publisher to come back before it ends by itself. */
export const LIVE_RECONNECT_GRACE_MS = 10 * 60_000;

/** How long an ingest key stays valid once issued (a stream runs within it; going live again issues a new one). */
export const STREAM_KEY_TTL_MS = 24 * 60 * 60_000;

/** How long a playback token lets play start (FLV) or a segment be fetched (HLS); players renew before then. */
export const PLAYBACK_TOKEN_TTL_MS = 5 * 60_000;

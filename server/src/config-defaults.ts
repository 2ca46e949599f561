/** The live relay's and media's settings with their defaults: what `loadConfig` fills and tests start from. */
/** The RTMP relay (node-media-server inside the server) and where fans and studios reach it. */
export interface LiveConfig {
  /** RTMP ingest port (studios push here); 0 picks a free port. */
  readonly rtmpPort: number;
  /** HTTP-FLV playback port of the relay; 0 picks a free port. */
  readonly playbackPort: number;
  /** The address studios push to, without the stream's path (rtmp://host:port/live); null: from HOST and RTMP_PORT. */
  readonly rtmpPublicUrl: string | null;
  /** The address fans' players fetch HTTP-FLV from (http(s)://host:port); null: from HOST and LIVE_HTTP_PORT. */
  readonly playbackPublicUrl: string | null;
}

export const DEFAULT_LIVE_CONFIG: LiveConfig = {
  rtmpPort: 1935,
  playbackPort: 8000,
  rtmpPublicUrl: null,
  playbackPublicUrl: null,
};

/** Where processed media is kept: a folder under DATA_DIR, or an S3-compatible bucket. */
export type MediaStoreConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly region: string;
      /** null: AWS's own endpoint for the region. */
      readonly endpoint: string | null;
      /** null: the SDK's default credential chain (instance role, shared files). */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
      readonly forcePathStyle: boolean;
    };

export interface MediaConfig {
  /** The largest file one upload may declare. */
  readonly maxUploadBytes: number;
  /** What a creator's media (every item not failed or deleted, as uploaded) may add up to. */
  readonly quotaBytes: number;
  /** The HMAC key of signed media URLs; null: a random key kept in `DATA_DIR/media-url-secret` (refused in production). */
  readonly urlSecret: string | null;
  readonly store: MediaStoreConfig;
  /** Uploads processed (ffmpeg, sharp) at the same time by one server. */
  readonly processingConcurrency: number;
}

const GIB = 1024 ** 3;

export const DEFAULT_MEDIA_CONFIG: MediaConfig = {
  maxUploadBytes: 4 * GIB,
  quotaBytes: 50 * GIB,
  urlSecret: null,
  store: { kind: 'local' },
  processingConcurrency: 1,
};

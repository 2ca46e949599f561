/**
 * The two things the studio's live session drives, as it needs them: the companion server's `live.*` and
 * `liveChat.*` (`server-live.ts` adapts the account's tRPC clients) and the encoder's live push
 * (`encoder-live.ts` adapts `src/encoder/live`). Tests and the adapters meet here, so the session never depends
 * on either transport.
 */
import type { EncoderHealth } from '@shared/domain/live/encoder-health';
import type { LiveEncodingChoice, LiveVideoEncoder } from '@shared/domain/live/presets';
import type { CaptureDevice, LiveSource } from '../../../encoder/live';
import type { StreamPlan } from './live-fields';

/** A stream as the server keeps it. */
export interface ServerStream {
  readonly id: string;
  readonly title: string;
  readonly status: 'scheduled' | 'live' | 'ended' | 'cancelled';
}

/** Where the encoder pushes: the key rides in the URL, so the URL is as secret as the key. */
export interface IngestGrant {
  readonly key: string;
  readonly ingestUrl: string;
}

/** A chat line, a tip, or what moderation did, as the studio shows them. `text` is plain text, never HTML. */
export interface LiveChatLine {
  readonly id: string;
  readonly kind: 'message' | 'tip';
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
  /** For a tip: USD cents (or the currency's minor units) as digits. */
  readonly tip: { readonly currency: string; readonly amount: string } | null;
  readonly createdAt: string;
}

/** What the server tells the studio about its stream while it runs. */
export type ServerLiveEvent =
  | { readonly type: 'message'; readonly line: LiveChatLine }
  | { readonly type: 'tip'; readonly line: LiveChatLine }
  | { readonly type: 'deleted'; readonly messageId: string }
  | { readonly type: 'viewers'; readonly count: number }
  | { readonly type: 'status'; readonly status: ServerStream['status']; readonly publishing: boolean }
  /** The studio fell behind and `count` events were dropped for it. */
  | { readonly type: 'missed'; readonly count: number };

export type ModerationAction =
  | { readonly kind: 'delete'; readonly messageId: string }
  | { readonly kind: 'timeout'; readonly fanId: string; readonly minutes: number }
  | { readonly kind: 'ban'; readonly fanId: string };

/** The server's live feature, over one account's connection. */
export interface LiveServer {
  /** Creates (or schedules, with `scheduledFor`) the stream with the id the studio chose. */
  create(streamId: string, plan: StreamPlan): Promise<ServerStream>;
  /** A fresh ingest key and where to push with it; the stream goes live once the encoder publishes. */
  goLive(streamId: string): Promise<IngestGrant>;
  /** Ends the stream (cancels it if it never went live); done already is fine. */
  end(streamId: string): Promise<void>;
  /** Where the creator can watch their own stream as fans do (HTTP-FLV), or null when the server has no relay. */
  watchUrl(streamId: string): Promise<string | null>;
  moderate(streamId: string, action: ModerationAction): Promise<void>;
  /** Writes `text` in the stream's chat as the creator; it comes back through `events` as fans see it. */
  say(streamId: string, text: string): Promise<void>;
  /** The stream's live events until `stop`; reconnects on its own, reporting failures it cannot recover from. */
  events(
    streamId: string,
    onEvent: (event: ServerLiveEvent) => void,
    onError: (error: unknown) => void,
  ): () => void;
}

export type { CaptureDevice, LiveSource };

/** What the encoder can capture here, listed by ffmpeg itself; the test pattern is always available. */
export interface LiveDevices {
  readonly platform: string;
  readonly cameras: readonly CaptureDevice[];
  readonly screens: readonly CaptureDevice[];
  readonly microphones: readonly CaptureDevice[];
  /** What could not be listed, in words (no X display, no sound server). */
  readonly problems: readonly string[];
  /** The hardware video encoders that passed a test encode here. */
  readonly hardwareEncoders: readonly LiveVideoEncoder[];
  /** The encoder used when the creator leaves the choice to the studio. */
  readonly bestEncoder: LiveVideoEncoder;
}

/** What to push: the source, a preset (or custom settings), and the video encoder (null: the best here). */
export interface LiveSetup {
  readonly source: LiveSource;
  readonly encoding: LiveEncodingChoice;
  readonly videoEncoder: LiveVideoEncoder | null;
}

/** ffmpeg's progress while pushing. */
export interface LiveStats {
  readonly fps: number | null;
  readonly bitrateKbps: number | null;
  readonly droppedFrames: number;
  readonly duplicatedFrames: number;
  /** Encoding speed against real time (1 = keeping up). */
  readonly speed: number | null;
  /** ffmpeg's CPU use, percent of one core. */
  readonly cpuPercent: number | null;
  /** Whether the encoder keeps up, with the reason in words when it does not. */
  readonly health: EncoderHealth;
}

/** What the encoder reports while it pushes. */
export type EncoderReport =
  | { readonly type: 'publishing' }
  | { readonly type: 'dropped'; readonly attempt: number; readonly reason: string }
  | { readonly type: 'stats'; readonly stats: LiveStats }
  /** It gave up (never without a reason in words); the recording so far is kept. */
  | { readonly type: 'failed'; readonly reason: string }
  /** The source came to its end (a video played once): the stream is over, as if the creator pressed End. */
  | { readonly type: 'finished' };

/** A push under way. */
export interface LivePushRun {
  /** Stops cleanly; resolves with the recording joined into one file (null when nothing was recorded). */
  stop(): Promise<string | null>;
}

/** The encoder's live side. */
export interface LiveEncoder {
  devices(): Promise<LiveDevices>;
  /** Starts pushing to `ingestUrl` and recording into `recordingFolder`; refuses a source it cannot use, in words. */
  start(
    options: { readonly ingestUrl: string; readonly setup: LiveSetup; readonly recordingFolder: string },
    onReport: (report: EncoderReport) => void,
  ): Promise<LivePushRun>;
}

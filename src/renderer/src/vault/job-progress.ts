import { timeLeft } from './vault-words';

/** The studio's two kinds of work on an item: making its renditions, then sending it to the server. */
export type JobKind = 'process' | 'upload';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** An item's latest job as the vault reports it. */
export interface JobView {
  readonly kind: JobKind;
  readonly state: JobState;
  /** 0..1 */
  readonly progress: number;
  /** The studio's estimate of the time left, null while it has none yet. */
  readonly etaMs: number | null;
  /** Why it failed, in words (null unless `failed`). */
  readonly error: string | null;
}

/** What an item's progress line shows: its words, the bar's value, and which buttons it offers. */
export interface ProgressLine {
  readonly text: string;
  /** Whole percent for the bar (`aria-valuenow`); null: no bar (waiting, failed, cancelled). */
  readonly percent: number | null;
  readonly tone: 'working' | 'waiting' | 'failed';
  readonly canCancel: boolean;
  readonly canRetry: boolean;
}

const DOING: Readonly<Record<JobKind, string>> = { process: 'Processing', upload: 'Uploading' };
const WAITING: Readonly<Record<JobKind, string>> = {
  process: 'Waiting to process',
  upload: 'Waiting to upload',
};

/** Progress as whole percent, never 100 while the job still runs (it is not done until it says so). */
function percentOf(progress: number): number {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  return Math.min(99, Math.floor(clamped * 100));
}

/**
 * An item's progress line, or null when there is nothing to show (no job, or the latest one is done):
 * "Processing 42% · about 1 min left", "Uploading 80% · 12 s left", "Waiting for connection" (an upload while
 * the studio is offline), "Failed: <reason>" with Retry. A running or queued job can be cancelled; a failed or
 * cancelled one retried.
 */
export function progressLine(job: JobView | null, online: boolean): ProgressLine | null {
  if (job === null || job.state === 'done') return null;
  switch (job.state) {
    case 'running': {
      // An upload cannot move while offline: say why it stands still rather than a stale time left.
      if (job.kind === 'upload' && !online) {
        return {
          text: 'Waiting for connection',
          percent: percentOf(job.progress),
          tone: 'waiting',
          canCancel: true,
          canRetry: false,
        };
      }
      const percent = percentOf(job.progress);
      const left = job.etaMs === null ? '' : timeLeft(job.etaMs);
      const text = `${DOING[job.kind]} ${percent}%${left === '' ? '' : ` · ${left}`}`;
      return { text, percent, tone: 'working', canCancel: true, canRetry: false };
    }
    case 'queued':
      return {
        text: job.kind === 'upload' && !online ? 'Waiting for connection' : WAITING[job.kind],
        percent: null,
        tone: 'waiting',
        canCancel: true,
        canRetry: false,
      };
    case 'failed':
      return {
        text: `Failed: ${job.error ?? 'no reason given'}`,
        percent: null,
        tone: 'failed',
        canCancel: false,
        canRetry: true,
      };
    case 'cancelled':
      return {
        text: job.kind === 'upload' ? 'Upload cancelled' : 'Processing cancelled',
        percent: null,
        tone: 'waiting',
        canCancel: false,
        canRetry: true,
      };
  }
}

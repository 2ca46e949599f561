import type { MediaKind } from '@shared/domain/media/media';
import type { JobView } from './job-progress';
import type { ServerStatus } from './vault-words';

/** A vault item as `vault.list` and `vault.get` show it to the screens. */
export interface VaultItem {
  readonly id: string;
  readonly kind: MediaKind;
  readonly title: string;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly originalName: string;
  readonly bytes: number;
  readonly durationMs: number | null;
  readonly width: number | null;
  readonly height: number | null;
  /** A small image as a data: URL, null until the studio has made one (or for audio). */
  readonly thumbUrl: string | null;
  /** The latest processing or upload job, null when none was ever queued. */
  readonly job: JobView | null;
  readonly serverStatus: ServerStatus | null;
  readonly serverFailure: string | null;
  readonly createdAt: string;
}

/** What a post shows of one of its media items (its row, the editor's media list). */
export type MediaSummary = Pick<VaultItem, 'id' | 'kind' | 'title' | 'thumbUrl' | 'durationMs'>;

export const KIND_LABELS: Readonly<Record<MediaKind, string>> = {
  photo: 'Photo',
  video: 'Video',
  audio: 'Audio',
};

export function summaryOf(item: VaultItem): MediaSummary {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    thumbUrl: item.thumbUrl,
    durationMs: item.durationMs,
  };
}

import type { MediaSnapshot } from '@shared/domain/media/media';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { MediaRepository } from './media-repository';
import { mediaSnapshot } from './media-snapshot';

/** The most items one `media.list` answers. */
export const MEDIA_LIST_MAX = 500;

export type MediaListItem = MediaSnapshot & { readonly filename: string };

/** A creator's media as the server holds it (status, failure), for the studio and for debugging. */
export class MediaLibrary {
  constructor(
    private readonly media: MediaRepository,
    private readonly actingFor: ActingForPolicy,
  ) {}

  /** The creator's items, newest first; only for those who may act for the creator's content. */
  async list(actor: AccountView, creatorId: string, limit = MEDIA_LIST_MAX): Promise<MediaListItem[]> {
    await this.actingFor.assertMayActFor(actor, creatorId, 'content');
    const rows = await this.media.listOfCreator(creatorId, Math.min(limit, MEDIA_LIST_MAX));
    return rows.map((row) => ({ ...mediaSnapshot(row), filename: row.filename }));
  }
}

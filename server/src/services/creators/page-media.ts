import {
  PUBLIC_RENDITIONS,
  RENDITION_FILES,
  type MediaKind,
  type Rendition,
} from '@shared/domain/media/media';
import type { PostMedia } from '@shared/domain/posts/post';
import type { Queryable } from '../../db/queryable';
import type { MediaRecord, MediaRepository } from '../media/media-repository';
import type { MediaUrls } from '../media/media-urls';
import type { PostMediaRepository } from '../posts/post-media-repository';

/** One media item of a post on a creator's page, as anyone may see it: what it is and its public renditions. */
export interface PageMedia {
  id: string;
  kind: MediaKind;
  caption: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** A small blurred image (null: the kind has none, e.g. audio). Public, cached for long. */
  thumbUrl: string | null;
  /** A short trimmed, downscaled clip or a blurred photo. Public, cached for long. */
  previewUrl: string | null;
}

/** An item of a post the viewer may open: the item itself through short-lived signed URLs. */
export interface OpenPageMedia extends PageMedia {
  /** The full rendition, signed for this viewer until `MediaUrls.ttlFor(durationMs)` from now. */
  fullUrl: string;
  /** The poster (a video's still, a photo as JPEG), signed like `fullUrl`; null when the kind has none. */
  posterUrl: string | null;
}

/**
 * The media of the posts on one page, read in two queries whatever the number of posts (their `post_media`
 * rows, then those items), and shown per entry: ready items of the page's creator only, in the post's order.
 */
export class PageMediaReader {
  constructor(
    private readonly postMedia: PostMediaRepository,
    private readonly media: MediaRepository,
    private readonly urls: MediaUrls,
  ) {}

  async load(q: Queryable, creatorId: string, postIds: readonly string[]): Promise<PageMediaSet> {
    const byPost = await this.postMedia.ofPosts(q, postIds);
    const ids = [...byPost.values()].flatMap((items) => items.map((item) => item.mediaId));
    const found = await this.media.findMany(ids);
    // Another creator's item is never shown, whatever a post names: its URLs would be signed on this post's rule.
    const shown = found.filter((item) => item.status === 'ready' && item.creatorId === creatorId);
    return new PageMediaSet(byPost, new Map(shown.map((item) => [item.id, item])), this.urls);
  }
}

/** The loaded media of one page's posts. */
export class PageMediaSet {
  constructor(
    private readonly byPost: ReadonlyMap<string, readonly PostMedia[]>,
    private readonly ready: ReadonlyMap<string, MediaRecord>,
    private readonly urls: MediaUrls,
  ) {}

  /** A locked entry's media: public renditions only, never a signed URL. */
  locked(postId: string): PageMedia[] {
    return this.#items(postId).map(({ item, caption }) => this.#public(item, caption));
  }

  /** An open entry's media: public renditions and the item itself, signed until a TTL from `now`. */
  open(postId: string, now: Date): OpenPageMedia[] {
    const shown: OpenPageMedia[] = [];
    for (const { item, caption } of this.#items(postId)) {
      const full = this.#file(item, 'full');
      if (full === null) continue; // a ready item always has it; without it there is nothing to open
      const expiresAt = new Date(now.getTime() + this.urls.ttlFor(item.durationMs));
      const poster = this.#file(item, 'poster');
      shown.push({
        ...this.#public(item, caption),
        fullUrl: this.urls.signed(item.id, full, expiresAt),
        posterUrl: poster === null ? null : this.urls.signed(item.id, poster, expiresAt),
      });
    }
    return shown;
  }

  #items(postId: string): { item: MediaRecord; caption: string }[] {
    return (this.byPost.get(postId) ?? []).flatMap(({ mediaId, caption }) => {
      const item = this.ready.get(mediaId);
      return item ? [{ item, caption }] : [];
    });
  }

  #public(item: MediaRecord, caption: string): PageMedia {
    const publicUrl = (rendition: Rendition) => {
      if (!PUBLIC_RENDITIONS.has(rendition)) throw new Error(`${rendition} is not a public rendition`);
      const file = this.#file(item, rendition);
      return file === null ? null : this.urls.public(item.id, file);
    };
    return {
      id: item.id,
      kind: item.kind,
      caption,
      width: item.width,
      height: item.height,
      durationMs: item.durationMs,
      thumbUrl: publicUrl('thumb'),
      previewUrl: publicUrl('preview'),
    };
  }

  /** The file a rendition of this item is served as, when the kind has it and the item was stored with it. */
  #file(item: MediaRecord, rendition: Rendition): string | null {
    const file = RENDITION_FILES[item.kind][rendition];
    return file !== null && item.renditions[rendition] !== undefined ? file : null;
  }
}

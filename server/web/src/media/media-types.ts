import type { PageEntry } from '../api/types';

type OpenEntry = Extract<PageEntry, { access: 'open' }>;
type LockedEntry = Extract<PageEntry, { access: 'locked' }>;

/**
 * One media item of a post on the creator page (`creators.page`), in the post's order, as anyone may see it:
 * what it is, and its public renditions: `thumbUrl` (small, blurred) and `previewUrl` (a 5 s blurred clip of a
 * video, a blurred photo, 15 s of audio). The items of a locked post are only this.
 */
export type PageMedia = LockedEntry['media'][number];

/**
 * An item of a post the viewer may open: also the item itself, through short-lived signed URLs. For a photo,
 * `fullUrl` is its WebP and `posterUrl` the same photo as JPEG; for a video, its MP4 and its still.
 */
export type OpenMedia = OpenEntry['media'][number];

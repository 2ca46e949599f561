import { creatorPath } from '../routing/paths';

/** The watch page of a creator's stream: `/c/:handle/live/:streamId`. */
export function watchPath(handle: string, streamId: string): string {
  return `${creatorPath(handle)}/live/${encodeURIComponent(streamId)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an address's stream segment can name a stream at all (the server answers 404 to anything else). */
export function isStreamId(segment: string): boolean {
  return UUID.test(segment);
}

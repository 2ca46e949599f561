import type { CreatorProfile } from '../api/types';

/** What My subscriptions names a creator by. */
export type KnownCreator = Pick<CreatorProfile, 'id' | 'handle' | 'displayName'>;

// `subscriptions.mine` names each subscription's creator by id only, and no public call turns an id into a
// handle; until it carries the creator's handle and name, the creators this tab has shown the tiers of are
// remembered here, in memory only (never stored: which creators a fan pays is theirs alone).
const seen = new Map<string, KnownCreator>();

/** Remembers a creator whose page was shown, for My subscriptions. */
export function rememberCreator(creator: KnownCreator): void {
  seen.set(creator.id, { id: creator.id, handle: creator.handle, displayName: creator.displayName });
}

/** The creator behind an id, if this tab has shown their page. */
export function knownCreator(creatorId: string): KnownCreator | undefined {
  return seen.get(creatorId);
}

import { describeRule } from '@shared/domain/access/describe';
import { evaluate } from '@shared/domain/access/evaluate';
import type { AccessFacts, AccessRule } from '@shared/domain/access/rule';
import { amount, formatAmount } from '@shared/domain/money/amount';
import type { Queryable } from '../../../db/queryable';
import type { TierRepository } from '../../subscriptions/tier-repository';
import type { StreamRow } from './stream-repository';
import { toTicketPrice } from './stream-views';

/** What would open a stream to a viewer who may not watch it, so the page offers exactly that. */
export interface StreamUnlock {
  /** What the access rule asks for, in words ("Subscribers (Gold tier or higher) or Purchase"). */
  readonly hint: string;
  /** Following the creator (free) would open it. */
  readonly byFollowing: boolean;
  /** The lowest tier whose subscription opens it, with its monthly price (minor units as text). */
  readonly tier: {
    readonly id: string;
    readonly name: string;
    readonly currency: string;
    readonly monthlyPrice: string;
  } | null;
  /** A ticket, when the stream sells them and one would open it: its price (minor units as text). */
  readonly ticket: { readonly currency: 'USD'; readonly amount: string } | null;
}

/**
 * Works out what unlocks a stream from its rule and the viewer's facts, as a creator page does for a locked
 * post: following, the lowest tier that opens it, a ticket. Tiers are read only when following does not do.
 */
export async function unlockOf(
  q: Queryable,
  tiers: TierRepository,
  row: StreamRow,
  facts: AccessFacts,
): Promise<StreamUnlock> {
  const rule = row.access_rule as AccessRule;
  const byFollowing = !facts.isFollower && evaluate(rule, { ...facts, isFollower: true });
  const needsTierNames = JSON.stringify(rule).includes('"minTier"');
  // Archived tiers too, for names: a rule may still name one; only offered ones are proposed.
  const creatorTiers =
    byFollowing && !needsTierNames ? [] : await tiers.ofCreator(q, row.creator_id, { archived: true });
  const names = new Map(creatorTiers.map((t) => [t.id, t.name]));
  const hint = describeRule(rule, { tierName: (id) => names.get(id) });

  let tier: StreamUnlock['tier'] = null;
  if (!byFollowing) {
    const offered = creatorTiers.filter((t) => !t.archived);
    const tierRanks = new Map(offered.map((t) => [t.id, t.rank]));
    // Lowest rank first, as the repository answers.
    const opening = offered.find((t) =>
      evaluate(rule, { ...facts, isFollower: true, tierRanks, subscription: { tierId: t.id, rank: t.rank } }),
    );
    tier = opening
      ? {
          id: opening.id,
          name: opening.name,
          currency: opening.monthlyPrice.currency,
          monthlyPrice: opening.monthlyPrice.minor.toString(),
        }
      : null;
  }

  const price = toTicketPrice(row);
  const opensWithTicket =
    price !== null &&
    evaluate(rule, { ...facts, purchasedItemIds: new Set([...facts.purchasedItemIds, row.id]) });
  return {
    hint,
    byFollowing,
    tier,
    ticket: opensWithTicket ? { currency: 'USD', amount: price.minor } : null,
  };
}

/** The unlock as one sentence a refusal can carry: "To watch this stream, follow the creator or buy a ticket…". */
export function describeUnlock(unlock: StreamUnlock, signedIn: boolean): string {
  const ways: string[] = [];
  if (unlock.byFollowing) ways.push('follow the creator');
  if (unlock.tier) ways.push(`subscribe to ${unlock.tier.name}`);
  if (unlock.ticket) {
    ways.push(
      `buy a ticket for ${formatAmount(amount('USD', BigInt(unlock.ticket.amount)), { symbol: true })}`,
    );
  }
  if (ways.length === 0) return `This stream is for: ${unlock.hint}`;
  return `To watch this stream, ${signedIn ? '' : 'sign in and '}${ways.join(' or ')}`;
}

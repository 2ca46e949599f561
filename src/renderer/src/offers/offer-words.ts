import type { LocalPromo, LocalTier } from '@shared/domain/subscriptions/local-offers';
import type { TierDraft } from '@shared/domain/subscriptions/tier';
import type { SyncState } from '@shared/domain/sync/local-state';
import type { ConnectionState } from '@shared/domain/sync/status';
import { money } from '../earnings/earnings-format';
import { syncNotice, type SyncNoticeWords } from '../forms/sync-notice';
import type { Notice } from '../forms/use-studio-call';

const usd = (minor: string) => money('USD', minor);

/** "$9.00 a month · $90.00 a year". */
export function tierPrices(tier: Pick<TierDraft, 'monthlyPrice' | 'annualPrice'>): string {
  const monthly = `${usd(tier.monthlyPrice)} a month`;
  return tier.annualPrice === null ? monthly : `${monthly} · ${usd(tier.annualPrice)} a year`;
}

/** The trial and the pay-per-view discount, when there are: "7-day free trial · 10% off pay-per-view". */
export function tierExtras(tier: Pick<TierDraft, 'trialDays' | 'ppvDiscountBps'>): string {
  const parts: string[] = [];
  if (tier.trialDays > 0) parts.push(`${tier.trialDays}-day free trial`);
  if (tier.ppvDiscountBps > 0) parts.push(`${tier.ppvDiscountBps / 100}% off pay-per-view`);
  return parts.join(' · ');
}

/** What a code takes off, for which tier, how often and until when: "30% off · Gold · 100 uses · until 1 July 2026". */
export function promoTerms(promo: LocalPromo, tiers: readonly LocalTier[], locale?: string): string {
  const parts = [
    promo.percentOff !== null ? `${promo.percentOff}% off` : `${usd(promo.amountOff ?? '0')} off`,
  ];
  parts.push(
    promo.tierId === null ? 'any tier' : (tiers.find((t) => t.id === promo.tierId)?.name ?? 'a tier'),
  );
  parts.push(promo.maxUses === null ? 'no limit of uses' : `${promo.maxUses} uses`);
  if (promo.expiresAt !== null) {
    parts.push(`until ${new Date(promo.expiresAt).toLocaleDateString(locale, { dateStyle: 'long' })}`);
  }
  return parts.join(' · ');
}

export type OfferAction = 'save' | 'archive' | 'deactivate' | 'keep-mine' | 'keep-server';

// `waiting`: kept in the studio, but fans see it only once the server has it.
const WORDS: Readonly<Record<OfferAction, SyncNoticeWords>> = {
  save: { done: 'Saved.', waiting: 'Saved in the studio. Fans see it when the studio is back online.' },
  archive: {
    done: 'Archived: it takes no new subscribers.',
    waiting: 'Archived in the studio. Fans can still subscribe until the studio is back online.',
  },
  deactivate: {
    done: 'Deactivated: fans can no longer use it.',
    waiting: 'Deactivated in the studio. Fans can still use it until the studio is back online.',
  },
  'keep-mine': {
    done: 'Kept your version.',
    waiting: 'Kept your version in the studio. Fans see it when the studio is back online.',
  },
  'keep-server': { done: "Kept the server's version.", waiting: "Kept the server's version." },
};

/** What the Offers screen says after a change, as the post editor does: done, or when fans will see it. */
export function offerNotice(
  action: OfferAction,
  syncState: SyncState,
  connection: ConnectionState | null,
): Notice {
  return syncNotice(WORDS[action], syncState, connection);
}

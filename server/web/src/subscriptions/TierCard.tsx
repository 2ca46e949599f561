import { useId } from 'react';
import { Link } from 'react-router';
import { displayMinor } from '../format/money';
import { subscriptionsPath } from '../routing/paths';
import { annualSaving, pricePer, tierPerks, tierPrice, trialText } from './price-labels';
import { subscriptionStatus } from './subscription-status';
import type { Subscription, Tier } from './subscription-types';
import { quoteTierChange } from './tier-change';

interface TierCardProps {
  readonly tier: Tier;
  readonly now: Date;
  /** What the card offers: nothing (the creator, a visitor), Subscribe, or, to a subscriber, a change of tier. */
  readonly mode: 'view' | 'subscribe' | { readonly subscription: Subscription };
  readonly onChoose: () => void;
}

/** One tier: its name, monthly price (and yearly, with what it saves), free trial, description and perks. */
export function TierCard({ tier, now, mode, onChoose }: TierCardProps) {
  const titleId = useId();
  const subscription = typeof mode === 'object' ? mode.subscription : null;
  const yours = subscription?.tierId === tier.id;
  const saving = annualSaving(tier);
  const trial = trialText(tier.trialDays);
  const perks = tierPerks(tier);
  return (
    <li className={yours ? 'tier-card tier-card--yours' : 'tier-card'}>
      <article className="tier-card__body" aria-labelledby={titleId}>
        <header className="tier-card__header">
          <h3 id={titleId} className="tier-card__name" dir="auto">
            {tier.name}
          </h3>
          {yours ? <p className="tier-card__badge">Your tier</p> : null}
        </header>
        <p className="tier-card__price">
          <span className="tier-card__amount">{displayMinor(tier.currency, tier.monthlyPrice)}</span>
          <span className="tier-card__per">/month</span>
        </p>
        {tier.annualPrice === null ? null : (
          <p className="tier-card__annual">
            or {pricePer(tier.currency, tier.annualPrice, 'year')}
            {saving === null ? null : <span className="tier-card__saving"> (save {saving}%)</span>}
          </p>
        )}
        {trial ? <p className="tier-card__trial">{trial}</p> : null}
        {tier.description.trim() === '' ? null : (
          <p className="tier-card__description" dir="auto">
            {tier.description}
          </p>
        )}
        {perks.length === 0 ? null : (
          <ul className="tier-card__perks">
            {perks.map((perk, index) => (
              <li key={index} dir="auto">
                {perk}
              </li>
            ))}
          </ul>
        )}
        <TierAction tier={tier} now={now} mode={mode} onChoose={onChoose} />
      </article>
    </li>
  );
}

function TierAction({ tier, now, mode, onChoose }: TierCardProps) {
  if (mode === 'view') return null;
  if (mode === 'subscribe') {
    return (
      <button
        type="button"
        className="button button--primary tier-card__action"
        aria-haspopup="dialog"
        onClick={onChoose}
      >
        Subscribe<span className="visually-hidden"> to {tier.name}</span>
      </button>
    );
  }
  const { subscription } = mode;
  if (subscription.tierId === tier.id) {
    const status = subscriptionStatus(subscription, now);
    return (
      <div className="tier-card__yours">
        <p className={`subscription-status subscription-status--${status.tone}`}>{status.text}</p>
        <Link to={subscriptionsPath()} className="button tier-card__action">
          Manage<span className="visually-hidden"> your subscription</span>
        </Link>
      </div>
    );
  }
  const quote = quoteTierChange(subscription, tier, now);
  if (quote.kind === 'unavailable') return <p className="tier-card__why">{quote.reason}</p>;
  if (quote.kind === 'current') return null;
  const dearer = BigInt(tierPrice(tier, subscription.interval) ?? '0') > BigInt(subscription.price);
  return (
    <button type="button" className="button tier-card__action" aria-haspopup="dialog" onClick={onChoose}>
      {dearer ? 'Upgrade' : 'Downgrade'}
      <span className="visually-hidden"> to {tier.name}</span>
    </button>
  );
}

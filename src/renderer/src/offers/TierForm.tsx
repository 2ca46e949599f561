import { useState, type FormEvent } from 'react';
import type { LocalTier } from '@shared/domain/subscriptions/local-offers';
import { MAX_TRIAL_DAYS } from '@shared/domain/subscriptions/billing';
import { Field } from '../forms/Field';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall, type Notice } from '../forms/use-studio-call';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { offerNotice } from './offer-words';
import { tiersStored } from './offers-slice';
import {
  checkTierForm,
  newTierForm,
  tierFormOf,
  type TierForm as TierFields,
  type TierFormErrors,
} from './tier-form';

/**
 * The new tier form, or a tier's edit form: the fields, each with its own error, and Save. Saved offline too:
 * the tier waits in the outbox with the id the studio gave it.
 */
export function TierForm(props: {
  accountId: string;
  /** null: a new tier. */
  tier: LocalTier | null;
  nextRank: number;
  onDone: (notice: Notice | null) => void;
}) {
  const { accountId, tier, nextRank, onDone } = props;
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const [form, setForm] = useState<TierFields>(() => (tier ? tierFormOf(tier) : newTierForm(nextRank)));
  const call = useStudioCall<'save'>();
  const { errors, passed } = useCheckedForm<TierFormErrors>(call.fail);
  const change = (update: Partial<TierFields>) => setForm((current) => ({ ...current, ...update }));
  const title = tier ? `Edit ${tier.name}` : 'New tier';
  const titleId = tier ? `tier-form-${tier.id}` : 'tier-form-new';

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = passed(checkTierForm(form));
    if (!checked) return;
    const saved = await call.run(
      'save',
      () =>
        tier
          ? client.offers.updateTier.mutate({ accountId, id: tier.id, draft: checked.draft })
          : client.offers.createTier.mutate({ accountId, draft: checked.draft }),
      (result) => offerNotice('save', result.syncState, connection),
    );
    if (!saved) return;
    dispatch(tiersStored({ accountId, tiers: [saved] }));
    onDone(offerNotice('save', saved.syncState, connection));
  }

  return (
    <form className="card form offer-form" onSubmit={save} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <Field label="Name" error={errors.name}>
        {(id, errorLink) => (
          <input
            id={id}
            dir="auto"
            value={form.name}
            onChange={(e) => change({ name: e.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <div className="field-row">
        <div>
          <Field label="Monthly price ($)" error={errors.monthlyPrice}>
            {(id, errorLink) => (
              <input
                id={id}
                inputMode="decimal"
                placeholder="9.99"
                value={form.monthlyPrice}
                onChange={(e) => change({ monthlyPrice: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
        <div>
          <Field
            label="Annual price ($, optional)"
            error={errors.annualPrice}
            hint={{ text: 'Empty: monthly only.' }}
          >
            {(id, errorLink) => (
              <input
                id={id}
                inputMode="decimal"
                value={form.annualPrice}
                onChange={(e) => change({ annualPrice: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
      </div>
      {tier && (
        <p className="muted small">
          A new price applies to new subscribers; current subscribers keep theirs.
        </p>
      )}
      <div className="field-row">
        <div>
          <Field
            label="Free trial (days)"
            error={errors.trialDays}
            hint={{ text: `0 to ${MAX_TRIAL_DAYS} days.` }}
          >
            {(id, errorLink) => (
              <input
                id={id}
                inputMode="numeric"
                value={form.trialDays}
                onChange={(e) => change({ trialDays: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
        <div>
          <Field label="Pay-per-view discount (%)" error={errors.ppvDiscountPercent}>
            {(id, errorLink) => (
              <input
                id={id}
                inputMode="numeric"
                value={form.ppvDiscountPercent}
                onChange={(e) => change({ ppvDiscountPercent: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
        <div>
          <Field label="Rank" error={errors.rank} hint={{ text: "Higher includes lower ranks' perks." }}>
            {(id, errorLink) => (
              <input
                id={id}
                inputMode="numeric"
                value={form.rank}
                onChange={(e) => change({ rank: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
      </div>
      <Field label="Perks" error={errors.perks} hint={{ text: 'One per line, at most 10.' }}>
        {(id, errorLink) => (
          <textarea
            id={id}
            dir="auto"
            rows={3}
            value={form.perks}
            onChange={(e) => change({ perks: e.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <Field label="Description (optional)" error={errors.description}>
        {(id, errorLink) => (
          <textarea
            id={id}
            dir="auto"
            rows={2}
            value={form.description}
            onChange={(e) => change({ description: e.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <CallOutcome failure={call.failure} notice={call.notice} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={call.busy !== null}>
          {call.busy === 'save' ? 'Saving…' : tier ? 'Save tier' : 'Create tier'}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

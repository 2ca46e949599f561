import { useState, type FormEvent } from 'react';
import type { LocalPromo, LocalTier } from '@shared/domain/subscriptions/local-offers';
import { Field } from '../forms/Field';
import { useCheckedForm } from '../forms/use-checked-form';
import { CallOutcome, useStudioCall, type Notice } from '../forms/use-studio-call';
import { SyncBadge } from '../shell/SyncBadge';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { offerNotice, promoTerms } from './offer-words';
import { promosStored } from './offers-slice';
import { checkPromoForm, NEW_PROMO_FORM, type PromoForm, type PromoFormErrors } from './promo-form';

/** The new promo code form. */
function NewPromoForm(props: {
  accountId: string;
  tiers: readonly LocalTier[];
  onDone: (notice: Notice | null) => void;
}) {
  const { accountId, tiers, onDone } = props;
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const [form, setForm] = useState<PromoForm>(NEW_PROMO_FORM);
  const call = useStudioCall<'save'>();
  const { errors, passed } = useCheckedForm<PromoFormErrors>(call.fail);
  const change = (update: Partial<PromoForm>) => setForm((current) => ({ ...current, ...update }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const checked = passed(checkPromoForm(form, new Date()));
    if (!checked) return;
    const saved = await call.run(
      'save',
      () => client.offers.createPromo.mutate({ accountId, draft: checked.draft }),
      (result) => offerNotice('save', result.syncState, connection),
    );
    if (!saved) return;
    dispatch(promosStored({ accountId, promos: [saved] }));
    onDone(offerNotice('save', saved.syncState, connection));
  }

  return (
    <form className="card form offer-form" onSubmit={save} noValidate aria-labelledby="promo-form-title">
      <h3 id="promo-form-title">New promo code</h3>
      <Field
        label="Code"
        error={errors.code}
        hint={{ text: '3 to 30 letters, digits, - or _. Fans type it in any case.' }}
      >
        {(id, errorLink) => (
          <input
            id={id}
            className="mono"
            autoCapitalize="characters"
            value={form.code}
            onChange={(e) => change({ code: e.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <fieldset className="offer-choice">
        <legend>Discount on the first charge</legend>
        <label>
          <input
            type="radio"
            name="promo-kind"
            checked={form.discountKind === 'percent'}
            onChange={() => change({ discountKind: 'percent' })}
          />{' '}
          Percentage off
        </label>
        <label>
          <input
            type="radio"
            name="promo-kind"
            checked={form.discountKind === 'amount'}
            onChange={() => change({ discountKind: 'amount' })}
          />{' '}
          Amount off
        </label>
      </fieldset>
      {form.discountKind === 'percent' ? (
        <Field label="Percentage off (%)" error={errors.discount}>
          {(id, errorLink) => (
            <input
              id={id}
              inputMode="numeric"
              value={form.percentOff}
              onChange={(e) => change({ percentOff: e.target.value })}
              {...errorLink}
            />
          )}
        </Field>
      ) : (
        <Field label="Amount off ($)" error={errors.discount}>
          {(id, errorLink) => (
            <input
              id={id}
              inputMode="decimal"
              value={form.amountOff}
              onChange={(e) => change({ amountOff: e.target.value })}
              {...errorLink}
            />
          )}
        </Field>
      )}
      <div className="field-row">
        <div>
          <Field label="For tier" error={errors.tierId}>
            {(id, errorLink) => (
              <select
                id={id}
                value={form.tierId}
                onChange={(e) => change({ tierId: e.target.value })}
                {...errorLink}
              >
                <option value="">Any tier</option>
                {tiers
                  .filter((tier) => !tier.archived)
                  .map((tier) => (
                    <option key={tier.id} value={tier.id}>
                      {tier.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </div>
        <div>
          <Field label="Limit of uses (optional)" error={errors.maxUses}>
            {(id, errorLink) => (
              <input
                id={id}
                inputMode="numeric"
                value={form.maxUses}
                onChange={(e) => change({ maxUses: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
        <div>
          <Field label="Last day it works (optional)" error={errors.expiresOn}>
            {(id, errorLink) => (
              <input
                id={id}
                type="date"
                value={form.expiresOn}
                onChange={(e) => change({ expiresOn: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
        </div>
      </div>
      <CallOutcome failure={call.failure} notice={call.notice} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={call.busy !== null}>
          {call.busy === 'save' ? 'Saving…' : 'Create code'}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One code: its terms, whether fans can use it, and Deactivate (or Remove, for a code the server refused). */
function PromoItem(props: {
  accountId: string;
  promo: LocalPromo;
  tiers: readonly LocalTier[];
  onNotice: (notice: Notice) => void;
}) {
  const { accountId, promo, tiers, onNotice } = props;
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const [confirming, setConfirming] = useState(false);
  const call = useStudioCall<'deactivate'>();
  // The server never took it: removing it here is all there is to do.
  const refusedCreate = promo.syncState === 'rejected' && promo.active;

  async function deactivate() {
    const result = await call.run(
      'deactivate',
      async () => ({ promo: await client.offers.deactivatePromo.mutate({ accountId, id: promo.id }) }),
      '',
    );
    if (result === null) return;
    setConfirming(false);
    const after = result.promo;
    dispatch(promosStored({ accountId, promos: after ? [after] : [], gone: after ? [] : [promo.id] }));
    onNotice(
      after ? offerNotice('deactivate', after.syncState, connection) : { text: 'Removed.', tone: 'done' },
    );
  }

  return (
    <li className="offer" aria-labelledby={`promo-${promo.id}`}>
      <header className="offer-header">
        <h3 id={`promo-${promo.id}`} className="mono">
          {promo.code}
        </h3>
        <SyncBadge state={promo.syncState} />
        <span className={`badge${promo.active ? ' badge--published' : ''}`}>
          {promo.active ? 'Active' : 'Deactivated'}
        </span>
      </header>
      <p className="muted small">{promoTerms(promo, tiers)}</p>
      {promo.syncState === 'rejected' && (
        <p className="form-error" role="alert">
          The server refused this code: {promo.syncError ?? 'no reason given'}.
        </p>
      )}
      {call.failure && (
        <p className="form-error" role="alert">
          {call.failure}
        </p>
      )}
      {promo.active && (
        <div className="actions">
          {confirming ? (
            <span className="confirm" role="group" aria-label={`Confirm deactivating ${promo.code}`}>
              <span>Fans can no longer use it. This cannot be undone.</span>
              <button
                type="button"
                className="button button--danger"
                disabled={call.busy !== null}
                onClick={() => void deactivate()}
              >
                Deactivate {promo.code}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={call.busy !== null}
              onClick={() => (refusedCreate ? void deactivate() : setConfirming(true))}
            >
              {refusedCreate ? 'Remove' : 'Deactivate'}
              <span className="sr-only"> {promo.code}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** The creator's promo codes: the ones in use first, and the new code form. */
export function PromosSection({ accountId }: { accountId: string }) {
  const promos = useAppSelector((state) => state.offers.promos);
  const tiers = useAppSelector((state) => state.offers.tiers) ?? [];
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const done = (said: Notice | null) => {
    setCreating(false);
    setNotice(said);
  };

  return (
    <section className="card offers-section" aria-labelledby="promos-title">
      <header className="offers-section-header">
        <h2 id="promos-title">Promo codes</h2>
        {!creating && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setCreating(true);
              setNotice(null);
            }}
          >
            New promo code
          </button>
        )}
      </header>
      <p className="muted small">A code takes its discount off a new subscription&apos;s first charge.</p>
      <CallOutcome failure={null} notice={notice} />
      {creating && <NewPromoForm accountId={accountId} tiers={tiers} onDone={done} />}
      {promos === null ? (
        <p className="muted" role="status">
          Loading your promo codes…
        </p>
      ) : promos.length === 0 ? (
        !creating && <p className="empty muted">No promo codes yet.</p>
      ) : (
        <ul className="offer-list" aria-label="Promo codes">
          {promos.map((promo) => (
            <PromoItem
              key={promo.id}
              accountId={accountId}
              promo={promo}
              tiers={tiers}
              onNotice={setNotice}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

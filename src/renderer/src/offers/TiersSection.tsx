import { useState } from 'react';
import type { LocalTier } from '@shared/domain/subscriptions/local-offers';
import type { TierSnapshot } from '@shared/domain/subscriptions/tier';
import { CallOutcome, useStudioCall, type Notice } from '../forms/use-studio-call';
import { SyncBadge } from '../shell/SyncBadge';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { SyncConflict, type ConflictSide } from '../shell/SyncConflict';
import { offerNotice, tierExtras, tierPrices, type OfferAction } from './offer-words';
import { tiersStored } from './offers-slice';
import { TierForm } from './TierForm';

const sideOf = (heading: string, tier: TierSnapshot): ConflictSide => ({
  heading,
  facts: [
    ['Name', tier.name],
    ['Price', tierPrices(tier)],
    ['Trial and discount', tierExtras(tier) || 'None'],
    ['Perks', tier.perks.join(', ') || 'None'],
  ],
});

/** One tier: what fans are offered, where it stands with the server, and what the creator can do to it. */
function TierItem(props: {
  accountId: string;
  tier: LocalTier;
  onEdit: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const { accountId, tier, onEdit, onNotice } = props;
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  const [confirming, setConfirming] = useState(false);
  const call = useStudioCall<OfferAction>();
  const busy = call.busy !== null;

  async function run(action: OfferAction, request: () => Promise<LocalTier | null>) {
    // Wrapped: a tier the server never had comes back as null (gone), which is no failure.
    const result = await call.run(action, async () => ({ tier: await request() }), '');
    if (result === null) return;
    setConfirming(false);
    const { tier: after } = result;
    dispatch(tiersStored({ accountId, tiers: after ? [after] : [], gone: after ? [] : [tier.id] }));
    onNotice(offerNotice(action, after?.syncState ?? 'synced', connection));
  }

  const archive = () => run('archive', () => client.offers.archiveTier.mutate({ accountId, id: tier.id }));
  const keep = (choice: 'mine' | 'server') =>
    run(choice === 'mine' ? 'keep-mine' : 'keep-server', () =>
      client.offers.resolveTierConflict.mutate({ accountId, id: tier.id, keep: choice }),
    );

  return (
    <li className="offer" aria-labelledby={`tier-${tier.id}`}>
      <header className="offer-header">
        <h3 id={`tier-${tier.id}`} dir="auto">
          {tier.name}
        </h3>
        <SyncBadge state={tier.syncState} />
        {tier.archived && <span className="badge">Archived</span>}
      </header>
      <p className="offer-price">{tierPrices(tier)}</p>
      {tierExtras(tier) && <p className="muted small">{tierExtras(tier)}</p>}
      {tier.perks.length > 0 && (
        <ul className="offer-perks">
          {tier.perks.map((perk, index) => (
            <li key={index} dir="auto">
              {perk}
            </li>
          ))}
        </ul>
      )}
      {tier.syncState === 'rejected' && (
        <p className="form-error" role="alert">
          The server refused the last change: {tier.syncError ?? 'no reason given'}.{' '}
          {tier.archived ? '' : 'Edit and save again, or archive it.'}
        </p>
      )}
      {tier.syncState === 'conflict' && tier.serverVersion && (
        <SyncConflict
          title={`${tier.name} changed on the server too`}
          mine={sideOf('Your version', tier)}
          server={sideOf("Server's version", tier.serverVersion)}
          busy={busy}
          onKeep={(choice) => void keep(choice)}
        />
      )}
      {call.failure && (
        <p className="form-error" role="alert">
          {call.failure}
        </p>
      )}
      {!tier.archived && (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={onEdit}>
            Edit<span className="sr-only"> {tier.name}</span>
          </button>
          {confirming ? (
            <span className="confirm" role="group" aria-label={`Confirm archiving ${tier.name}`}>
              <span>No new subscribers; current ones keep it.</span>
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                onClick={() => void archive()}
              >
                Archive {tier.name}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Archive<span className="sr-only"> {tier.name}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** The creator's subscription tiers: the ones on sale, the new tier form, and the archived ones folded away. */
export function TiersSection({ accountId }: { accountId: string }) {
  const tiers = useAppSelector((state) => state.offers.tiers);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const onSale = (tiers ?? []).filter((tier) => !tier.archived);
  const archived = (tiers ?? []).filter((tier) => tier.archived);
  const nextRank = Math.min(100, Math.max(0, ...onSale.map((tier) => tier.rank + 1)));
  const done = (said: Notice | null) => {
    setEditing(null);
    setNotice(said);
  };
  const edit = (id: string) => {
    setEditing(id);
    setNotice(null);
  };

  return (
    <section className="card offers-section" aria-labelledby="tiers-title">
      <header className="offers-section-header">
        <h2 id="tiers-title">Subscription tiers</h2>
        {editing !== 'new' && (
          <button type="button" className="button button--primary" onClick={() => edit('new')}>
            New tier
          </button>
        )}
      </header>
      <p className="muted small">
        Fans subscribe monthly, or yearly where a tier has an annual price. A higher rank includes the lower
        ranks&apos; perks.
      </p>
      <CallOutcome failure={null} notice={notice} />
      {editing === 'new' && <TierForm accountId={accountId} tier={null} nextRank={nextRank} onDone={done} />}
      {tiers === null ? (
        <p className="muted" role="status">
          Loading your tiers…
        </p>
      ) : onSale.length === 0 && editing !== 'new' ? (
        <p className="empty muted">No tiers yet. Create one to let fans subscribe.</p>
      ) : (
        <ul className="offer-list" aria-label="Tiers on sale">
          {onSale.map((tier) =>
            editing === tier.id ? (
              <li key={tier.id} className="offer">
                <TierForm accountId={accountId} tier={tier} nextRank={nextRank} onDone={done} />
              </li>
            ) : (
              <TierItem
                key={tier.id}
                accountId={accountId}
                tier={tier}
                onEdit={() => edit(tier.id)}
                onNotice={setNotice}
              />
            ),
          )}
        </ul>
      )}
      {archived.length > 0 && (
        <details className="offers-archived">
          <summary>Archived tiers ({archived.length})</summary>
          <ul className="offer-list" aria-label="Archived tiers">
            {archived.map((tier) => (
              <TierItem
                key={tier.id}
                accountId={accountId}
                tier={tier}
                onEdit={() => undefined}
                onNotice={setNotice}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

import { useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { PromosSection } from './PromosSection';
import { TiersSection } from './TiersSection';
import { TipSettingsSection } from './TipSettingsSection';
import './offers.css';

/**
 * Offers: what fans can pay for on the creator's page (subscription tiers, promo codes, tips), edited here
 * offline or online; the server's refusals and conflicts show on the thing they concern.
 */
export function OffersScreen() {
  const account = useAppSelector((state) => activeAccount(state.studio));
  const error = useAppSelector((state) => state.offers.error);
  if (!account) {
    return (
      <section className="offers">
        <h1 id="screen-title">Offers</h1>
        <p className="muted">
          Sign in with a creator account (under Accounts) to set your tiers, promo codes and tips.
        </p>
      </section>
    );
  }
  return (
    <section className="offers">
      <header className="screen-header">
        <h1 id="screen-title">Offers</h1>
      </header>
      {error !== null && (
        <p className="form-error" role="alert">
          Your offers could not be loaded: {error}
        </p>
      )}
      <TiersSection key={`tiers-${account.id}`} accountId={account.id} />
      <PromosSection key={`promos-${account.id}`} accountId={account.id} />
      <TipSettingsSection key={`tips-${account.id}`} accountId={account.id} />
    </section>
  );
}

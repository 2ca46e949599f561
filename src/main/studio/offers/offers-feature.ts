import type { KindContext } from '../sync/synced-kind';
import { PromoEditor } from './promo-editor';
import { promoStudioKind } from './promo-sync';
import { PromoTable } from './promo-table';
import { TierEditor } from './tier-editor';
import { tierStudioKind } from './tier-sync';
import { TierTable } from './tier-table';
import { TipSettingsEditor } from './tip-settings-editor';
import { tipSettingsStudioKind } from './tip-settings-sync';
import { TipSettingsTable } from './tip-settings-table';

/**
 * The creator's offers over one account's database: subscription tiers, promo codes and tip settings, what
 * the creator edits offline, and the three kinds the sync engine applies.
 */
export function openOffers(context: KindContext) {
  const { db, outbox, account } = context;
  const tierTable = new TierTable(db);
  const promoTable = new PromoTable(db);
  const tipSettingsTable = new TipSettingsTable(db);
  const tiers = new TierEditor(db, tierTable, outbox, account.id);
  const promos = new PromoEditor(db, promoTable, tierTable, outbox, account.id);
  const tipSettings = new TipSettingsEditor(db, tipSettingsTable, outbox, account.id);
  return {
    tiers,
    promos,
    tipSettings,
    kinds: [
      tierStudioKind(context, tierTable, tiers),
      promoStudioKind(context, promoTable),
      tipSettingsStudioKind(context, tipSettingsTable, tipSettings),
    ],
  };
}

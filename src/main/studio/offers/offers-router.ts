import { z } from 'zod';
import type { LocalPromo, LocalTier } from '@shared/domain/subscriptions/local-offers';
import { PROMO_KIND, promoDraftSchema } from '@shared/domain/subscriptions/promo';
import { TIER_KIND, tierDraftSchema } from '@shared/domain/subscriptions/tier';
import type { LocalTipSettings } from '@shared/domain/tips/local-tip-settings';
import { TIP_SETTINGS_KIND, tipSettingsDraftSchema } from '@shared/domain/tips/tip-settings';
import { accountProcedure, router } from '../trpc';

const tierId = z.object({ id: z.uuid() });
const ids = z.object({ ids: z.array(z.uuid()).max(1000) });
const keep = z.enum(['mine', 'server']);
const itself = (record: { id: string }) => [record.id];
const named = (id: string) => () => [id];

/**
 * `offers.*`: one account's tiers, promo codes and tip settings as the studio holds them, edited offline or
 * online. Input is checked with the shared rules here (a refusal names the field) and again by the editors.
 */
export const offersRouter = router({
  tiers: accountProcedure.query(({ ctx }): LocalTier[] => ctx.session.features.tiers.list()),
  tiersByIds: accountProcedure
    .input(ids)
    .query(({ ctx, input }) => ctx.session.features.tiers.byIds(input.ids)),
  createTier: accountProcedure
    .input(z.object({ draft: tierDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(TIER_KIND.entity, (f) => f.tiers.create(input.draft), itself),
    ),
  updateTier: accountProcedure
    .input(tierId.extend({ draft: tierDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(TIER_KIND.entity, (f) => f.tiers.update(input.id, input.draft), itself),
    ),
  archiveTier: accountProcedure
    .input(tierId)
    .mutation(({ ctx, input }) =>
      ctx.session.edit(TIER_KIND.entity, (f) => f.tiers.archive(input.id), named(input.id)),
    ),
  resolveTierConflict: accountProcedure
    .input(tierId.extend({ keep }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(TIER_KIND.entity, (f) => f.tiers.resolveConflict(input.id, input.keep), itself),
    ),

  promos: accountProcedure.query(({ ctx }): LocalPromo[] => ctx.session.features.promos.list()),
  promosByIds: accountProcedure
    .input(ids)
    .query(({ ctx, input }) => ctx.session.features.promos.byIds(input.ids)),
  createPromo: accountProcedure
    .input(z.object({ draft: promoDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(PROMO_KIND.entity, (f) => f.promos.create(input.draft), itself),
    ),
  deactivatePromo: accountProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(PROMO_KIND.entity, (f) => f.promos.deactivate(input.id), named(input.id)),
    ),

  tipSettings: accountProcedure.query(({ ctx }): LocalTipSettings => ctx.session.features.tipSettings.get()),
  updateTipSettings: accountProcedure
    .input(z.object({ draft: tipSettingsDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(
        TIP_SETTINGS_KIND.entity,
        (f) => f.tipSettings.update(input.draft),
        (settings) => [settings.creatorId],
      ),
    ),
  resolveTipSettingsConflict: accountProcedure.input(z.object({ keep })).mutation(({ ctx, input }) =>
    ctx.session.edit(
      TIP_SETTINGS_KIND.entity,
      (f) => f.tipSettings.resolveConflict(input.keep),
      (settings) => [settings.creatorId],
    ),
  ),
});

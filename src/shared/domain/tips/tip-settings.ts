import { z } from 'zod';
import { amount, formatAmount } from '../money/amount';
import { mutableKind } from '../sync/kind';
import type { Mutation } from '../sync/protocol';
import { singleLineText } from '../text';
import { DEFAULT_TIP_SETTINGS, MAX_TIP_PRESETS, minorUnitsSchema, TIP_MAX_CENTS } from './tip-rules';

/**
 * A creator's tip settings (PRODUCT.md, "Money"; the tip dialog on their page): the smallest tip they take,
 * up to six preset amounts, and an optional goal whose progress counts the tips since it was set.
 */

/** Below this a tip is mostly card fees. */
export const TIP_MINIMUM_FLOOR_CENTS = 50n;
export const TIP_GOAL_TITLE_MAX = 80;

const DIGITS = /^[0-9]+$/;
const dollars = (cents: bigint) => formatAmount(amount('USD', cents), { symbol: true });
const cents = (minor: string) => (DIGITS.test(minor) ? BigInt(minor) : null);

export const tipGoalSchema = z.object({
  title: singleLineText('a goal title', TIP_GOAL_TITLE_MAX).pipe(z.string().min(1, 'a goal needs a title')),
  amount: minorUnitsSchema.refine((minor) => cents(minor) !== 0n, 'a goal must be more than zero'),
});

/** The fields a creator edits; presets come out without repeats, smallest first. */
export const tipSettingsDraftSchema = z
  .object({
    minimum: minorUnitsSchema
      .refine(
        (minor) => (cents(minor) ?? TIP_MINIMUM_FLOOR_CENTS) >= TIP_MINIMUM_FLOOR_CENTS,
        `the smallest tip can be no less than ${dollars(TIP_MINIMUM_FLOOR_CENTS)} (card fees)`,
      )
      .refine(
        (minor) => (cents(minor) ?? 0n) <= TIP_MAX_CENTS,
        `the minimum is at most the largest tip, ${dollars(TIP_MAX_CENTS)}`,
      ),
    presets: z
      .array(minorUnitsSchema)
      .max(MAX_TIP_PRESETS, `at most ${MAX_TIP_PRESETS} presets`)
      .transform((presets) =>
        // Zod runs this even beside a malformed preset (refused with its own message): keep it as typed then.
        presets.every((p) => DIGITS.test(p))
          ? [...new Set(presets.map(BigInt))].sort((a, b) => (a < b ? -1 : 1)).map(String)
          : presets,
      ),
    goal: tipGoalSchema.nullable(),
  })
  .refine(
    ({ minimum, presets }) =>
      presets.every((p) => {
        const preset = cents(p);
        const least = cents(minimum);
        // Malformed amounts have their own messages.
        return preset === null || least === null || (preset >= least && preset <= TIP_MAX_CENTS);
      }),
    { message: 'each preset must be between the minimum and the largest tip', path: ['presets'] },
  );
export type TipSettingsDraft = z.infer<typeof tipSettingsDraftSchema>;

/** The settings as the server keeps them: what the change feed carries and a conflict shows. */
export interface TipSettingsSnapshot {
  /** The creator's account id: a creator has one set of tip settings. */
  readonly creatorId: string;
  readonly currency: 'USD';
  readonly minimum: string;
  readonly presets: readonly string[];
  /** `startedAt`: tips since then count toward it (a new title starts a new goal). */
  readonly goal: { readonly title: string; readonly amount: string; readonly startedAt: string } | null;
  /** Server version, +1 on every accepted change; 0 for settings never set. */
  readonly version: number;
  readonly updatedAt: string | null;
}

/** The one change the studio asks for: the whole draft over the version it was based on. */
export const tipSettingsChangeSchema = z.object({
  type: z.literal('update'),
  baseVersion: z.number().int().nonnegative(),
  draft: tipSettingsDraftSchema,
});
export type TipSettingsChange = z.infer<typeof tipSettingsChangeSchema>;
export type TipSettingsMutation = Mutation<TipSettingsChange>;

/** Tip settings: edited in the studio, offline or online, and on the web; the entity id is the creator's id. */
export const TIP_SETTINGS_KIND = mutableKind('tip_settings', tipSettingsChangeSchema);

/** The settings of a creator who never set them. */
export function defaultTipSettings(creatorId: string): TipSettingsSnapshot {
  return {
    creatorId,
    currency: DEFAULT_TIP_SETTINGS.currency,
    minimum: DEFAULT_TIP_SETTINGS.minimum,
    presets: [...DEFAULT_TIP_SETTINGS.presets],
    goal: null,
    version: 0,
    updatedAt: null,
  };
}

export function tipSettingsDraftOf(settings: TipSettingsSnapshot): TipSettingsDraft {
  return {
    minimum: settings.minimum,
    presets: [...settings.presets],
    goal: settings.goal ? { title: settings.goal.title, amount: settings.goal.amount } : null,
  };
}

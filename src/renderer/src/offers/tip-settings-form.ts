import { issuesByField } from '@shared/domain/input-issues';
import { MAX_TIP_PRESETS } from '@shared/domain/tips/tip-rules';
import { tipSettingsDraftSchema, type TipSettingsDraft } from '@shared/domain/tips/tip-settings';
import { centsOf, dollarsOf } from './money-field';

/** What the tip settings form holds, as typed, in dollars. */
export interface TipSettingsForm {
  readonly minimum: string;
  readonly presets: readonly string[];
  readonly goalOn: boolean;
  readonly goalTitle: string;
  readonly goalAmount: string;
}

export type TipSettingsFormErrors = Partial<
  Record<'minimum' | 'presets' | 'goalTitle' | 'goalAmount', string>
>;

export type TipSettingsFormCheck =
  | { readonly ok: true; readonly draft: TipSettingsDraft }
  | { readonly ok: false; readonly errors: TipSettingsFormErrors };

export function tipSettingsFormOf(settings: TipSettingsDraft): TipSettingsForm {
  return {
    minimum: dollarsOf(settings.minimum),
    presets: settings.presets.map(dollarsOf),
    goalOn: settings.goal !== null,
    goalTitle: settings.goal?.title ?? '',
    goalAmount: settings.goal ? dollarsOf(settings.goal.amount) : '',
  };
}

/** Whether another preset may be added. */
export const canAddPreset = (form: TipSettingsForm): boolean => form.presets.length < MAX_TIP_PRESETS;

/**
 * The form as a valid draft (the shared tip rules, as the server checks them), or a sentence per field that is
 * wrong. Empty preset fields are dropped; the goal counts only while it is switched on.
 */
export function checkTipSettingsForm(form: TipSettingsForm): TipSettingsFormCheck {
  const errors: { -readonly [K in keyof TipSettingsFormErrors]?: string } = {};
  const minimum = centsOf(form.minimum, 'the smallest tip');
  if ('error' in minimum) errors.minimum = minimum.error;
  const presets: string[] = [];
  for (const text of form.presets.filter((preset) => preset.trim() !== '')) {
    const preset = centsOf(text, 'each preset');
    if ('error' in preset) errors.presets ??= preset.error;
    else presets.push(preset.cents);
  }
  const goalAmount = form.goalOn ? centsOf(form.goalAmount, 'the goal') : null;
  if (goalAmount && 'error' in goalAmount) errors.goalAmount = goalAmount.error;
  const parsed = tipSettingsDraftSchema.safeParse({
    minimum: 'cents' in minimum ? minimum.cents : '100',
    presets,
    goal: form.goalOn
      ? { title: form.goalTitle, amount: goalAmount && 'cents' in goalAmount ? goalAmount.cents : '1' }
      : null,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, draft: parsed.data };
  if (!parsed.success) {
    const byField = issuesByField(parsed.error.issues);
    const goal = parsed.error.issues.filter((issue) => issue.path[0] === 'goal');
    const goalByField = issuesByField(goal.map((issue) => ({ ...issue, path: issue.path.slice(1) })));
    if (byField.minimum) errors.minimum ??= byField.minimum;
    if (byField.presets) errors.presets ??= byField.presets;
    if (goalByField.title) errors.goalTitle = goalByField.title;
    if (goalByField.amount) errors.goalAmount ??= goalByField.amount;
  }
  return { ok: false, errors };
}

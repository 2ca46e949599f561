import type { AccessRule } from '@shared/domain/access/rule';
import { formatRule, parseRule } from '@shared/domain/access/text';
import { formatAmount, parseAmount, type Currency } from '@shared/domain/money/amount';

/**
 * The choices of the access picker; anything richer is written as an expression. `buyers` and
 * `subscriberOrBuyer` let in whoever bought this very post (`purchased(<its id>)`): a priced post needs one.
 */
export type AccessMode =
  'public' | 'follower' | 'subscriber' | 'buyers' | 'subscriberOrBuyer' | 'tipped' | 'after' | 'expression';

export const ACCESS_MODE_LABELS: Readonly<Record<AccessMode, string>> = {
  public: 'Public',
  follower: 'Followers',
  subscriber: 'Subscribers',
  buyers: 'Buyers',
  subscriberOrBuyer: 'Subscribers or buyers',
  tipped: 'Tipped',
  after: 'Available after',
  expression: 'Expression',
};

/** The modes that let this post's buyers in. */
export const BUYER_MODES: readonly AccessMode[] = ['buyers', 'subscriberOrBuyer'];

/** What the picker's inputs hold, as typed (text), so half-typed values survive re-renders. */
export interface AccessPickerState {
  readonly mode: AccessMode;
  readonly minTier: string;
  readonly tipAmount: string;
  readonly tipCurrency: Currency;
  readonly tipDays: string;
  /** A `datetime-local` value (local time, `YYYY-MM-DDTHH:mm`). */
  readonly afterLocal: string;
  readonly expression: string;
}

export type RuleFromPicker =
  { readonly ok: true; readonly rule: AccessRule } | { readonly ok: false; readonly error: string };

export const EMPTY_PICKER: AccessPickerState = {
  mode: 'public',
  minTier: '',
  tipAmount: '',
  tipCurrency: 'USD',
  tipDays: '',
  afterLocal: '',
  expression: 'public',
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as a `datetime-local` value in this computer's time zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (this computer's time zone) as an ISO instant in UTC, or null if incomplete. */
export function localInputToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `any(subscriber(…), purchased(postId))`, the rule of "Subscribers or buyers", as its tier; else null. */
function subscriberOrBuyerTier(rule: AccessRule, postId: string | undefined): string | null {
  if (rule.kind !== 'any' || rule.rules.length !== 2 || postId === undefined) return null;
  const [subscriber, purchased] = rule.rules;
  if (subscriber?.kind !== 'subscriber' || purchased?.kind !== 'purchased') return null;
  return purchased.itemId === postId ? (subscriber.minTier ?? '') : null;
}

/**
 * The picker showing `rule` of post `postId`: its simple mode when it is one, otherwise the expression text.
 * Buying this post is a simple mode; buying another one is written as an expression.
 */
export function pickerFromRule(rule: AccessRule, postId?: string): AccessPickerState {
  const base: AccessPickerState = { ...EMPTY_PICKER, expression: formatRule(rule) };
  const tierOrBuyer = subscriberOrBuyerTier(rule, postId);
  if (tierOrBuyer !== null) return { ...base, mode: 'subscriberOrBuyer', minTier: tierOrBuyer };
  switch (rule.kind) {
    case 'public':
    case 'follower':
      return { ...base, mode: rule.kind };
    case 'subscriber':
      return { ...base, mode: 'subscriber', minTier: rule.minTier ?? '' };
    case 'purchased':
      return rule.itemId === postId ? { ...base, mode: 'buyers' } : { ...base, mode: 'expression' };
    case 'tipped':
      return {
        ...base,
        mode: 'tipped',
        tipCurrency: rule.min.currency,
        tipAmount: formatAmount({ currency: rule.min.currency, minor: BigInt(rule.min.minor) }),
        tipDays: rule.withinDays === undefined ? '' : String(rule.withinDays),
      };
    case 'after': {
      // The date input holds minutes; a rule with seconds stays an expression so saving never shifts it.
      const date = new Date(rule.date);
      if (date.getSeconds() !== 0 || date.getMilliseconds() !== 0) return { ...base, mode: 'expression' };
      return { ...base, mode: 'after', afterLocal: isoToLocalInput(rule.date) };
    }
    default:
      return { ...base, mode: 'expression' };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function subscriberRule(state: AccessPickerState): RuleFromPicker {
  const tier = state.minTier.trim();
  if (tier.length > 64) return { ok: false, error: 'The tier name is at most 64 characters.' };
  return { ok: true, rule: tier === '' ? { kind: 'subscriber' } : { kind: 'subscriber', minTier: tier } };
}

/**
 * The rule the picker describes for post `postId`, or the reason it describes none, in words for the form.
 * The buyer modes name the post, so they need its id.
 */
export function ruleFromPicker(state: AccessPickerState, postId?: string): RuleFromPicker {
  switch (state.mode) {
    case 'public':
    case 'follower':
      return { ok: true, rule: { kind: state.mode } };
    case 'subscriber':
      return subscriberRule(state);
    case 'buyers':
    case 'subscriberOrBuyer': {
      if (postId === undefined) return { ok: false, error: 'Buyers: this post has no id yet.' };
      const purchased: AccessRule = { kind: 'purchased', itemId: postId };
      if (state.mode === 'buyers') return { ok: true, rule: purchased };
      const subscriber = subscriberRule(state);
      if (!subscriber.ok) return subscriber;
      return { ok: true, rule: { kind: 'any', rules: [subscriber.rule, purchased] } };
    }
    case 'tipped': {
      let minor: bigint;
      try {
        minor = parseAmount(state.tipAmount, state.tipCurrency).minor;
      } catch (error) {
        return { ok: false, error: `Minimum tip: ${messageOf(error)}.` };
      }
      if (minor === 0n) return { ok: false, error: 'Minimum tip: the amount must be more than zero.' };
      const days = state.tipDays.trim();
      if (days === '')
        return {
          ok: true,
          rule: { kind: 'tipped', min: { currency: state.tipCurrency, minor: minor.toString() } },
        };
      if (!/^[1-9][0-9]{0,3}$/.test(days) || Number(days) > 3650) {
        return {
          ok: false,
          error: 'Within days: a whole number of days from 1 to 3650, or empty for any time.',
        };
      }
      return {
        ok: true,
        rule: {
          kind: 'tipped',
          min: { currency: state.tipCurrency, minor: minor.toString() },
          withinDays: Number(days),
        },
      };
    }
    case 'after': {
      const iso = localInputToIso(state.afterLocal);
      if (iso === null) return { ok: false, error: 'Available after: choose a date and time.' };
      return { ok: true, rule: { kind: 'after', date: iso } };
    }
    case 'expression':
      try {
        return { ok: true, rule: parseRule(state.expression) };
      } catch (error) {
        return { ok: false, error: `Expression: ${messageOf(error)}` };
      }
  }
}

/**
 * The picker switched to `mode`. Going to Expression carries the current rule over as text, so the creator
 * can refine it; going back to a simple mode takes the expression's values when it is that kind of rule.
 */
export function withMode(state: AccessPickerState, mode: AccessMode, postId?: string): AccessPickerState {
  if (mode === state.mode) return state;
  const current = ruleFromPicker(state, postId);
  if (mode === 'expression') {
    return { ...state, mode, expression: current.ok ? formatRule(current.rule) : state.expression };
  }
  if (state.mode === 'expression' && current.ok) {
    const shown = pickerFromRule(current.rule, postId);
    if (current.rule.kind === mode || shown.mode === mode) return shown;
  }
  return { ...state, mode };
}

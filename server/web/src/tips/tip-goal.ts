import { displayMinor } from '../format/money';
import type { TipSettings } from './tip-types';

export interface GoalProgress {
  /** How far the goal is, in thousandths (0–1000), for a `<progress max={1000}>`. */
  readonly permille: number;
  /** `$12.00 of $1,000.00 · New camera`. */
  readonly label: string;
  /** `$12.00 of $1,000.00`. */
  readonly amounts: string;
  readonly title: string;
  readonly reached: boolean;
}

/** A creator's tip goal as the page shows it; computed on the bigints, and full once reached. */
export function goalProgress(settings: TipSettings): GoalProgress | null {
  const goal = settings.goal;
  if (!goal) return null;
  const raised = BigInt(goal.raised);
  const target = BigInt(goal.amount);
  const reached = raised >= target;
  const permille = target <= 0n || reached ? 1000 : Number((raised * 1000n) / target);
  const amounts = `${displayMinor(settings.currency, goal.raised)} of ${displayMinor(settings.currency, goal.amount)}`;
  return { permille, label: `${amounts} · ${goal.title}`, amounts, title: goal.title, reached };
}

import { useId } from 'react';
import { goalProgress } from './tip-goal';
import type { TipSettings } from './tip-types';

/**
 * A creator's tip goal: what fans tipped toward it, of how much, for what. A native `<progress>`, named by its
 * label, which says the amounts (a percentage alone would not). Nothing while there is no goal.
 */
export function TipGoalBar({ settings }: { readonly settings: TipSettings | undefined }) {
  const labelId = useId();
  const progress = settings ? goalProgress(settings) : null;
  if (!progress) return null;
  return (
    <div className="tip-goal">
      <p id={labelId} className="tip-goal__label">
        <span className="tip-goal__kicker">{progress.reached ? 'Tip goal reached' : 'Tip goal'}</span>{' '}
        <span className="tip-goal__text">
          <span className="tip-goal__amounts">{progress.amounts}</span> ·{' '}
          {/* The creator's words take their own direction. */}
          <bdi className="tip-goal__title">{progress.title}</bdi>
        </span>
      </p>
      <progress
        className="tip-goal__bar"
        max={1000}
        value={progress.permille}
        aria-labelledby={labelId}
        aria-valuetext={progress.label}
      />
    </div>
  );
}

import { useEffect, useRef } from 'react';

interface TipThanksProps {
  readonly creatorName: string;
  /** The amount as the page shows it (`$5.00`). */
  readonly amount: string;
  readonly message: string;
  readonly onDone: () => void;
}

/** What the fan sees once the tip went through; the focus moves to it, so it is read out. */
export function TipThanks({ creatorName, amount, message, onDone }: TipThanksProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="tip-thanks">
      <svg className="tip-thanks__mark" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true">
        <path d="M12 20.5s-7.5-4.6-9.3-9.4C1.5 7.8 3.6 4.5 7 4.5c2 0 3.6 1.1 5 3 1.4-1.9 3-3 5-3 3.4 0 5.5 3.3 4.3 6.6-1.8 4.8-9.3 9.4-9.3 9.4Z" />
      </svg>
      <h3 ref={heading} className="tip-thanks__title" tabIndex={-1}>
        Thanks! You tipped {amount}
      </h3>
      <p className="tip-thanks__to">
        Your tip is on its way to <span dir="auto">{creatorName}</span>.
      </p>
      {message === '' ? null : (
        // The fan's own words, as text: React escapes them, so markup shows as typed.
        <blockquote className="tip-thanks__message" dir="auto">
          {message}
        </blockquote>
      )}
      <button type="button" className="button button--primary button--block" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

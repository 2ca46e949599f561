import { useId, useImperativeHandle, useRef, useState } from 'react';
import type { CardEntryProps } from './CardEntry';
import { groupCardNumber, SANDBOX_TEST_CARDS, sandboxPaymentMethod } from './sandbox-cards';

/**
 * The sandbox's card form: a card number field that takes only the sandbox's test cards (Stripe's test
 * numbers), listed under it to pick from. Said plainly at its top: no real money moves. The browser is asked not
 * to fill in a saved card here.
 */
export function SandboxCardEntry({ ref, error, autoFocus = false }: CardEntryProps) {
  const id = useId();
  const [number, setNumber] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      paymentMethod: () => Promise.resolve(sandboxPaymentMethod(number)),
      focus: () => input.current?.focus(),
    }),
    [number],
  );

  const noticeId = `${id}-notice`;
  const errorId = `${id}-error`;
  return (
    <fieldset className="card-entry" aria-describedby={noticeId}>
      <legend className="card-entry__legend">Card</legend>
      <p id={noticeId} className="sandbox-notice">
        <strong>Sandbox — no real money moves.</strong> Pay with one of the test cards below.
      </p>
      <div className={error ? 'field field--invalid' : 'field'}>
        <label htmlFor={id} className="field__label">
          Card number
        </label>
        <input
          ref={input}
          id={id}
          className="field__input card-entry__number"
          value={number}
          onChange={(event) => setNumber(event.target.value)}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          data-autofocus={autoFocus || undefined}
        />
        {error ? (
          <p id={errorId} className="field__error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="test-cards">
        <p className="test-cards__title">Test cards</p>
        <ul className="test-cards__list">
          {SANDBOX_TEST_CARDS.map((card) => (
            <li key={card.number}>
              <button
                type="button"
                className="test-card"
                onClick={() => {
                  setNumber(groupCardNumber(card.number));
                  input.current?.focus();
                }}
              >
                <span className="visually-hidden">Use </span>
                <span className="test-card__number">{groupCardNumber(card.number)}</span>
                <span className="test-card__label">{card.label}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </fieldset>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '../account/FormAlert';
import { displayAmount, displayMinor } from '../format/money';
import { CardPayment } from '../payments/CardPayment';
import { useCardPayment } from '../payments/useCardPayment';
import { type AmountChoice, checkTipForm, chosenAmount, messageCount, type TipFieldErrors } from './tip-form';
import type { TipSettings, TipTarget } from './tip-types';
import { TipThanks } from './TipThanks';
import { useTipSending } from './useTipSending';

interface TipFormProps {
  readonly handle: string;
  readonly creatorName: string;
  readonly target: TipTarget;
  readonly settings: TipSettings;
  readonly onDone: () => void;
}

type FormErrors = TipFieldErrors & { card?: string };

/**
 * The tip form: the creator's preset amounts or one's own, a short message, the card. Checked here by the
 * shared rules before anything is sent; what the server refuses is said next to its field (a declined card next
 * to the card), anything else above the form. Once the tip went through, the thanks replace the form.
 */
export function TipForm({ handle, creatorName, target, settings, onDone }: TipFormProps) {
  const id = useId();
  const [choice, setChoice] = useState<AmountChoice>(() =>
    settings.presets[0] === undefined
      ? { kind: 'custom', text: '' }
      : { kind: 'preset', minor: settings.presets[0] },
  );
  const [message, setMessage] = useState('');
  // The errors the form found at the last press of Tip; null when it found none and sent the tip.
  const [formErrors, setFormErrors] = useState<FormErrors | null>(null);
  const sending = useTipSending(handle);
  const card = useCardPayment();
  const amountInput = useRef<HTMLInputElement>(null);
  const messageInput = useRef<HTMLInputElement>(null);

  const { state } = sending;
  const failure = state.phase === 'failed' ? state.failure : null;
  const errors: FormErrors = formErrors ?? (failure?.field ? { [failure.field]: failure.message } : {});
  const alert = formErrors === null && failure !== null && failure.field === null ? failure.message : null;

  // After a refusal, the focus goes to the field to fix, where its error is read out with it.
  const focusCard = card.focus;
  useEffect(() => {
    if (failure?.field === 'card') focusCard();
    else if (failure?.field === 'amount') amountInput.current?.focus();
    else if (failure?.field === 'message') messageInput.current?.focus();
  }, [failure, focusCard]);

  if (state.phase === 'succeeded') {
    return (
      <TipThanks
        creatorName={creatorName}
        amount={displayMinor(state.payment.currency, state.payment.amount)}
        message={state.message}
        onDone={onDone}
      />
    );
  }

  // A press of Tip while the last one is still being checked (the card form may take a moment) does nothing.
  const submit = card.onSubmit(sending.busy, async () => {
    const checked = checkTipForm({ amount: choice, message }, settings);
    const method = await card.paymentMethod();
    const found: FormErrors = checked.ok ? {} : { ...checked.errors };
    if (!method.ok) found.card = method.error;
    if (!checked.ok || !method.ok) {
      setFormErrors(found);
      if (found.amount) amountInput.current?.focus();
      else if (found.message) messageInput.current?.focus();
      else card.focus();
      return;
    }
    setFormErrors(null);
    sending.send({
      handle,
      postId: target.postId,
      streamId: target.stream?.id ?? null,
      paymentMethod: method.paymentMethod,
      ...checked.input,
    });
  });

  const amount = chosenAmount(choice, settings);
  const minimum = displayMinor(settings.currency, settings.minimum);
  const count = messageCount(message);
  const amountErrorId = `${id}-amount-error`;
  const amountHintId = `${id}-amount-hint`;
  const messageErrorId = `${id}-message-error`;
  const countId = `${id}-count`;
  return (
    <form className="form tip-form" noValidate onSubmit={submit}>
      <FormAlert message={alert} />
      <fieldset className="tip-amount">
        <legend className="payment-form__legend">Amount</legend>
        {settings.presets.length > 0 ? (
          <div className="amount-chips">
            {settings.presets.map((preset, index) => (
              <label key={preset} className="amount-chip">
                <input
                  type="radio"
                  name={`${id}-amount`}
                  className="amount-chip__input"
                  value={preset}
                  checked={choice.kind === 'preset' && choice.minor === preset}
                  onChange={() => setChoice({ kind: 'preset', minor: preset })}
                  data-autofocus={index === 0 || undefined}
                />
                <span className="amount-chip__text">{displayMinor(settings.currency, preset)}</span>
              </label>
            ))}
          </div>
        ) : null}
        <div className={errors.amount ? 'field field--invalid' : 'field'}>
          <label htmlFor={`${id}-amount`} className="field__label">
            {settings.presets.length > 0 ? 'Or your own amount' : 'Your amount'}
          </label>
          <p id={amountHintId} className="field__hint">
            In US dollars, at least {minimum}.
          </p>
          <div className="money-input">
            <span className="money-input__symbol" aria-hidden="true">
              $
            </span>
            <input
              ref={amountInput}
              id={`${id}-amount`}
              className="field__input money-input__input"
              value={choice.kind === 'custom' ? choice.text : ''}
              onChange={(event) => setChoice({ kind: 'custom', text: event.target.value })}
              inputMode="decimal"
              autoComplete="off"
              aria-invalid={errors.amount ? true : undefined}
              aria-describedby={[amountHintId, errors.amount ? amountErrorId : ''].join(' ').trim()}
              data-autofocus={settings.presets.length === 0 || undefined}
            />
          </div>
          {errors.amount ? (
            <p id={amountErrorId} className="field__error">
              {errors.amount}
            </p>
          ) : null}
        </div>
      </fieldset>

      <div className={errors.message ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-message`} className="field__label">
          Message <span className="field__optional">(optional)</span>
        </label>
        <input
          ref={messageInput}
          id={`${id}-message`}
          className="field__input"
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          autoComplete="off"
          dir="auto"
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={[errors.message ? messageErrorId : '', countId].join(' ').trim()}
        />
        <div className="tip-message__foot">
          {errors.message ? (
            <p id={messageErrorId} className="field__error">
              {errors.message}
            </p>
          ) : null}
          <p id={countId} className={count.over ? 'char-count char-count--over' : 'char-count'}>
            {count.used}/{count.max}
            <span className="visually-hidden"> characters</span>
          </p>
        </div>
        {/* Said aloud only near the end, rather than at every key. */}
        <p className="visually-hidden" aria-live="polite">
          {count.over
            ? `${-count.left} characters too many`
            : count.left <= 20
              ? `${count.left} characters left`
              : ''}
        </p>
      </div>

      <CardPayment
        card={{ ref: card.ref, error: errors.card ?? null }}
        phase={state.phase}
        submit={amount ? `Tip ${displayAmount(amount)}` : 'Tip'}
        sending="Sending…"
      />
    </form>
  );
}

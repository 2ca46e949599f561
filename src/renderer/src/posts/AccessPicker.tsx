import { describeRule } from '@shared/domain/access/describe';
import { CURRENCIES, type Currency } from '@shared/domain/money/amount';
import { useId } from 'react';
import { Field } from '../forms/Field';
import { useAppDispatch } from '../store/hooks';
import { accessChanged, accessModeChosen } from './editor-slice';
import { ACCESS_MODE_LABELS, ruleFromPicker, type AccessMode, type AccessPickerState } from './access-picker';

const MODES = Object.keys(ACCESS_MODE_LABELS) as AccessMode[];

/**
 * Who may see post `postId`: a simple choice with its details (buyers of this post among them), or an access
 * expression typed as text.
 */
export function AccessPicker({
  state,
  error,
  postId,
}: {
  state: AccessPickerState;
  error: string | undefined;
  postId: string;
}) {
  const dispatch = useAppDispatch();
  const summaryId = `${useId()}-summary`;
  const result = ruleFromPicker(state, postId);
  // The expression is checked as it is typed; other modes are checked on save.
  const shownError = state.mode === 'expression' && !result.ok ? result.error : error;
  const set = (change: Partial<Omit<AccessPickerState, 'mode'>>) => dispatch(accessChanged(change));

  return (
    <fieldset className="access-picker">
      <legend className="sr-only">Who can see this post</legend>
      <Field label="Access" id="post-access">
        {(id) => (
          <select
            id={id}
            value={state.mode}
            onChange={(event) => dispatch(accessModeChosen(event.target.value as AccessMode))}
            aria-describedby={summaryId}
          >
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {ACCESS_MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        )}
      </Field>

      {(state.mode === 'subscriber' || state.mode === 'subscriberOrBuyer') && (
        <Field label="Minimum tier (optional)">
          {(id) => (
            <input
              id={id}
              value={state.minTier}
              onChange={(event) => set({ minTier: event.target.value })}
              placeholder="any tier"
            />
          )}
        </Field>
      )}

      {state.mode === 'tipped' && (
        <div className="field-row">
          <Field label="Minimum tip">
            {(id) => (
              <input
                id={id}
                inputMode="decimal"
                value={state.tipAmount}
                onChange={(event) => set({ tipAmount: event.target.value })}
                placeholder="5.00"
              />
            )}
          </Field>
          <Field label="Currency">
            {(id) => (
              <select
                id={id}
                value={state.tipCurrency}
                onChange={(event) => set({ tipCurrency: event.target.value as Currency })}
              >
                {CURRENCIES.map((currency) => (
                  <option key={currency} value={currency}>
                    {currency}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Within days (optional)">
            {(id) => (
              <input
                id={id}
                inputMode="numeric"
                value={state.tipDays}
                onChange={(event) => set({ tipDays: event.target.value })}
                placeholder="any time"
              />
            )}
          </Field>
        </div>
      )}

      {state.mode === 'after' && (
        <Field label="Available after">
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={state.afterLocal}
              onChange={(event) => set({ afterLocal: event.target.value })}
            />
          )}
        </Field>
      )}

      {state.mode === 'expression' && (
        <Field label="Expression">
          {(id) => (
            <input
              id={id}
              className="mono"
              spellCheck={false}
              value={state.expression}
              onChange={(event) => set({ expression: event.target.value })}
              aria-invalid={!result.ok}
              aria-describedby={summaryId}
              placeholder="all(follower, tipped(5 USD))"
            />
          )}
        </Field>
      )}

      {shownError ? (
        <p id={summaryId} className="field-error">
          {shownError}
        </p>
      ) : (
        <p id={summaryId} className="muted small" aria-live="polite">
          {result.ok ? `Who can see it: ${describeRule(result.rule)}` : ''}
        </p>
      )}
    </fieldset>
  );
}

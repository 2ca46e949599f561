import type { Dispatch } from 'react';
import type { UnknownAction } from '@reduxjs/toolkit';
import type { Currency } from '@shared/domain/money/amount';
import {
  PAYMENT_SOURCES,
  PAYMENT_STATUSES,
  type EarningsSummary,
  type PaymentStatus,
} from '@shared/domain/money/earnings';
import type { PaymentSource } from '@shared/domain/money/ledger';
import { Field } from '../forms/Field';
import { SOURCE_LABELS, STATUS_LABELS } from './earnings-format';
import {
  filterEdited,
  filtersCleared,
  NO_FILTER,
  type EarningsFilterForm,
  type EarningsViewState,
  type FilterCheck,
} from './earnings-view-slice';

/** The filter bar: source, status, currency (when there are several) and days; every change reloads. */
export function EarningsFilters({
  state,
  dispatch,
  checked,
  currencies,
}: {
  state: EarningsViewState;
  dispatch: Dispatch<UnknownAction>;
  checked: FilterCheck;
  currencies: EarningsSummary['balances'];
}) {
  const { form } = state;
  const edit = (change: Partial<EarningsFilterForm>) => dispatch(filterEdited(change));
  const errors = checked.ok ? {} : checked.errors;
  const filtered = JSON.stringify(form) !== JSON.stringify(NO_FILTER);
  return (
    <form
      className="earnings-filters"
      aria-label="Filter earnings"
      role="search"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="Source">
        {(id, errorLink) => (
          <select
            id={id}
            value={form.source}
            onChange={(event) => edit({ source: event.target.value as PaymentSource | '' })}
            {...errorLink}
          >
            <option value="">All sources</option>
            {PAYMENT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {SOURCE_LABELS[source]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Status">
        {(id, errorLink) => (
          <select
            id={id}
            value={form.status}
            onChange={(event) => edit({ status: event.target.value as PaymentStatus | '' })}
            {...errorLink}
          >
            <option value="">All statuses</option>
            {PAYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {currencies.length > 1 && (
        <Field label="Currency">
          {(id, errorLink) => (
            <select
              id={id}
              value={form.currency}
              onChange={(event) => edit({ currency: event.target.value as Currency | '' })}
              {...errorLink}
            >
              <option value="">All currencies</option>
              {currencies.map((c) => (
                <option key={c.currency} value={c.currency}>
                  {c.currency}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="From" error={errors.from}>
        {(id, errorLink) => (
          <input
            id={id}
            type="date"
            value={form.from}
            max={form.to || undefined}
            onChange={(event) => edit({ from: event.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <Field label="To" error={errors.to}>
        {(id, errorLink) => (
          <input
            id={id}
            type="date"
            value={form.to}
            min={form.from || undefined}
            onChange={(event) => edit({ to: event.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button--quiet"
        disabled={!filtered}
        onClick={() => dispatch(filtersCleared())}
      >
        Clear filters
      </button>
    </form>
  );
}

import { Field } from '../forms/Field';
import { TITLE_MAX, type LiveForm, type LiveFormErrors } from './live-form';

/** What a stream's fields need from the form around them: its values, their errors, and a change. */
interface PlanFieldsProps {
  form: LiveForm;
  errors: LiveFormErrors;
  change: (update: Partial<LiveForm>) => void;
}

/**
 * A stream's title and who may watch it (a minimum tier for subscribers, a price for ticket holders): the same
 * fields for a new stream and for editing a planned one, read by `live-form.ts`.
 */
export function StreamAudienceFields({ form, errors, change }: PlanFieldsProps) {
  return (
    <>
      <Field label="Title" error={errors.title} hint={{ text: `${form.title.length} / ${TITLE_MAX}` }}>
        {(id, link) => (
          <input id={id} value={form.title} onChange={(e) => change({ title: e.target.value })} {...link} />
        )}
      </Field>
      <Field label="Who can watch" error={errors.audience}>
        {(id, link) => (
          <select
            id={id}
            value={form.audience}
            onChange={(e) => change({ audience: e.target.value as LiveForm['audience'] })}
            {...link}
          >
            <option value="public">Everyone</option>
            <option value="subscribers">Subscribers</option>
            <option value="ticket">Ticket holders</option>
          </select>
        )}
      </Field>
      {form.audience === 'subscribers' && (
        <Field label="Minimum tier (optional)" error={errors.minTier}>
          {(id, link) => (
            <input
              id={id}
              value={form.minTier}
              placeholder="any tier"
              onChange={(e) => change({ minTier: e.target.value })}
              {...link}
            />
          )}
        </Field>
      )}
      {form.audience === 'ticket' && (
        <Field label="Ticket price (USD)" error={errors.ticketPrice}>
          {(id, link) => (
            <input
              id={id}
              inputMode="decimal"
              placeholder="5.00"
              value={form.ticketPrice}
              onChange={(e) => change({ ticketPrice: e.target.value })}
              {...link}
            />
          )}
        </Field>
      )}
    </>
  );
}

/** When a planned stream starts, in this computer's time. */
export function StreamStartField({ form, errors, change }: PlanFieldsProps) {
  return (
    <Field
      label="Starts at"
      error={errors.plannedFor}
      hint={{ text: 'Your computer’s time. Sources and quality are chosen when you go live.' }}
    >
      {(id, link) => (
        <input
          id={id}
          type="datetime-local"
          value={form.plannedFor}
          onChange={(e) => change({ plannedFor: e.target.value })}
          {...link}
        />
      )}
    </Field>
  );
}

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import {
  assertTicketFitsRule,
  STREAM_TITLE_MAX,
  streamDraftSchema,
  streamEventsChannel,
  ticketRuleIssue,
} from './stream';

const STREAM = '0192f0a0-0000-7000-8000-000000000001';
const draft = (overrides: Record<string, unknown> = {}) => ({
  title: 'Kiln opening',
  accessRule: { kind: 'public' },
  ticketPrice: null,
  scheduledFor: null,
  ...overrides,
});
const messages = (input: unknown) =>
  streamDraftSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('stream drafts', () => {
  it('accepts a title, a rule, a ticket price and a planned time, the title trimmed', () => {
    const parsed = streamDraftSchema.parse(
      draft({
        title: '  Kiln opening  ',
        accessRule: { kind: 'purchased', itemId: STREAM },
        ticketPrice: { currency: 'USD', minor: '500' },
        scheduledFor: '2026-12-24T18:00:00+01:00',
      }),
    );
    expect(parsed).toMatchObject({ title: 'Kiln opening', ticketPrice: { minor: '500' } });
  });

  it('refuses an empty, multi-line or too long title in words', () => {
    expect(messages(draft({ title: '   ' }))).toEqual(['title must not be empty']);
    expect(messages(draft({ title: 'Two\nlines' }))).toEqual(['title must not contain control characters']);
    expect(messages(draft({ title: 'x'.repeat(STREAM_TITLE_MAX + 1) }))).toEqual([
      `title is at most ${STREAM_TITLE_MAX} characters`,
    ]);
    expect(messages(draft({ title: 'x'.repeat(STREAM_TITLE_MAX) }))).toEqual([]);
  });

  it('refuses a ticket price out of range, not in cents or not in USD', () => {
    const price = (minor: string, currency = 'USD') => messages(draft({ ticketPrice: { currency, minor } }));
    expect(price('49')).toEqual(['ticket price is at least $0.50']);
    expect(price('100001')).toEqual(['ticket price is at most $1000.00']);
    expect(price('4.99')).toEqual(['ticket price must be a whole number of cents, as digits']);
    expect(price('-5')).toEqual(['ticket price must be a whole number of cents, as digits']);
    expect(price('500', 'EUR')).toEqual(['a ticket is priced in USD']);
  });

  it('refuses a planned time that is not an ISO instant with its offset', () => {
    expect(messages(draft({ scheduledFor: 'tomorrow' }))).toEqual([
      'scheduledFor must be an ISO 8601 date and time with its offset',
    ]);
    expect(messages(draft({ scheduledFor: '2026-12-24T18:00:00' }))).toHaveLength(1);
  });

  it('refuses a malformed access rule', () => {
    expect(messages(draft({ accessRule: { kind: 'everyone' } }))).not.toEqual([]);
  });

  it('names the channel of a stream’s events', () => {
    expect(streamEventsChannel(STREAM)).toBe(`live.stream.${STREAM}`);
  });
});

describe('a ticket price and the access rule', () => {
  const purchased = { kind: 'purchased', itemId: STREAM } as const;

  it('keeps a free stream without purchased() and a ticketed one letting holders in', () => {
    expect(ticketRuleIssue(STREAM, { accessRule: { kind: 'follower' }, ticketPrice: null })).toBeNull();
    expect(
      ticketRuleIssue(STREAM, {
        accessRule: { kind: 'any', rules: [{ kind: 'subscriber' }, purchased] },
        ticketPrice: { currency: 'USD', minor: '500' },
      }),
    ).toBeNull();
  });

  it('asks a ticketed stream to let its holders in', () => {
    expect(
      ticketRuleIssue(STREAM, {
        accessRule: { kind: 'subscriber' },
        ticketPrice: { currency: 'USD', minor: '500' },
      }),
    ).toEqual({
      field: 'accessRule',
      message: `a stream selling tickets must let their holders in: add purchased(${STREAM}) to its access rule`,
    });
  });

  it('asks a stream letting ticket holders in for a price, and a ticket of another stream is not its own', () => {
    expect(ticketRuleIssue(STREAM, { accessRule: purchased, ticketPrice: null })?.field).toBe('ticketPrice');
    const other = { kind: 'purchased', itemId: '0192f0a0-0000-7000-8000-000000000002' } as const;
    expect(
      ticketRuleIssue(STREAM, { accessRule: other, ticketPrice: { currency: 'USD', minor: '500' } })?.field,
    ).toBe('accessRule');
  });

  it('throws the issue as a ValidationError naming the field', () => {
    expect(() => assertTicketFitsRule(STREAM, { accessRule: purchased, ticketPrice: null })).toThrow(
      ValidationError,
    );
    expect(() =>
      assertTicketFitsRule(STREAM, { accessRule: { kind: 'public' }, ticketPrice: null }),
    ).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import type { AccessRule } from '../access/rule';
import { ValidationError } from '../errors';
import {
  assertPriceFitsRule,
  POST_BODY_MAX,
  POST_TITLE_MAX,
  postDraftSchema,
  priceOf,
  priceRuleIssue,
  ruleMentionsPurchase,
} from './post';

const draft = (title: string, body: string) => ({ title, body, accessRule: { kind: 'public' } });
const messages = (input: unknown) =>
  postDraftSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('post drafts', () => {
  it('accepts ordinary text with line breaks and tabs in the body, trimmed', () => {
    const parsed = postDraftSchema.parse(draft('  Hello  ', 'Line one\nLine two\r\n\tindented'));
    expect(parsed).toMatchObject({ title: 'Hello', body: 'Line one\nLine two\r\n\tindented' });
  });

  it('refuses control characters, which PostgreSQL cannot store (NUL) or a fan cannot read', () => {
    expect(messages(draft('a\u0000b', 'fine'))).toEqual(['title must not contain control characters']);
    expect(messages(draft('Two\nlines', 'fine'))).toEqual(['title must not contain control characters']);
    expect(messages(draft('Fine', 'a\u0000b'))).toEqual(['body must not contain control characters']);
    expect(messages(draft('Fine', 'bell\u0007'))).toEqual(['body must not contain control characters']);
  });

  it('names the limit when a field is too long or the body is empty', () => {
    expect(messages(draft('x'.repeat(POST_TITLE_MAX + 1), 'fine'))).toEqual([
      `title is at most ${POST_TITLE_MAX} characters`,
    ]);
    expect(messages(draft('Fine', 'x'.repeat(POST_BODY_MAX + 1)))).toEqual([
      `body is at most ${POST_BODY_MAX} characters`,
    ]);
    expect(messages(draft('Fine', '   '))).toEqual(['body must not be empty']);
  });
});

describe('a post price', () => {
  const priced = (minor: string) => ({ ...draft('Priced', 'Body'), price: { currency: 'USD', minor } });

  it('is none for a draft that carries no price (an older studio, a draft stored before prices)', () => {
    expect(priceOf(postDraftSchema.parse(draft('Old', 'Body')))).toBeNull();
    expect(priceOf(postDraftSchema.parse({ ...draft('Old', 'Body'), price: null }))).toBeNull();
  });

  it('is from $0.50 to $1,000 in whole cents, in USD', () => {
    expect(postDraftSchema.parse(priced('50')).price).toEqual({ currency: 'USD', minor: '50' });
    expect(postDraftSchema.parse(priced('100000')).price).toEqual({ currency: 'USD', minor: '100000' });
    expect(messages(priced('49'))).toEqual(['price is at least $0.50']);
    expect(messages(priced('100001'))).toEqual(['price is at most $1000.00']);
    for (const minor of ['0', '-100', '5.50', '050', '1e3', '']) {
      expect(messages(priced(minor)), minor).toContain('price must be a whole number of cents, as digits');
    }
    expect(messages({ ...priced('500'), price: { currency: 'USDC', minor: '500' } })).toEqual([
      'a post is priced in USD',
    ]);
    expect(messages({ ...priced('500'), price: { currency: 'USD', minor: 500 } })).not.toEqual([]);
  });
});

describe('a price and the access rule that lets buyers in', () => {
  const ID = '018f0000-0000-7000-8000-0000000000aa';
  const OTHER = '018f0000-0000-7000-8000-0000000000bb';
  const PRICE = { currency: 'USD' as const, minor: '500' };
  const buyers: AccessRule = { kind: 'purchased', itemId: ID };

  it('finds purchased(id) anywhere in the rule, and only that id', () => {
    expect(ruleMentionsPurchase(buyers, ID)).toBe(true);
    expect(
      ruleMentionsPurchase(
        {
          kind: 'any',
          rules: [{ kind: 'subscriber' }, { kind: 'all', rules: [{ kind: 'follower' }, buyers] }],
        },
        ID,
      ),
    ).toBe(true);
    expect(ruleMentionsPurchase({ kind: 'purchased', itemId: OTHER }, ID)).toBe(false);
    expect(ruleMentionsPurchase({ kind: 'public' }, ID)).toBe(false);
  });

  it('keeps a priced post whose rule lets its buyers in, and an unpriced post whose rule does not', () => {
    expect(priceRuleIssue(ID, { accessRule: buyers, price: PRICE })).toBeNull();
    expect(
      priceRuleIssue(ID, {
        accessRule: { kind: 'any', rules: [{ kind: 'subscriber' }, buyers] },
        price: PRICE,
      }),
    ).toBeNull();
    expect(priceRuleIssue(ID, { accessRule: { kind: 'public' }, price: null })).toBeNull();
    // Buying another post (a bundle) may open this one; that asks nothing of this post's price.
    expect(priceRuleIssue(ID, { accessRule: { kind: 'purchased', itemId: OTHER }, price: null })).toBeNull();
  });

  it('names the access rule when a price has no buyers to let in, and the price when buyers have none', () => {
    expect(priceRuleIssue(ID, { accessRule: { kind: 'subscriber' }, price: PRICE })).toEqual({
      field: 'accessRule',
      message: `a post with a price must let its buyers in: add purchased(${ID}) to its access rule`,
    });
    expect(
      priceRuleIssue(ID, { accessRule: { kind: 'purchased', itemId: OTHER }, price: PRICE })?.field,
    ).toBe('accessRule');
    expect(priceRuleIssue(ID, { accessRule: buyers, price: null })).toEqual({
      field: 'price',
      message: 'a post its buyers can open needs a price',
    });
    expect(priceRuleIssue(ID, { accessRule: buyers })?.field).toBe('price');
    expect(() => assertPriceFitsRule(ID, { accessRule: buyers, price: null })).toThrow(ValidationError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { anyLeafRule, ruleArbitrary } from '../../test/rule-arbitraries';
import { accessRuleSchema, MAX_RULE_DEPTH, type AccessRule } from './rule';
import { formatRule, parseRule, RuleSyntaxError } from './text';

function syntaxError(text: string): RuleSyntaxError {
  try {
    parseRule(text);
  } catch (err) {
    if (err instanceof RuleSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseRule', () => {
  it('reads every kind of the PRODUCT.md text form', () => {
    expect(parseRule('public')).toEqual({ kind: 'public' });
    expect(parseRule('follower')).toEqual({ kind: 'follower' });
    expect(parseRule('subscriber')).toEqual({ kind: 'subscriber' });
    expect(parseRule('subscriber(gold)')).toEqual({ kind: 'subscriber', minTier: 'gold' });
    expect(parseRule('purchased(item-123)')).toEqual({ kind: 'purchased', itemId: 'item-123' });
    expect(parseRule('tipped(50 USD)')).toEqual({ kind: 'tipped', min: { currency: 'USD', minor: '5000' } });
    expect(parseRule('tipped(12.5 USDC, 30)')).toEqual({
      kind: 'tipped',
      min: { currency: 'USDC', minor: '12500000' },
      withinDays: 30,
    });
    expect(parseRule('holds(collection-id, 2)')).toEqual({
      kind: 'holds',
      collection: 'collection-id',
      count: 2,
    });
    expect(parseRule('after(2026-12-01T00:00:00Z)')).toEqual({ kind: 'after', date: '2026-12-01T00:00:00Z' });
    expect(parseRule('all(subscriber(gold), tipped(50 USD))')).toEqual({
      kind: 'all',
      rules: [
        { kind: 'subscriber', minTier: 'gold' },
        { kind: 'tipped', min: { currency: 'USD', minor: '5000' } },
      ],
    });
    expect(parseRule('any(follower, purchased(x))')).toEqual({
      kind: 'any',
      rules: [{ kind: 'follower' }, { kind: 'purchased', itemId: 'x' }],
    });
  });

  it('allows spaces and line breaks between tokens', () => {
    expect(parseRule('  all ( follower ,\n  holds( col , 3 ) )  ')).toEqual({
      kind: 'all',
      rules: [{ kind: 'follower' }, { kind: 'holds', collection: 'col', count: 3 }],
    });
  });

  it('reads quoted ids with any characters', () => {
    expect(parseRule('purchased("summer sale, part (2)")')).toEqual({
      kind: 'purchased',
      itemId: 'summer sale, part (2)',
    });
    expect(parseRule('subscriber("gold \\"vip\\"")')).toEqual({ kind: 'subscriber', minTier: 'gold "vip"' });
  });

  it('says what it expected and where', () => {
    expect(() => parseRule('all(public, follower')).toThrow("expected ',' or ')' at 20");
    expect(() => parseRule('subscriber(gold')).toThrow("expected ')' at 15");
    expect(() => parseRule('subscriber(gold) x')).toThrow('expected end of rule at 17');
    expect(() => parseRule('everyone')).toThrow('expected a rule (public, follower');
    expect(syntaxError('all()').position).toBe(4);
    expect(syntaxError('purchased()').message).toBe('expected an item id of 1 to 64 characters at 10');
    expect(syntaxError('holds(col)').message).toBe("expected ',' at 9");
    expect(syntaxError('holds(col, 0)').message).toBe('expected a count from 1 to 1000000 at 11');
    expect(syntaxError('holds(col, 1.5)').position).toBe(11);
    expect(syntaxError('after(tomorrow)').message).toBe(
      'expected an ISO date-time like 2026-12-01T00:00:00Z at 6',
    );
    expect(syntaxError('purchased("open').message).toContain('closing the string that starts at 10');
    expect(syntaxError('').message).toContain('expected a rule');
    expect(syntaxError('public()').message).toBe('expected end of rule at 6');
  });

  it('rejects bad amounts, currencies and windows in tipped', () => {
    expect(syntaxError('tipped(1.005 USD)').message).toBe(
      'expected an amount (USD allows at most 2 decimals) at 7',
    );
    expect(syntaxError('tipped(-5 USD)').position).toBe(7);
    expect(syntaxError('tipped(1e3 USD)').position).toBe(7);
    expect(syntaxError('tipped(50 EUR)').message).toBe(
      'expected a space and a currency (USD, USDC, MESI) at 10',
    );
    expect(syntaxError('tipped(50USD)').position).toBe(12);
    expect(syntaxError('tipped(50)').position).toBe(9);
    expect(syntaxError('tipped(50 USD, 0)').message).toBe('expected a number of days from 1 to 3650 at 15');
    expect(syntaxError('tipped(50 USD, 3651)').position).toBe(15);
    expect(syntaxError('tipped(50 USD, 30').message).toBe("expected ')' at 17");
  });

  it('rejects ids longer than the schema allows', () => {
    expect(syntaxError(`subscriber(${'a'.repeat(65)})`).position).toBe(11);
    expect(parseRule(`holds(${'c'.repeat(128)}, 1)`)).toMatchObject({ kind: 'holds' });
    expect(syntaxError(`holds(${'c'.repeat(129)}, 1)`).position).toBe(6);
  });

  it('rejects lists of more than 16 rules and nesting deeper than the limit', () => {
    expect(parseRule(`any(${Array(16).fill('public').join(', ')})`)).toMatchObject({ kind: 'any' });
    expect(syntaxError(`any(${Array(17).fill('public').join(', ')})`).message).toContain('at most 16 rules');
    const nested = (depth: number) => 'all('.repeat(depth - 1) + 'public' + ')'.repeat(depth - 1);
    expect(parseRule(nested(MAX_RULE_DEPTH))).toMatchObject({ kind: 'all' });
    expect(syntaxError(nested(MAX_RULE_DEPTH + 1)).message).toContain('nested no deeper than 8 levels');
    // A hostile depth fails fast instead of overflowing the stack.
    expect(syntaxError(nested(10_000)).message).toContain('nested no deeper');
  });

  it('throws validation errors the edge reports as BAD_REQUEST', () => {
    const err = syntaxError('nope');
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.code).toBe('validation');
    expect(err.field).toBe('accessRule');
  });
});

describe('formatRule', () => {
  it('writes the PRODUCT.md text form', () => {
    const rule: AccessRule = {
      kind: 'all',
      rules: [
        { kind: 'subscriber', minTier: 'gold' },
        { kind: 'tipped', min: { currency: 'USD', minor: '5000' } },
        {
          kind: 'any',
          rules: [
            { kind: 'tipped', min: { currency: 'USDC', minor: '12500000' }, withinDays: 30 },
            { kind: 'holds', collection: 'col-1', count: 2 },
            { kind: 'after', date: '2026-12-01T00:00:00Z' },
          ],
        },
      ],
    };
    expect(formatRule(rule)).toBe(
      'all(subscriber(gold), tipped(50 USD), any(tipped(12.5 USDC, 30), holds(col-1, 2), after(2026-12-01T00:00:00Z)))',
    );
    expect(formatRule({ kind: 'tipped', min: { currency: 'USD', minor: '1250' } })).toBe('tipped(12.5 USD)');
    expect(formatRule({ kind: 'purchased', itemId: 'a b' })).toBe('purchased("a b")');
  });

  it('reads back to the same rule, and what it reads passes the schema', () => {
    fc.assert(
      fc.property(ruleArbitrary(anyLeafRule, 3), (rule) => {
        const parsed = parseRule(formatRule(rule));
        expect(parsed).toStrictEqual(rule);
        expect(accessRuleSchema.safeParse(parsed).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what it reads: parse then format is stable', () => {
    const text = ' any( follower,tipped( 7.10 USD ,7 ) ) ';
    expect(formatRule(parseRule(text))).toBe('any(follower, tipped(7.1 USD, 7))');
    expect(formatRule(parseRule(formatRule(parseRule(text))))).toBe('any(follower, tipped(7.1 USD, 7))');
  });
});

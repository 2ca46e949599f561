import { z } from 'zod';
import { ValidationError } from '../errors';
import { amount, CURRENCIES, formatAmount, isCurrency, parseAmount, type Currency } from '../money/amount';
import { InvalidAmountError } from '../money/errors';
import {
  accessRuleSchema,
  MAX_RULE_DEPTH,
  THRESHOLD_MINOR_PATTERN,
  type AccessRule,
  type TipThreshold,
} from './rule';

/**
 * The text form of access rules (PRODUCT.md, "Access"), what a creator types and reads:
 *   public · follower · subscriber · subscriber(gold) · purchased(item-123) · tipped(50 USD) · tipped(50 USD, 30)
 *   holds(collection-id, 2) · after(2026-12-01T00:00:00Z) · all(a, b, …) · any(a, b, …)
 * Amounts are human decimals ("12.5 USDC"); days and counts are plain integers. An id that is not a plain word
 * (letters, digits and `_ . : / + -`) is written as a JSON string: purchased("summer sale, part 2").
 */

/** A ValidationError that also says where in the text the problem is (0-based character offset). */
export class RuleSyntaxError extends ValidationError {
  override readonly name = 'RuleSyntaxError';
  constructor(
    /** What the parser wanted to see, e.g. `')'`. */
    readonly expected: string,
    readonly position: number,
  ) {
    super(`expected ${expected} at ${position}`, 'accessRule');
  }
}

const MAX_RULE_TEXT = 65_536;
const MAX_LIST = 16;
const MAX_DAYS = 3650;
const MAX_COUNT = 1_000_000;
const KEYWORDS = 'public, follower, subscriber, purchased, tipped, holds, after, all, any';
const PLAIN_WORD = /^[A-Za-z0-9_.:/+-]+$/;
const isoDateTime = z.iso.datetime({ offset: true });

/** Writes a rule in its text form; `parseRule` reads it back to an equal rule. */
export function formatRule(rule: AccessRule): string {
  switch (rule.kind) {
    case 'public':
    case 'follower':
      return rule.kind;
    case 'subscriber':
      return rule.minTier === undefined ? 'subscriber' : `subscriber(${formatWord(rule.minTier)})`;
    case 'purchased':
      return `purchased(${formatWord(rule.itemId)})`;
    case 'tipped': {
      const days = rule.withinDays === undefined ? '' : `, ${rule.withinDays}`;
      return `tipped(${formatThreshold(rule.min)}${days})`;
    }
    case 'holds':
      return `holds(${formatWord(rule.collection)}, ${rule.count})`;
    case 'after':
      return `after(${formatWord(rule.date)})`;
    case 'all':
    case 'any':
      return `${rule.kind}(${rule.rules.map(formatRule).join(', ')})`;
    default: {
      const _exhaustive: never = rule;
      throw new ValidationError('unknown access rule kind', 'accessRule');
    }
  }
}

function formatWord(word: string): string {
  return PLAIN_WORD.test(word) ? word : JSON.stringify(word);
}

function formatThreshold(min: TipThreshold): string {
  if (!isCurrency(min.currency) || !THRESHOLD_MINOR_PATTERN.test(min.minor)) {
    throw new ValidationError('tip threshold is not a valid amount', 'accessRule');
  }
  return `${formatAmount(amount(min.currency, BigInt(min.minor)), { trimZeros: true })} ${min.currency}`;
}

/**
 * Reads the text form into a rule that passes `accessRuleSchema` and the depth limit. Throws RuleSyntaxError
 * (a ValidationError) naming what was expected and where: "expected ')' at 14".
 */
export function parseRule(text: string): AccessRule {
  if (text.length > MAX_RULE_TEXT) {
    throw new ValidationError(`access rule is longer than ${MAX_RULE_TEXT} characters`, 'accessRule');
  }
  const parser = new RuleParser(text);
  const rule = parser.rule(1);
  parser.end();
  // A backstop: the parser already enforces each bound with a position; the schema must agree.
  const checked = accessRuleSchema.safeParse(rule);
  if (!checked.success) {
    throw new ValidationError(checked.error.issues[0]?.message ?? 'invalid access rule', 'accessRule');
  }
  return rule;
}

class RuleParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  rule(depth: number): AccessRule {
    this.skipSpace();
    if (depth > MAX_RULE_DEPTH) this.fail(`rule nested no deeper than ${MAX_RULE_DEPTH} levels`);
    const start = this.pos;
    const keyword = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos, this.pos + 32))?.[0] ?? '';
    this.pos += keyword.length;
    switch (keyword) {
      case 'public':
      case 'follower':
        return { kind: keyword };
      case 'subscriber': {
        if (!this.peek('(')) return { kind: 'subscriber' };
        this.expect('(');
        const minTier = this.word('a tier id', 64);
        this.expect(')');
        return { kind: 'subscriber', minTier };
      }
      case 'purchased': {
        this.expect('(');
        const itemId = this.word('an item id', 64);
        this.expect(')');
        return { kind: 'purchased', itemId };
      }
      case 'tipped':
        return this.tipped();
      case 'holds': {
        this.expect('(');
        const collection = this.word('a collection id', 128);
        this.expect(',');
        const count = this.integer(`a count from 1 to ${MAX_COUNT}`, MAX_COUNT);
        this.expect(')');
        return { kind: 'holds', collection, count };
      }
      case 'after': {
        this.expect('(');
        this.skipSpace();
        const at = this.pos;
        const date = this.word('a date', 64);
        if (!isoDateTime.safeParse(date).success) {
          this.pos = at;
          this.fail('an ISO date-time like 2026-12-01T00:00:00Z');
        }
        this.expect(')');
        return { kind: 'after', date };
      }
      case 'all':
      case 'any':
        return { kind: keyword, rules: this.list(depth) };
      default:
        this.pos = start;
        return this.fail(`a rule (${KEYWORDS})`);
    }
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('end of rule');
  }

  private tipped(): AccessRule {
    this.expect('(');
    this.skipSpace();
    const amountAt = this.pos;
    const amountText = this.run();
    if (amountText === '') this.fail('an amount like 50');
    const spaced = this.skipSpace();
    const currencyAt = this.pos;
    const currency = this.run();
    if (!spaced || !isCurrency(currency)) {
      this.pos = currencyAt;
      this.fail(`a space and a currency (${CURRENCIES.join(', ')})`);
    }
    const min = this.threshold(amountText, currency as Currency, amountAt);
    let withinDays: number | undefined;
    if (this.peek(',')) {
      this.expect(',');
      withinDays = this.integer(`a number of days from 1 to ${MAX_DAYS}`, MAX_DAYS);
    }
    this.expect(')');
    return withinDays === undefined ? { kind: 'tipped', min } : { kind: 'tipped', min, withinDays };
  }

  private threshold(text: string, currency: Currency, at: number): TipThreshold {
    try {
      return { currency, minor: parseAmount(text, currency).minor.toString() };
    } catch (err) {
      if (!(err instanceof InvalidAmountError)) throw err;
      this.pos = at;
      return this.fail(`an amount (${err.message})`);
    }
  }

  private list(depth: number): AccessRule[] {
    this.expect('(');
    const rules = [this.rule(depth + 1)];
    while (this.peek(',')) {
      if (rules.length === MAX_LIST) this.fail(`')' (at most ${MAX_LIST} rules in a list)`);
      this.expect(',');
      rules.push(this.rule(depth + 1));
    }
    this.expect(')', rules.length === MAX_LIST ? "')'" : "',' or ')'");
    return rules;
  }

  /** A plain word or a JSON string, non-empty and at most `max` characters. */
  private word(what: string, max: number): string {
    this.skipSpace();
    const at = this.pos;
    let word: string;
    if (this.text[this.pos] === '"') {
      word = this.quoted();
    } else {
      word = this.run();
    }
    if (word === '' || word.length > max) {
      this.pos = at;
      this.fail(`${what} of 1 to ${max} characters`);
    }
    return word;
  }

  private quoted(): string {
    const start = this.pos;
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== '"') i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) {
      this.pos = this.text.length;
      this.fail(`'"' closing the string that starts at ${start}`);
    }
    this.pos = i + 1;
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('a valid JSON string');
    }
  }

  private integer(what: string, max: number): number {
    this.skipSpace();
    const at = this.pos;
    const digits = this.run();
    const value = /^[1-9][0-9]{0,9}$/.test(digits) ? Number(digits) : Number.NaN;
    if (!(value >= 1 && value <= max)) {
      this.pos = at;
      this.fail(what);
    }
    return value;
  }

  /** Characters up to the next space, parenthesis, comma or quote. */
  private run(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s(),"]/.test(this.text[this.pos] ?? '')) this.pos += 1;
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
    return this.pos > start;
  }

  private peek(char: string): boolean {
    this.skipSpace();
    return this.text[this.pos] === char;
  }

  private expect(char: string, expected = `'${char}'`): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) this.fail(expected);
    this.pos += 1;
  }

  private fail(expected: string): never {
    throw new RuleSyntaxError(expected, this.pos);
  }
}

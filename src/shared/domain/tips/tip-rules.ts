import { z } from 'zod';
import { singleLineText } from '../text';

/** A tip's message: plain text, shown as text (never HTML), at most this many characters. */
export const TIP_MESSAGE_MAX = 200;

/** The most one tip may be, in cents ($10,000): a mistyped amount should not drain a card. */
export const TIP_MAX_CENTS = 1_000_000n;

/** What a creator who never set their tips gets: $1 minimum, presets of $5, $10 and $20. */
export const DEFAULT_TIP_SETTINGS = {
  currency: 'USD',
  minimum: '100',
  presets: ['500', '1000', '2000'],
} as const;

export const MAX_TIP_PRESETS = 6;

export const tipMessageSchema = singleLineText('a tip message', TIP_MESSAGE_MAX).default('');

/** An amount in minor units as the API carries it: digits only, as text (JSON has no bigint). */
export const minorUnitsSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,30})$/, 'must be a whole number of minor units (cents), as digits');

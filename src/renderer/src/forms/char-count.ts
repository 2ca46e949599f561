const NUMBER = new Intl.NumberFormat('en');

export interface CharCount {
  /** The characters that count (surrounding spaces are trimmed on save, so they do not). */
  readonly count: number;
  readonly max: number;
  readonly over: boolean;
  /** "1,234 of 20,000 characters", or "980,000 characters over the limit of 20,000" once over. */
  readonly text: string;
}

/** How much of a field's limit `text` uses, in words shown under the field as it is typed. */
export function charCount(text: string, max: number): CharCount {
  const count = text.trim().length;
  const over = count > max;
  return {
    count,
    max,
    over,
    text: over
      ? `${NUMBER.format(count - max)} ${count - max === 1 ? 'character' : 'characters'} over the limit of ${NUMBER.format(max)}. Shorten it to save.`
      : `${NUMBER.format(count)} of ${NUMBER.format(max)} characters.`,
  };
}

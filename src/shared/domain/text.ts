import { z } from 'zod';

// Control characters have no place in text a person reads, and PostgreSQL cannot store NUL at all: refused at
// every boundary, so one pasted NUL can never stall a studio's outbox on a server error.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANY_CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One line of text a person reads (a title, a name): trimmed, at most `max` characters. */
export function singleLineText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .refine((text) => !ANY_CONTROL_CHARACTER.test(text), `${label} must not contain control characters`);
}

/** Text with line breaks and tabs (a post body, a bio): trimmed, at most `max` characters. */
export function multiLineText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .refine(
      (text) => !CONTROL_CHARACTER_BUT_LINE_BREAKS.test(text),
      `${label} must not contain control characters`,
    );
}

/**
 * A name a program reads (an item id, a tier, a collection address): 1 to `max` characters, no control
 * characters and no surrounding spaces (refused rather than trimmed: a changed id would name another thing).
 */
export function identifierText(label: string, max: number) {
  return z
    .string()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} is at most ${max} characters`)
    .refine((text) => !ANY_CONTROL_CHARACTER.test(text), `${label} must not contain control characters`)
    .refine((text) => text.trim() === text, `${label} must not start or end with spaces`);
}

/** The deepest a walk for control characters goes; deeper input is refused by the schemas' own limits. */
const MAX_WALK_DEPTH = 64;

/**
 * The path of the first string in `value` (keys included) holding a control character other than tab and line
 * breaks, or null. Every API input goes through this before its schema: PostgreSQL cannot store NUL, and no
 * text a person reads needs the other control characters, so a field whose schema forgets to refuse them is
 * still covered. Fields that must be single-line refuse tabs and line breaks in their own schema.
 */
export function findControlCharacter(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') {
    return CONTROL_CHARACTER_BUT_LINE_BREAKS.test(value) ? path.join('.') || '(input)' : null;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_WALK_DEPTH) return null;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    const keyPath = [...path, String(key)];
    if (typeof key === 'string' && CONTROL_CHARACTER_BUT_LINE_BREAKS.test(key)) return keyPath.join('.');
    const found = findControlCharacter(item, keyPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

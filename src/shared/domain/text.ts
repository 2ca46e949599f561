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

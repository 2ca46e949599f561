import { isWebAddress } from './profile';

/** A bio cut into what is shown as text and what is shown as a link (never HTML). */
export type BioPart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'link'; readonly href: string };

// An address runs to the next space; trailing punctuation ("see https://a.example.") is not part of it.
const ADDRESS = /https?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'’]+$/;

/** Splits a bio into text and http(s) links, so a UI can render links as anchors and the rest as text. */
export function bioParts(bio: string): BioPart[] {
  const parts: BioPart[] = [];
  let last = 0;
  for (const match of bio.matchAll(ADDRESS)) {
    const start = match.index;
    const href = match[0].replace(TRAILING_PUNCTUATION, '');
    if (!isWebAddress(href)) continue;
    if (start > last) parts.push({ kind: 'text', text: bio.slice(last, start) });
    parts.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < bio.length) parts.push({ kind: 'text', text: bio.slice(last) });
  return parts;
}

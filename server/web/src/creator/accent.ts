import type { CSSProperties } from 'react';
import { textColorOn } from '@shared/domain/profile/avatar';
import { DEFAULT_ACCENT_COLOR } from '@shared/domain/profile/profile';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * The creator's accent as CSS custom properties for the page's `style` prop (set through the CSSOM, which the
 * strict CSP allows, unlike a `<style>` element): the colour, and the text colour that reads on it. A value
 * that is not a `#rrggbb` colour falls back to the brand's accent.
 */
export function accentStyle(accentColor: string): CSSProperties {
  const accent = HEX_COLOR.test(accentColor) ? accentColor.toLowerCase() : DEFAULT_ACCENT_COLOR;
  return {
    '--creator-accent': accent,
    '--creator-accent-text': textColorOn(accent),
  } as CSSProperties;
}

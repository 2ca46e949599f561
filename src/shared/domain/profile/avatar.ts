/**
 * The placeholder avatar until the vault brings pictures: the display name's initials on the accent colour,
 * in whichever of white or near-black reads better on it (WCAG relative luminance).
 */
export function initials(displayName: string): string {
  const words = displayName.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.slice(0, 1);
  const result = letters.map((word) => [...word][0]!.toUpperCase()).join('');
  return result === '' ? '?' : result;
}

export const LIGHT_TEXT = '#ffffff';
export const DARK_TEXT = '#111111';

/** The text colour with the better contrast on `background` (`#rrggbb`). */
export function textColorOn(background: string): string {
  const contrastWithLight = contrast(luminance(background), 1);
  const contrastWithDark = contrast(luminance(background), luminance(DARK_TEXT));
  return contrastWithLight >= contrastWithDark ? LIGHT_TEXT : DARK_TEXT;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

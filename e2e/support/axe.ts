import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core's violations on the page as it is now, in the light and the dark scheme, expected to be none; each
 * found one reads "rule (impact): targets". Motion is reduced while axe looks: the studio's buttons fade their
 * colours over 120 ms, and a scan that lands inside that fade (the scheme has just changed, and a loaded machine
 * draws late) measures a contrast between two themes that nobody sees.
 */
export async function expectNoViolations(
  page: Page,
  what: string,
  options: { readonly include?: string } = {},
): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const builder = new AxeBuilder({ page });
    if (options.include) builder.include(options.include);
    const { violations } = await builder.analyze();
    const found = violations.map(
      (v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(found, `${what}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

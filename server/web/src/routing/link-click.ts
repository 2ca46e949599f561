/** The parts of a click that decide whether the app or the browser should follow a link. */
export interface LinkClick {
  readonly button: number;
  readonly metaKey: boolean;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly defaultPrevented: boolean;
}

/**
 * True when a click on an in-app link should navigate inside the app. Middle clicks and modified clicks
 * (new tab, new window, download) are left to the browser, as users expect from any link.
 */
export function isPlainLeftClick(click: LinkClick): boolean {
  return (
    !click.defaultPrevented &&
    click.button === 0 &&
    !click.metaKey &&
    !click.ctrlKey &&
    !click.shiftKey &&
    !click.altKey
  );
}

/**
 * The photo `step` photos away from `index` in a lightbox of `count`, going round from the last to the first and
 * back, so Previous and Next always do something and never have to be disabled (a disabled button would drop
 * the focus of whoever pressed it).
 */
export function stepPhoto(index: number, step: number, count: number): number {
  if (count < 1) return 0;
  return (((index + step) % count) + count) % count;
}

/** The step a key takes in the lightbox: ← and → go back and forth; with a modifier it is the browser's. */
export function stepForKey(key: {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}): -1 | 1 | null {
  if (key.altKey || key.ctrlKey || key.metaKey) return null;
  if (key.key === 'ArrowLeft') return -1;
  if (key.key === 'ArrowRight') return 1;
  return null;
}

/** The lightbox's title, which names its dialog: `Photo 2 of 5`. */
export function lightboxTitle(index: number, count: number): string {
  return `Photo ${index + 1} of ${count}`;
}

/** The counter between Previous and Next: `2 of 5`. */
export function lightboxCounter(index: number, count: number): string {
  return `${index + 1} of ${count}`;
}

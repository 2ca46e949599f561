let lastStamp = 0;

/**
 * A number that grows with every read of vault items the screens start (a page, a refresh, an import's item, a
 * mutation's answer). The slice keeps, per item, the stamp of the read it shows, and drops an answer stamped
 * before it: answers to concurrent reads land in any order, and an older one must not put a finished job's
 * progress bar back at 0 %.
 */
export function readStamp(): number {
  lastStamp += 1;
  return lastStamp;
}

import type { LivePush, LivePushState } from '../live-push';
import type { LiveStats } from '../live-stats';

/** Every state and stats report of a push, kept for assertions. */
export function recordPush(push: LivePush): { states: LivePushState[]; stats: LiveStats[] } {
  const states: LivePushState[] = [];
  const stats: LiveStats[] = [];
  push.on('state', (state) => states.push(state));
  push.on('stats', (report) => stats.push(report));
  return { states, stats };
}

/** Resolves once `condition` holds (checked on each state and stats event), or rejects after `timeoutMs`. */
export function waitFor(
  push: LivePush,
  condition: () => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const check = () => {
      if (!condition()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out waiting for ${what}; state is ${JSON.stringify(push.state)}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      push.off('state', check);
      push.off('stats', check);
    };
    push.on('state', check);
    push.on('stats', check);
  });
}

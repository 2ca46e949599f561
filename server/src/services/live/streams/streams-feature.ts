import type { FeatureRoutes } from '../../../http/feature-routes';
import type { JobHandler } from '../../scheduler';
import type { LiveDeps } from '../live-deps';
import type { RelayEvents } from '../live-relay';
import type { StreamAccess } from '../stream-access';

/**
 * The streams part of the live feature: streams and their lifecycle, ingest keys, tickets, who may watch.
 * (Filled in by the streams work of issue 17; this seam is what the composition root wires.)
 */
export function composeStreams(deps: LiveDeps): {
  readonly access: StreamAccess;
  readonly relayEvents: RelayEvents;
  readonly jobHandlers: Record<string, JobHandler>;
  readonly routes: readonly FeatureRoutes[];
} {
  void deps;
  return {
    access: {
      requireWatcher: () => Promise.reject(new Error('live streams are not built yet')),
      isModerator: () => Promise.resolve(false),
    },
    relayEvents: { publishStarted: () => undefined, publishEnded: () => undefined },
    jobHandlers: {},
    routes: [],
  };
}

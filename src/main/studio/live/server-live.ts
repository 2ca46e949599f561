import { UnavailableError } from '@shared/domain/errors';
import type { LiveConnection } from './live-feature';
import type { LiveServer } from './live-ports';

const NOT_YET = 'This server does not offer live streams yet';

/** The server's `live.*` and `liveChat.*` over the account's connection. */
export function serverLive(connection: LiveConnection): LiveServer & { close(): void } {
  void connection;
  const refuse = () => Promise.reject(new UnavailableError(NOT_YET));
  return {
    create: refuse,
    goLive: refuse,
    end: refuse,
    watchUrl: () => Promise.resolve(null),
    moderate: refuse,
    events: (_streamId, _onEvent, onError) => {
      onError(new UnavailableError(NOT_YET));
      return () => undefined;
    },
    close: () => undefined,
  };
}

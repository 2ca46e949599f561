import { UnavailableError } from '@shared/domain/errors';
import type { LiveEncoder } from './live-ports';

/** The encoder's live push as the studio drives it. */
export function studioLiveEncoder(): LiveEncoder {
  return {
    devices: () =>
      Promise.resolve({
        platform: process.platform,
        cameras: [],
        screens: [],
        microphones: [],
        hardwareEncoders: [],
      }),
    start: () => {
      throw new UnavailableError(
        'This studio cannot push a live stream yet: its live encoder is not built in',
      );
    },
  };
}

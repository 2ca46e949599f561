import { streamEventsChannel } from '@shared/domain/live/stream';
import type { PubSub } from '../../../adapters/pubsub';
import { LIVE_KEYS_CHANNEL } from '../live-relay';
import type { StreamRow } from './stream-repository';
import { toStatusEvent } from './stream-views';

/**
 * Tells the rest of the server (every instance, through the pubsub) what changed, after the change committed:
 * a stream's status on `live.stream.<id>` (the chat fans it out to fans and the studio), and a key issued or
 * revoked on `LIVE_KEYS_CHANNEL` (the relay refreshes its view of valid keys from the database).
 */
export class StreamAnnouncer {
  constructor(private readonly pubsub: PubSub) {}

  status(row: StreamRow): void {
    this.pubsub.publish(streamEventsChannel(row.id), toStatusEvent(row));
  }

  keysChanged(streamId: string): void {
    this.pubsub.publish(LIVE_KEYS_CHANNEL, { streamId });
  }
}

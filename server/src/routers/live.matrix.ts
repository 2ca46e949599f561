import { newId } from '@shared/domain/ids';
import type { StreamDraft } from '@shared/domain/live/stream';
import type { Fixtures, FeatureMatrix } from '../test/authorization-matrix';
import type { liveRouter } from './live';

const PUBLIC_STREAM: StreamDraft = {
  title: 'Matrix stream',
  accessRule: { kind: 'public' },
  ticketPrice: null,
  scheduledFor: null,
};

/** A fresh scheduled stream of the owner's, with a ticket on sale when `ticketed`. */
async function ownerStream(f: Fixtures, ticketed = false) {
  const id = newId();
  const draft: StreamDraft = ticketed
    ? {
        ...PUBLIC_STREAM,
        accessRule: { kind: 'purchased', itemId: id },
        ticketPrice: { currency: 'USD', minor: '500' },
      }
    : PUBLIC_STREAM;
  return f.owner.client.live.create.mutate({ id, draft });
}

/** The access of every `live.*` procedure (spread into `authorization-matrix.test.ts`). */
export const LIVE_MATRIX: FeatureMatrix<typeof liveRouter, 'live.'> = {
  'live.create': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, draft: PUBLIC_STREAM }),
  },
  'live.update': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => {
      const stream = await ownerStream(f);
      return {
        creatorId: f.owner.id,
        id: stream.id,
        baseVersion: stream.version,
        draft: { ...PUBLIC_STREAM, title: 'Changed' },
      };
    },
  },
  'live.cancel': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({ creatorId: f.owner.id, id: (await ownerStream(f)).id }),
  },
  // The test server runs no relay: the owner is answered SERVICE_UNAVAILABLE, every other caller refused first.
  'live.goLive': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({ creatorId: f.owner.id, id: (await ownerStream(f)).id }),
  },
  'live.end': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({ creatorId: f.owner.id, id: (await ownerStream(f)).id }),
  },
  'live.mine': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id }) },
  'live.get': {
    access: 'acting-for',
    type: 'query',
    input: async (f) => ({ creatorId: f.owner.id, id: (await ownerStream(f)).id }),
  },
  'live.forCreator': { access: 'public', type: 'query', input: (f) => ({ handle: f.owner.handle }) },
  'live.watch': {
    access: 'public',
    type: 'query',
    input: async (f) => ({ streamId: (await ownerStream(f)).id }),
  },
  'live.buyTicket': {
    access: 'signed-in',
    type: 'mutation',
    input: async (f) => ({
      streamId: (await ownerStream(f, true)).id,
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: newId(),
    }),
  },
};

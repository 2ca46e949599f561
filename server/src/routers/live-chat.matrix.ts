import { newId } from '@shared/domain/ids';
import type { FeatureMatrix } from '../test/authorization-matrix';
import type { liveChatRouter } from './live-chat';

const aStream = () => ({ streamId: newId() });

/**
 * The access of every `liveChat.*` procedure (spread into `authorization-matrix.test.ts`). Moderation is for
 * any signed-in account as far as the router goes: whether the caller moderates the named stream is the chat
 * service's decision (`StreamAccess.isModerator`), tried in `live-chat.test.ts`.
 */
export const LIVE_CHAT_MATRIX: FeatureMatrix<typeof liveChatRouter, 'liveChat.'> = {
  'liveChat.send': { access: 'signed-in', type: 'mutation', input: () => ({ ...aStream(), text: 'Hello' }) },
  'liveChat.delete': { access: 'signed-in', type: 'mutation', input: () => ({ messageId: newId() }) },
  'liveChat.timeout': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({ ...aStream(), fanId: newId(), minutes: 5 }),
  },
  'liveChat.ban': { access: 'signed-in', type: 'mutation', input: () => ({ ...aStream(), fanId: newId() }) },
  'liveChat.unban': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({ ...aStream(), fanId: newId() }),
  },
  'liveChat.bans': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id }) },
  'liveChat.moderators': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id }) },
  'liveChat.appointModerator': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, accountId: newId() }),
  },
  'liveChat.removeModerator': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, accountId: newId() }),
  },
  'liveChat.settings': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id }) },
  'liveChat.updateSettings': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, slowModeSeconds: 0, blockedWords: [] }),
  },
  'liveChat.history': { access: 'public', type: 'query', input: aStream },
  'liveChat.react': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({ ...aStream(), reaction: '🔥' }),
  },
  'liveChat.tip': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({
      ...aStream(),
      amount: '500',
      currency: 'USD',
      message: 'Great stream',
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: newId(),
    }),
  },
  // A public stream of the owner's: anyone may follow its events and receives the viewer count at once.
  'liveChat.events': {
    access: 'public',
    type: 'subscription',
    input: async (f) => {
      const draft = {
        title: 'Matrix',
        accessRule: { kind: 'public' },
        ticketPrice: null,
        scheduledFor: null,
      } as const;
      return { streamId: (await f.owner.client.live.create.mutate({ draft })).id };
    },
  },
};

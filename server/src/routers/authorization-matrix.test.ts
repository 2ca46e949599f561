import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { DEFAULT_ACCENT_COLOR } from '@shared/domain/profile/profile';
import { createMutation, draft } from '../test/post-drafts';
import {
  codeOf,
  PASSWORD,
  signUp,
  startTestServer,
  uniqueName,
  type ServerClient,
  type TestServer,
} from '../test/test-server';
import type { Access, Entry, Fixtures, ProcedurePaths } from '../test/authorization-matrix';
import { appRouter, type AppRouter } from './index';
import { LIVE_CHAT_MATRIX } from './live-chat.matrix';
import { LIVE_MATRIX } from './live.matrix';

type ProcedurePath = ProcedurePaths<AppRouter['_def']['record']>;

/**
 * The access decision of every procedure. Typed over the whole router: a procedure added without an entry
 * here fails the typecheck (and the first test below), so nothing ships without a stated access rule and a
 * test of it against each role.
 */
const MATRIX: Record<ProcedurePath, Entry> = {
  'accounts.signUp': {
    access: 'public',
    type: 'mutation',
    input: () => ({
      email: `${uniqueName('matrix')}@example.test`,
      password: PASSWORD,
      role: 'fan',
      displayName: 'Matrix',
    }),
  },
  'accounts.signIn': {
    access: 'public',
    type: 'mutation',
    input: () => ({ email: 'nobody@example.test', password: 'not the password' }),
  },
  'accounts.signOut': { access: 'signed-in', type: 'mutation', input: () => undefined },
  'accounts.requestPasswordReset': {
    access: 'public',
    type: 'mutation',
    input: () => ({ email: 'nobody@example.test' }),
  },
  'accounts.resetPassword': {
    access: 'public',
    type: 'mutation',
    input: () => ({ token: `${newId()}.${'A'.repeat(43)}`, password: 'a new passphrase' }),
  },
  'accounts.me': { access: 'public', type: 'query', input: () => undefined },
  'posts.mine': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id }) },
  'posts.create': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, draft: draft('Matrix') }),
  },
  'posts.update': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => {
      const post = await f.newOwnerPost();
      return { creatorId: f.owner.id, id: post.id, baseVersion: post.version, draft: draft('Changed') };
    },
  },
  'posts.publish': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({ creatorId: f.owner.id, id: (await f.newOwnerPost()).id }),
  },
  'posts.unpublish': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({ creatorId: f.owner.id, id: (await f.newOwnerPost()).id }),
  },
  'posts.delete': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({ creatorId: f.owner.id, id: (await f.newOwnerPost()).id }),
  },
  'profiles.mine': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id }) },
  'profiles.update': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => {
      const current = await f.owner.client.profiles.mine.query({ creatorId: f.owner.id });
      return {
        creatorId: f.owner.id,
        baseVersion: current.version,
        draft: { displayName: 'Owner', bio: '', links: [], accentColor: DEFAULT_ACCENT_COLOR },
      };
    },
  },
  'creators.page': { access: 'public', type: 'query', input: (f) => ({ handle: f.owner.handle }) },
  'creators.follow': { access: 'signed-in', type: 'mutation', input: (f) => ({ handle: f.owner.handle }) },
  'creators.unfollow': { access: 'signed-in', type: 'mutation', input: (f) => ({ handle: f.owner.handle }) },
  'sync.push': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, mutations: [createMutation('Pushed')] }),
  },
  'sync.pull': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id, after: 0 }) },
  'sync.onChange': { access: 'acting-for', type: 'subscription', input: (f) => ({ creatorId: f.owner.id }) },
  'tips.settings': { access: 'public', type: 'query', input: (f) => ({ handle: f.owner.handle }) },
  'tips.send': {
    access: 'signed-in',
    type: 'mutation',
    input: (f) => ({
      handle: f.owner.handle,
      amount: '500',
      currency: 'USD',
      message: 'Thanks',
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: newId(),
    }),
  },
  'tips.updateSettings': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, minimum: '200', presets: ['500'], goal: null }),
  },
  'payments.config': { access: 'public', type: 'query', input: () => undefined },
  'payments.get': { access: 'signed-in', type: 'query', input: () => ({ paymentId: newId() }) },
  'payments.mine': { access: 'signed-in', type: 'query', input: () => ({ limit: 5 }) },
  'payments.receipt': { access: 'signed-in', type: 'query', input: () => ({ paymentId: newId() }) },
  'payments.refund': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, paymentId: newId(), amount: '100', idempotencyKey: newId() }),
  },
  'subscriptions.tiers': { access: 'public', type: 'query', input: (f) => ({ handle: f.owner.handle }) },
  'subscriptions.createTier': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, tier: TIER }),
  },
  'subscriptions.updateTier': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, tierId: f.owner.tierId, tier: TIER }),
  },
  'subscriptions.archiveTier': {
    access: 'acting-for',
    type: 'mutation',
    input: async (f) => ({
      creatorId: f.owner.id,
      tierId: (await f.owner.client.subscriptions.createTier.mutate({ tier: TIER })).id,
    }),
  },
  'subscriptions.createPromo': {
    access: 'acting-for',
    type: 'mutation',
    input: (f) => ({ creatorId: f.owner.id, promo: { code: `P${newId().slice(-8)}`, percentOff: 10 } }),
  },
  'subscriptions.subscribe': {
    access: 'signed-in',
    type: 'mutation',
    input: (f) => ({
      handle: f.owner.handle,
      tierId: f.owner.tierId,
      interval: 'month',
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: newId(),
    }),
  },
  'subscriptions.mine': { access: 'signed-in', type: 'query', input: () => undefined },
  'subscriptions.cancel': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({ subscriptionId: newId() }),
  },
  'subscriptions.resume': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({ subscriptionId: newId() }),
  },
  'subscriptions.updatePaymentMethod': {
    access: 'signed-in',
    type: 'mutation',
    input: () => ({ subscriptionId: newId(), paymentMethod: 'sandbox_card_4242424242424242' }),
  },
  'subscriptions.changeTier': {
    access: 'signed-in',
    type: 'mutation',
    input: (f) => ({ subscriptionId: newId(), tierId: f.owner.tierId, idempotencyKey: newId() }),
  },
  'purchases.buy': {
    access: 'signed-in',
    type: 'mutation',
    input: (f) => ({
      postId: f.owner.pricedPostId,
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: newId(),
    }),
  },
  'purchases.mine': { access: 'signed-in', type: 'query', input: () => undefined },
  'media.list': { access: 'acting-for', type: 'query', input: (f) => ({ creatorId: f.owner.id, limit: 10 }) },
  ...LIVE_MATRIX,
  ...LIVE_CHAT_MATRIX,
};

const TIER = { name: 'Gold', rank: 1, monthlyPrice: '999' };

type Role = 'anonymous' | 'fan' | 'another creator' | 'the owner';
const ROLES: readonly Role[] = ['anonymous', 'fan', 'another creator', 'the owner'];

/** What a role meets: `allowed` (any answer but a refusal of who it is) or the refusal's code. */
function expectedOutcome(access: Access, role: Role): 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN' {
  if (access === 'public') return 'allowed';
  if (role === 'anonymous') return 'UNAUTHORIZED';
  if (access === 'signed-in' || role === 'the owner') return 'allowed';
  return 'FORBIDDEN';
}

let server: TestServer;
let fixtures: Fixtures;
const clients = {} as Record<Role, () => Promise<ServerClient>>;

beforeAll(async () => {
  server = await startTestServer();
  const owner = await signUp(server, 'creator');
  const pricedPostId = newId();
  await owner.client.posts.create.mutate({
    id: pricedPostId,
    draft: {
      ...draft('For sale', { kind: 'purchased', itemId: pricedPostId }),
      price: { currency: 'USD', minor: '300' },
    },
  });
  await owner.client.posts.publish.mutate({ id: pricedPostId });
  fixtures = {
    owner: {
      id: owner.account.id,
      handle: owner.account.handle!,
      client: owner.client,
      tierId: (await owner.client.subscriptions.createTier.mutate({ tier: TIER })).id,
      pricedPostId,
    },
    async newOwnerPost() {
      const post = await owner.client.posts.create.mutate({ draft: draft('Owned') });
      return { id: post.id, version: post.version };
    },
  };
  // A fresh session per call for the signed-in roles: `accounts.signOut` must not end the next call's session.
  const signedInAs = (role: 'fan' | 'creator', name: string) => async () => {
    const signedIn = await server
      .client()
      .accounts.signIn.mutate({ email: `${name}@example.test`, password: PASSWORD });
    return server.client(signedIn.token);
  };
  const fan = await signUp(server, 'fan');
  const other = await signUp(server, 'creator');
  clients.anonymous = async () => server.client();
  clients.fan = signedInAs('fan', fan.account.email.split('@')[0]!);
  clients['another creator'] = signedInAs('creator', other.account.email.split('@')[0]!);
  clients['the owner'] = signedInAs('creator', owner.account.email.split('@')[0]!);
});
afterAll(() => server.close());

/** Calls one procedure by its path and says how it ended: 'allowed', or the error's tRPC code. */
async function outcome(
  client: ServerClient,
  path: ProcedurePath,
  entry: Entry,
  input: unknown,
): Promise<string> {
  const [namespace, name] = path.split('.') as [string, string];
  const procedure = (client as unknown as Record<string, Record<string, Record<string, CallableFunction>>>)[
    namespace
  ]![name]!;
  if (entry.type === 'subscription') {
    return new Promise<string>((resolve) => {
      const subscription = procedure.subscribe!(input, {
        onData: () => {
          subscription.unsubscribe();
          resolve('allowed');
        },
        onError: (error: unknown) => {
          subscription.unsubscribe();
          resolve(codeOf(error) ?? String(error));
        },
      }) as { unsubscribe(): void };
    });
  }
  const call = entry.type === 'query' ? procedure.query! : procedure.mutate!;
  return (call(input) as Promise<unknown>).then(
    () => 'allowed',
    (error: unknown) => {
      const code = codeOf(error);
      // Refused for another reason than who the caller is (a wrong password, say): access was granted.
      return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? code : 'allowed';
    },
  );
}

describe('the authorization matrix', () => {
  it('has an entry for every procedure of the router, and none for a procedure that does not exist', () => {
    const procedures = Object.keys((appRouter._def as { procedures: object }).procedures).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  describe.each(Object.entries(MATRIX) as [ProcedurePath, Entry][])('%s', (path, entry) => {
    it.each(ROLES)(`as %s: ${entry.access}`, async (role) => {
      const client = await clients[role]();
      const input = await entry.input(fixtures);
      const got = await outcome(client, path, entry, input);
      // accounts.signIn refuses a wrong password with UNAUTHORIZED: that is its answer, not an access refusal.
      const expected = path === 'accounts.signIn' ? 'UNAUTHORIZED' : expectedOutcome(entry.access, role);
      expect(got).toBe(expected);
    });
  });
});

describe("another creator's ids under one's own account", () => {
  // Acting for oneself but naming the owner's post: refused, and the post stays as it was.
  it.each(['posts.update', 'posts.publish', 'posts.unpublish', 'posts.delete', 'sync.push'] as const)(
    '%s changes nothing of the owner',
    async (path) => {
      const post = await fixtures.newOwnerPost();
      const intruder = await clients['another creator']();
      const input =
        path === 'sync.push'
          ? { mutations: [{ ...createMutation('Hijack', post.id), change: { type: 'delete' } }] }
          : path === 'posts.update'
            ? { id: post.id, baseVersion: post.version, draft: draft('Hijacked') }
            : { id: post.id };
      const answer = await outcome(intruder, path, MATRIX[path], input).catch(String);
      const after = await fixtures.owner.client.posts.mine.query();
      const stored = after.find((p) => p.id === post.id);
      expect(stored, `${path} answered ${answer}`).toMatchObject({ version: post.version, status: 'draft' });
      expect(stored!.title).toBe('Owned');
    },
  );
});

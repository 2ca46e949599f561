import { initTRPC, TRPCError } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TrpcResponseMessage } from '@shared/ipc/trpc-messages';
import { createTrpcMessageHandler, type TrpcConnection } from './trpc-message-handler';

interface Ctx {
  readonly user: string;
}

const t = initTRPC.context<Ctx>().create({ transformer: superjson });
const finished: string[] = [];

const router = t.router({
  whoami: t.procedure.query(({ ctx }) => ({
    user: ctx.user,
    at: new Date('2025-01-02T03:04:05Z'),
    big: 10n ** 20n,
  })),
  rename: t.procedure
    .input(z.object({ name: z.string().min(3, 'name is at least 3 characters') }))
    .mutation(({ input }) => ({ renamed: input.name })),
  refuse: t.procedure.mutation(() => {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only creators can publish' });
  }),
  countdown: t.procedure.input(z.object({ from: z.number() })).subscription(async function* ({ input }) {
    for (let n = input.from; n > 0; n--) yield n;
  }),
  forever: t.procedure.subscription(async function* ({ signal }) {
    try {
      let n = 0;
      while (!signal?.aborted) {
        yield n++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      finished.push('forever');
    }
  }),
  ticks: t.procedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      emit.next(2);
      emit.complete();
    }),
  ),
});

function open(): {
  connection: TrpcConnection;
  replies: TrpcResponseMessage[];
  next: () => Promise<TrpcResponseMessage>;
} {
  const replies: TrpcResponseMessage[] = [];
  const waiters: ((message: TrpcResponseMessage) => void)[] = [];
  let read = 0;
  const handler = createTrpcMessageHandler({ router, createContext: () => ({ user: 'ana' }) });
  // structuredClone: replies cross the IPC boundary as Electron would copy them.
  const connection = handler.connect((message) => {
    replies.push(structuredClone(message));
    waiters.shift()?.(replies[replies.length - 1]!);
  });
  const next = () =>
    read < replies.length
      ? Promise.resolve(replies[read++]!)
      : new Promise<TrpcResponseMessage>((resolve) =>
          waiters.push((message) => {
            read++;
            resolve(message);
          }),
        );
  return { connection, replies, next };
}

function data(message: TrpcResponseMessage): unknown {
  if (!('result' in message) || message.result.type !== 'data')
    throw new Error(`not data: ${JSON.stringify(message)}`);
  return superjson.deserialize(message.result.data as never);
}

function errorOf(message: TrpcResponseMessage) {
  if (!('error' in message)) throw new Error(`not an error: ${JSON.stringify(message)}`);
  return superjson.deserialize<{ code: number; message: string; data: { code: string; path?: string } }>(
    message.error as never,
  );
}

describe('tRPC over messages', () => {
  it('answers a query with superjson data made in the call context', async () => {
    const { connection, next } = open();
    connection.receive({ id: 1, method: 'query', path: 'whoami' });
    const reply = await next();
    expect(reply.id).toBe(1);
    expect(data(reply)).toEqual({ user: 'ana', at: new Date('2025-01-02T03:04:05Z'), big: 10n ** 20n });
  });

  it('deserializes mutation input with the router transformer', async () => {
    const { connection, next } = open();
    connection.receive({
      id: 2,
      method: 'mutation',
      path: 'rename',
      input: superjson.serialize({ name: 'Mesi' }),
    });
    expect(data(await next())).toEqual({ renamed: 'Mesi' });
  });

  it('reports invalid input as BAD_REQUEST naming the problem', async () => {
    const { connection, next } = open();
    connection.receive({
      id: 3,
      method: 'mutation',
      path: 'rename',
      input: superjson.serialize({ name: 'x' }),
    });
    const error = errorOf(await next());
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('name is at least 3 characters');
  });

  it('passes a procedure error through with its code and message', async () => {
    const { connection, next } = open();
    connection.receive({ id: 4, method: 'mutation', path: 'refuse' });
    const error = errorOf(await next());
    expect(error.data.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Only creators can publish');
  });

  it('answers an unknown procedure with NOT_FOUND and a query sent as mutation too', async () => {
    const { connection, next } = open();
    connection.receive({ id: 5, method: 'query', path: 'nope' });
    expect(errorOf(await next()).data.code).toBe('NOT_FOUND');
    connection.receive({ id: 6, method: 'mutation', path: 'whoami' });
    expect(errorOf(await next()).data.code).toBe('NOT_FOUND');
  });

  it('answers a malformed message with BAD_REQUEST instead of crashing', async () => {
    const { connection, next } = open();
    connection.receive({ id: 7, method: 'delete', path: 'whoami' });
    const reply = await next();
    expect(reply.id).toBe(7);
    expect(errorOf(reply).data.code).toBe('BAD_REQUEST');
    connection.receive('not even an object');
    const anonymous = await next();
    expect(anonymous.id).toBeNull();
  });

  it('streams an async-generator subscription: started, each value, stopped', async () => {
    const { connection, next } = open();
    connection.receive({
      id: 8,
      method: 'subscription',
      path: 'countdown',
      input: superjson.serialize({ from: 3 }),
    });
    expect(await next()).toEqual({ id: 8, result: { type: 'started' } });
    expect([data(await next()), data(await next()), data(await next())]).toEqual([3, 2, 1]);
    expect(await next()).toEqual({ id: 8, result: { type: 'stopped' } });
    expect(connection.activeSubscriptions).toBe(0);
  });

  it('streams an observable subscription', async () => {
    const { connection, next } = open();
    connection.receive({ id: 9, method: 'subscription', path: 'ticks' });
    expect((await next()).id).toBe(9);
    expect([data(await next()), data(await next())]).toEqual([1, 2]);
    expect(await next()).toEqual({ id: 9, result: { type: 'stopped' } });
  });

  it('ends a subscription when the renderer stops it and runs its cleanup', async () => {
    finished.length = 0;
    const { connection, next } = open();
    connection.receive({ id: 10, method: 'subscription', path: 'forever' });
    await next(); // started
    expect(data(await next())).toBe(0);
    connection.receive({ id: 10, method: 'subscription.stop' });
    let reply = await next();
    while ('result' in reply && reply.result.type === 'data') reply = await next();
    expect(reply).toEqual({ id: 10, result: { type: 'stopped' } });
    expect(connection.activeSubscriptions).toBe(0);
    await expect.poll(() => finished).toContain('forever');
  });

  it('refuses a second subscription with an id already running', async () => {
    const { connection, next } = open();
    connection.receive({ id: 11, method: 'subscription', path: 'forever' });
    await next(); // started
    connection.receive({ id: 11, method: 'subscription', path: 'forever' });
    let reply = await next();
    while ('result' in reply) reply = await next();
    expect(errorOf(reply).message).toBe('Duplicate id 11');
    connection.close();
  });

  it('stops every subscription and sends nothing more once the connection closes', async () => {
    finished.length = 0;
    const { connection, next, replies } = open();
    connection.receive({ id: 12, method: 'subscription', path: 'forever' });
    await next();
    connection.close();
    const count = replies.length;
    await expect.poll(() => finished).toContain('forever');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(replies.length).toBe(count);
    expect(connection.activeSubscriptions).toBe(0);
    connection.receive({ id: 13, method: 'query', path: 'whoami' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replies.length).toBe(count);
  });
});

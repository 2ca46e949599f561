import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ipcLink } from '../../renderer/src/transport/ipc-link';
import type { MesiStudioBridge } from '../../renderer/src/transport/bridge';
import { createTrpcMessageHandler } from './trpc-message-handler';

const t = initTRPC.create({ transformer: superjson });
let cleanedUp = 0;
const router = t.router({
  posts: t.router({
    list: t.procedure.query(() => [{ id: 'a', createdAt: new Date('2025-05-01T00:00:00Z') }]),
    create: t.procedure
      .input(z.object({ title: z.string().max(5, 'title is at most 5 characters') }))
      .mutation(({ input }) => ({ title: input.title })),
    publish: t.procedure.mutation(() => {
      throw new TRPCError({ code: 'CONFLICT', message: 'The server has a newer version' });
    }),
    onChange: t.procedure.subscription(async function* ({ signal }) {
      try {
        let revision = 0;
        while (!signal?.aborted) {
          yield { revision: revision++ };
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } finally {
        cleanedUp++;
      }
    }),
  }),
});

/** A bridge like the preload's, wired straight to the main-side handler; messages are copied like IPC does. */
function connectedBridge(): { bridge: MesiStudioBridge; sent: unknown[] } {
  const listeners = new Set<(message: unknown) => void>();
  const sent: unknown[] = [];
  const connection = createTrpcMessageHandler({ router, createContext: () => ({}) }).connect((message) => {
    for (const listener of listeners) listener(structuredClone(message));
  });
  return {
    sent,
    bridge: {
      send(message) {
        sent.push(message);
        connection.receive(structuredClone(message));
      },
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

describe('the renderer IPC link against the main-process handler', () => {
  it('runs queries and mutations with superjson types intact', async () => {
    const { bridge } = connectedBridge();
    const client = createTRPCClient<typeof router>({ links: [ipcLink({ bridge, transformer: superjson })] });
    expect(await client.posts.list.query()).toEqual([
      { id: 'a', createdAt: new Date('2025-05-01T00:00:00Z') },
    ]);
    expect(await client.posts.create.mutate({ title: 'Hi' })).toEqual({ title: 'Hi' });
  });

  it('raises TRPCClientError with the server code and message', async () => {
    const { bridge } = connectedBridge();
    const client = createTRPCClient<typeof router>({ links: [ipcLink({ bridge, transformer: superjson })] });
    const conflict = await client.posts.publish.mutate().catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(TRPCClientError);
    expect((conflict as TRPCClientError<typeof router>).data?.code).toBe('CONFLICT');
    expect((conflict as Error).message).toBe('The server has a newer version');
    const invalid = await client.posts.create.mutate({ title: 'Too long' }).catch((error: unknown) => error);
    expect((invalid as TRPCClientError<typeof router>).data?.code).toBe('BAD_REQUEST');
    expect((invalid as Error).message).toContain('title is at most 5 characters');
  });

  it('delivers subscription data and stops the server side on unsubscribe', async () => {
    const { bridge, sent } = connectedBridge();
    const client = createTRPCClient<typeof router>({ links: [ipcLink({ bridge, transformer: superjson })] });
    const before = cleanedUp;
    const seen: number[] = [];
    let started = false;
    const subscription = client.posts.onChange.subscribe(undefined, {
      onStarted: () => (started = true),
      onData: (value) => seen.push(value.revision),
    });
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3);
    expect(started).toBe(true);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    subscription.unsubscribe();
    expect(sent.at(-1)).toMatchObject({ method: 'subscription.stop' });
    await expect.poll(() => cleanedUp).toBe(before + 1);
  });
});

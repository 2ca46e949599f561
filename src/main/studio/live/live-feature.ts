import { LiveSession } from './live-session';
import type { LiveEncoder, LiveServer } from './live-ports';

/** The account's server and token once sync starts: the live feature's calls and chat go over it. */
export interface LiveConnection {
  readonly serverUrl: string;
  readonly token: string;
}

export interface LiveContext {
  /** The account's own folder (`accounts/<accountId>/`): recordings go to `recordings/` there. */
  readonly folder: string;
  readonly encoder: LiveEncoder;
  /** The server's live feature over a connection (`server-live.ts` by default; tests pass their own). */
  readonly serverFor: (connection: LiveConnection) => LiveServer & { close(): void };
}

/**
 * Live streaming for one account: its session (what the router drives), connected to the account's server
 * while sync runs. The account's session calls `connect` when sync starts, `disconnect` when it stops, and
 * `close` before the database closes.
 */
export function openLive(context: LiveContext) {
  const session = new LiveSession({ folder: context.folder, encoder: context.encoder });
  let server: (LiveServer & { close(): void }) | null = null;
  const disconnect = () => {
    server?.close();
    server = null;
    session.setServer(null);
  };
  return {
    session,
    connect(connection: LiveConnection): void {
      disconnect();
      server = context.serverFor(connection);
      session.setServer(server);
    },
    disconnect,
    async close(): Promise<void> {
      await session.close();
      disconnect();
    },
  };
}

export type LiveFeature = ReturnType<typeof openLive>;

import { createTRPCClient, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { StudioRouter } from '../../../main/studio/router';
import { takeBrowserToken } from './browser-token';
import { browserModeLinks } from './http-link';
import { ipcLink } from './ipc-link';

export type StudioClient = TRPCClient<StudioRouter>;

export class MissingBrowserTokenError extends Error {
  constructor() {
    super(
      'This page needs the link the studio printed when it started (it ends with #token=…). Open that link again.',
    );
  }
}

/** The studio router client: over the preload bridge inside Electron, over HTTP + WebSocket in browser mode. */
export function createStudioClient(): StudioClient {
  const bridge = window.mesiStudio;
  if (bridge) {
    return createTRPCClient<StudioRouter>({
      links: [ipcLink<StudioRouter>({ bridge, transformer: superjson })],
    });
  }
  const token = takeBrowserToken({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
  });
  if (token === null) throw new MissingBrowserTokenError();
  return createTRPCClient<StudioRouter>({ links: browserModeLinks(window.location.origin, token) });
}

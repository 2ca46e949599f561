import { createTRPCClient, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { StudioRouter } from '../../../main/studio/router';
import { takeBrowserToken } from './browser-token';
import { browserModeLinks } from './http-link';
import { ipcLink } from './ipc-link';

export type StudioClient = TRPCClient<StudioRouter>;

/** How this window reaches the studio: the preload bridge (Electron), or browser mode with its token. */
export type StudioConnection =
  | { readonly kind: 'electron'; readonly client: StudioClient }
  | { readonly kind: 'browser'; readonly client: StudioClient; readonly token: string }
  | { readonly kind: 'browser-without-token' };

/** The studio router client: over the preload bridge inside Electron, over HTTP + WebSocket in browser mode. */
export function connectToStudio(): StudioConnection {
  const bridge = window.mesiStudio;
  if (bridge) {
    const client = createTRPCClient<StudioRouter>({
      links: [ipcLink<StudioRouter>({ bridge, transformer: superjson })],
    });
    return { kind: 'electron', client };
  }
  const token = takeBrowserToken({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
  });
  if (token === null) return { kind: 'browser-without-token' };
  const client = createTRPCClient<StudioRouter>({ links: browserModeLinks(window.location.origin, token) });
  return { kind: 'browser', client, token };
}

/**
 * Whether the browser-mode studio at `origin` refuses `token` (401), asked once with a plain request before
 * anything is shown, so a wrong link says so at once instead of a studio stuck on "Connecting". An
 * unreachable studio is not a refusal: the status bar says that one.
 */
export async function browserTokenRefused(
  origin: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<boolean> {
  try {
    const response = await fetchImpl(`${origin}/trpc/studio.state`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return response.status === 401;
  } catch {
    return false;
  }
}

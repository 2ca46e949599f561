import { composeChat } from './chat/chat-feature';
import type { LiveDeps } from './live-deps';
import { composeStreams } from './streams/streams-feature';
import { watchHeadsIn, watchPageRoutes } from './watch-page-routes';

/**
 * The live feature, built once: streams (lifecycle, keys, tickets, access) and chat (messages, reactions, tips,
 * moderation, fan-out), over the RTMP relay when the server runs one. The relay reports publishes to the streams
 * part through `relayEvents`.
 */
export function composeLive(deps: LiveDeps) {
  const streams = composeStreams(deps);
  const chat = composeChat({ ...deps, access: streams.access });
  return {
    streams,
    chat,
    relay: deps.relay,
    tokens: deps.tokens,
    jobHandlers: streams.jobHandlers,
    routes: [...streams.routes, watchPageRoutes(watchHeadsIn(deps.db))],
    background: [
      ...chat.background,
      // Relay events queued for the database finish before it closes.
      { start: () => undefined, stop: () => streams.lifecycle.idle() },
    ],
  };
}

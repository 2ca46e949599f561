import type { BackgroundWork } from '../../../composition';
import type { LiveDeps } from '../live-deps';
import type { StreamAccess } from '../stream-access';

/**
 * The chat part of the live feature: messages, reactions, tips in chat, moderation, and the fan-out of live
 * events to subscribers. (Filled in by the chat work of issue 17; this seam is what the composition root wires.)
 */
export function composeChat(deps: LiveDeps & { readonly access: StreamAccess }): {
  readonly background: readonly BackgroundWork[];
} {
  void deps;
  return { background: [] };
}

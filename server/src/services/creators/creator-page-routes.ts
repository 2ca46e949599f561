import { HANDLE_PATTERN } from '@shared/domain/accounts/account-fields';
import { isDomainError } from '@shared/domain/errors';
import type { FeatureRoutes } from '../../http/feature-routes';
import { summarize } from '../../http/page-head';
import type { CreatorPageService } from './creator-page-service';

/**
 * `/c/:handle`: the fan app's creator page, answered 404 for a handle no creator has, and with a head naming
 * the creator (title, description from the bio, Open Graph and Twitter card) so a shared link previews well.
 */
export function creatorPageRoutes(pages: CreatorPageService): FeatureRoutes {
  return (app, { webApp }) => {
    app.get<{ Params: { handle: string } }>('/c/:handle', async (request, reply) => {
      const handle = request.params.handle.trim().replace(/^@/, '').toLowerCase();
      const path = `/c/${encodeURIComponent(handle)}`;
      const creator = HANDLE_PATTERN.test(handle) ? await pages.creator(handle).catch(notFoundAsNull) : null;
      if (!creator) {
        return webApp.sendPage(reply, 404, {
          title: 'Creator not found',
          description: `There is no creator @${handle} on Mesi.`,
          path,
          noIndex: true,
        });
      }
      const name = `${creator.displayName} (@${creator.handle})`;
      return webApp.sendPage(reply, 200, {
        title: name,
        description:
          creator.bio.trim() !== '' ? summarize(creator.bio) : `Posts by ${creator.displayName} on Mesi.`,
        path: `/c/${creator.handle}`,
        type: 'profile',
      });
    });
  };
}

function notFoundAsNull(error: unknown): null {
  if (isDomainError(error) && error.kind === 'not_found') return null;
  throw error;
}

import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import { isDomainError, TRANSPORT_CODE_OF_KIND } from '@shared/domain/errors';
import { describeIssues } from '@shared/domain/input-issues';
import { pullInputSchema } from '@shared/domain/sync/protocol';
import type { FastifyReply } from 'fastify';
import type { FeatureRoutes } from '../../http/feature-routes';
import { bearerToken } from '../../routers/context';
import type { AccountService } from '../accounts/account-service';
import type { SyncService } from './sync-service';

/**
 * `GET /sync/feed?after=&limit=[&creatorId=]`: the same page of a creator's change feed as `sync.pull`, for
 * the studio's catch-up, as the plain JSON document `{"cursor":…,"hasMore":…,"changes":[…]}`. The page is
 * built as text from the stored JSON and sent as is; through tRPC it had to be escaped into a string on the
 * server and parsed twice in the studio, which cost more than the query and the apply together on large
 * catch-ups. Same authentication (a Bearer token only: no cookie, so no cross-site reads), same use case and
 * same authorization as `sync.pull`; errors carry the same codes (`{"error":{"code","message"}}`).
 */
export function changeFeedRoutes(sync: SyncService, accounts: AccountService): FeatureRoutes {
  return (app) => {
    app.get<{ Querystring: Record<string, string | undefined> }>('/sync/feed', async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = bearerToken(request.headers);
      const session = token ? await accounts.authenticate(token) : null;
      if (!session) {
        return refuse(
          reply,
          'UNAUTHORIZED',
          token ? 'Your session has ended; sign in again' : 'Sign in first',
        );
      }
      const { after, limit, creatorId } = request.query;
      const input = pullInputSchema.safeParse({
        after: after === undefined ? undefined : Number(after),
        limit: limit === undefined ? undefined : Number(limit),
        creatorId,
      });
      if (!input.success) return refuse(reply, 'BAD_REQUEST', describeIssues(input.error.issues));
      const owner = input.data.creatorId ?? session.account.id;
      try {
        const page = await sync.pull(session.account, owner, input.data.after, input.data.limit);
        return reply
          .type('application/json; charset=utf-8')
          .send(`{"cursor":${page.cursor},"hasMore":${page.hasMore},"changes":${page.changesJson}}`);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return refuse(reply, TRANSPORT_CODE_OF_KIND[error.kind], error.message);
      }
    });
  };
}

function refuse(reply: FastifyReply, code: TRPCError['code'], message: string): FastifyReply {
  const status = getHTTPStatusCodeFromError(new TRPCError({ code }));
  return reply.code(status).send({ error: { code, message } });
}

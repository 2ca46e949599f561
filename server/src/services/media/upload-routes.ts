import type { IncomingMessage } from 'node:http';
import { MemoryLocker, Server, type ServerOptions } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, DATABASE_UNAVAILABLE_MESSAGE } from '../../db/postgres-errors';
import type { FeatureRoutes } from '../../http/feature-routes';
import { logFailure } from '../../logging/error-log';
import { bearerToken } from '../../routers/context';
import type { AccountService, AccountView } from '../accounts/account-service';
import type { CheckedFileStore } from './checked-file-store';
import type { MediaUploads } from './media-uploads';
import { UploadRefusal } from './upload-refusal';

export const UPLOADS_PATH = '/uploads';

type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

/**
 * The tus endpoint at `/uploads` (@tus/server over `DATA_DIR/uploads`, which is never served: GET answers 404).
 * Callers sign in with `Authorization: Bearer <token>` as the studio's other server calls do (never a cookie,
 * so no other site can make a browser upload); every request on an upload (HEAD, PATCH, DELETE) is checked
 * against the upload's owner, and a stranger's is "not found". Bodies are not read by Fastify: tus streams
 * them to disk, so the server's body limit does not apply and nothing is held whole in memory.
 */
export function uploadRoutes(deps: {
  readonly uploads: MediaUploads;
  readonly accounts: AccountService;
  readonly store: CheckedFileStore;
}): FeatureRoutes {
  return (app) => {
    const callers = new WeakMap<IncomingMessage, AccountView>();
    const callerOf = (request: TusRequest): AccountView => {
      const raw = (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
      const actor = raw ? callers.get(raw) : undefined;
      if (!actor) throw new UploadRefusal(401, 'Sign in first');
      return actor;
    };
    const tus = new Server({
      path: UPLOADS_PATH,
      datastore: deps.store,
      locker: new MemoryLocker(),
      relativeLocation: true,
      // No CORS: the studio uploads from Node, and a web page of another site gets no answer it can read.
      allowedOrigins: [],
      // Whether an upload may be ended is decided on its row (onIncomingRequest), not on its offset.
      disableTerminationForFinishedUploads: false,
      async onIncomingRequest(request, uploadId) {
        const actor = callerOf(request);
        if (request.method === 'POST' || request.method === 'OPTIONS') return;
        const row = await deps.uploads.ownedUpload(actor, uploadId);
        // Whole but not finished: the answer to its last PATCH was lost (the server stopped in between). The
        // client asks HEAD before going on, so finishing here makes sure no upload stays `uploading` for ever.
        // The studio ends an upload it gave up: its row goes now, in the request, then tus removes the bytes
        // (whole ones too: an upload whose finish failed is ended entirely). A finished upload's bytes are the
        // processing job's: refused, tus never reaches them.
        if (request.method === 'DELETE' && !(await deps.uploads.terminate(row))) {
          throw new UploadRefusal(400, 'This upload is complete and being processed; it cannot be ended');
        }
        if (request.method === 'HEAD' && row.status === 'uploading') {
          const upload = await deps.store.getUpload(uploadId);
          if (upload.size !== undefined && upload.offset === upload.size) await deps.uploads.finish(uploadId);
        }
      },
      async onUploadCreate(request, upload) {
        await deps.uploads.open(callerOf(request), upload.id, upload.size, upload.metadata);
        return {};
      },
      async onUploadFinish(_request, upload) {
        await deps.uploads.finish(upload.id);
        return {};
      },
      onResponseError(_request, error) {
        if (error instanceof UploadRefusal || !(error instanceof Error)) return undefined;
        // tus's own refusals of the request (a body past the upload's length: 413) are answered as tus says.
        if (isClientErrorOfTus(error)) return undefined;
        // Anything not said on purpose is logged, and the client hears nothing internal: a database busy or
        // cut off is 503 (try again, as tRPC answers it), anything else 500.
        logFailure('tus upload', error);
        if (isDatabaseUnavailable(error))
          return { status_code: 503, body: `${DATABASE_UNAVAILABLE_MESSAGE}\n` };
        return { status_code: 500, body: 'Something went wrong on the server; try again\n' };
      },
    });

    // Every body is left unread for tus, whatever its type (a JSON body must not be parsed and dropped).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const token = bearerToken(request.headers);
      const session = token ? await deps.accounts.authenticate(token) : null;
      if (!session && request.method !== 'OPTIONS') {
        return reply
          .code(401)
          .header('Tus-Resumable', '1.0.0')
          .header('Cache-Control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send(token ? 'Your session has ended; sign in again\n' : 'Sign in first\n');
      }
      if (session) callers.set(request.raw, session.account);
      reply.hijack();
      reply.raw.setHeader('Cache-Control', 'no-store');
      await tus.handle(request.raw, reply.raw);
    };
    const methods = ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'];
    app.route({ method: methods, url: UPLOADS_PATH, handler: handle });
    app.route({ method: methods, url: `${UPLOADS_PATH}/:uploadId`, handler: handle });
  };
}

/** An Error tus throws to refuse a request (its `MaxFileExceededError`): a 4xx `status_code` and its own body. */
function isClientErrorOfTus(error: Error): boolean {
  const { status_code, body } = error as { status_code?: unknown; body?: unknown };
  return (
    typeof status_code === 'number' && status_code >= 400 && status_code < 500 && typeof body === 'string'
  );
}

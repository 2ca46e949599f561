import type { IncomingMessage } from 'node:http';
import type { AnyTRPCRouter } from '@trpc/server';
import { resolveResponse, type HTTPErrorHandler, type TRPCRequestInfo } from '@trpc/server/http';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import {
  getWSConnectionHandler,
  type CreateWSSContextFnOptions,
  type WSSHandlerOptions,
} from '@trpc/server/adapters/ws';
import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type WebSocket from 'ws';
import { sharedJsonEncoder } from './ws-frames';

/** What a context factory gets: Fastify's request and reply over HTTP, the upgrade and socket over WebSocket. */
export type TrpcContextSource =
  | {
      readonly transport: 'http';
      readonly request: FastifyRequest;
      readonly reply: FastifyReply;
      readonly info: TRPCRequestInfo;
    }
  | {
      readonly transport: 'ws';
      readonly request: IncomingMessage;
      readonly socket: WebSocket;
      readonly info: TRPCRequestInfo;
    };

export interface TrpcPluginOptions<TRouter extends AnyTRPCRouter> {
  readonly router: TRouter;
  readonly prefix: string;
  /** The most calls one batched request may carry; more answer 400. */
  readonly maxBatchSize: number;
  readonly createContext: (source: TrpcContextSource) => Promise<unknown>;
  readonly onError: HTTPErrorHandler<TRouter, unknown>;
  readonly keepAlive: WSSHandlerOptions<TRouter>['keepAlive'];
}

/**
 * tRPC in Fastify, over HTTP and WebSocket. It does what the official `fastifyTRPCPlugin` does (the same
 * request path: `incomingMessageToRequest` and `resolveResponse`, the same WebSocket handler) with one
 * difference: the answer goes out as one buffered body with its length instead of being piped from a web
 * stream, which cost more than the procedure itself on small reads (profiled under load: about a quarter of
 * the server's time went to stream plumbing and chunked writes). Our clients use batches and WebSocket
 * subscriptions, never streamed HTTP responses, so nothing is lost by buffering. The request, too, is handed
 * over without building a Fetch API `Request` where that is not needed (see `toFetchRequest`).
 */
export async function trpcPlugin<TRouter extends AnyTRPCRouter>(
  app: FastifyInstance,
  options: TrpcPluginOptions<TRouter>,
): Promise<void> {
  // tRPC reads the body itself; Fastify hands it over as text (within its body limit).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.all<{ Params: { path: string } }>(`${options.prefix}/:path`, async (request, reply) => {
    const response = await resolveResponse({
      router: options.router,
      maxBatchSize: options.maxBatchSize,
      req: toFetchRequest(request, reply),
      path: request.params.path,
      error: null,
      createContext: ({ info }) =>
        options.createContext({ transport: 'http', request, reply, info }) as never,
      onError: (error) => options.onError({ ...error, req: request }),
    });
    reply.code(response.status);
    response.headers.forEach((value, name) => void reply.header(name, value));
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });

  // The handler's options type asks for a `wss` it does not use when handed connections one by one.
  const onConnection = getWSConnectionHandler({
    router: options.router,
    keepAlive: options.keepAlive,
    createContext: ({ req, res, info }: CreateWSSContextFnOptions) =>
      options.createContext({ transport: 'ws', request: req, socket: res, info }) as never,
    onError: options.onError,
    // JSON text frames as tRPC writes them; a live batch serialized once is embedded, not serialized again.
    experimental_encoder: sharedJsonEncoder,
  } as unknown as WSSHandlerOptions<TRouter>);
  app.get(options.prefix, { websocket: true }, (socket, request) => onConnection(socket, request.raw));
}

/**
 * What tRPC's `resolveResponse` reads of a request, for the requests Fastify has already taken apart: a
 * GET or HEAD (input in the query string) or a body Fastify read as text within its limit. tRPC reads the
 * method, the URL, a few headers, the abort signal and the body text, nothing else; building an undici
 * `Request` for that (headers copied one by one, its own signal following ours, a body stream) was about
 * a tenth of the server's time per call, with the garbage it leaves. Any other request goes through
 * tRPC's own `incomingMessageToRequest`. The signal aborts when the client goes away before the answer,
 * as tRPC's does (an HTTP subscription ends then).
 */
function toFetchRequest(request: FastifyRequest, reply: FastifyReply): Request {
  const raw = request.raw as IncomingMessage & { body?: unknown };
  const body = request.body;
  const readBody = typeof body === 'string';
  if (!readBody && body !== undefined) raw.body = body;
  const path = raw.url ?? '/';
  if ((!readBody && raw.method !== 'GET' && raw.method !== 'HEAD') || !path.startsWith('/'))
    return incomingMessageToRequest(raw, reply.raw, { maxBodySize: null });
  const aborted = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded) aborted.abort();
  });
  const headers = raw.headers;
  const header = (name: string): string | null => {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  const lean: Pick<Request, 'method' | 'url' | 'signal' | 'text'> & {
    headers: Pick<Headers, 'get' | 'has'>;
  } = {
    method: raw.method ?? 'GET',
    // Fastify answered 400 already for a Host that is not a plain host[:port] (see host-header.ts).
    url: `${request.protocol}://${headers.host ?? 'localhost'}${path}`,
    headers: { get: header, has: (name) => header(name) !== null },
    signal: aborted.signal,
    text: () => Promise.resolve(readBody ? body : ''),
  };
  return lean as Request;
}

import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyReply } from 'fastify';

type ErrorKey = keyof typeof TRPC_ERROR_CODES_BY_KEY;

const KEY_OF_STATUS: Readonly<Record<number, ErrorKey>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Answers an API request refused before tRPC saw it (a size limit, an origin check) in tRPC's own error form,
 * so that every client reads the code and message as it reads any other error (a batch link shares one such
 * answer among its calls) instead of failing to parse the answer.
 */
export function sendApiError(reply: FastifyReply, status: number, message: string): FastifyReply {
  const key = KEY_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({
      error: { message, code: TRPC_ERROR_CODES_BY_KEY[key], data: { code: key, httpStatus: status } },
    });
}

/** Whether a request is for the API (answered in JSON) rather than a page or a file. */
export const isApiPath = (url: string): boolean =>
  url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?');

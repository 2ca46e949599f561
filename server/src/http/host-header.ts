import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Refuses a request whose `Host` is not a plain `host[:port]`: user info (`user:pass@host`), a path or an
 * unparsable name. Such a header reaches no page this server has, and request URLs built from it (tRPC
 * builds one for every call) would fail later as a server error; answering 400 at the door says whose
 * fault it is.
 */
export function refuseMalformedHost(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const host = request.headers.host;
  if (host === undefined || isPlainHost(host)) return done();
  void reply.code(400).type('text/plain; charset=utf-8').send('Bad request: malformed Host header\n');
}

function isPlainHost(host: string): boolean {
  if (host.length === 0 || /[@/\\?#\s]/.test(host)) return false;
  try {
    const url = new URL(`http://${host}`);
    return url.username === '' && url.password === '' && url.pathname === '/';
  } catch {
    return false;
  }
}

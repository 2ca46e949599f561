import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FeatureRoutes } from '../../../http/feature-routes';
import type { PlaybackTokens } from '../live-relay';
import { HLS_PLAYLIST, HLS_SEGMENT } from './hls-transmux';
import { STREAM_ID } from './stream-path';

const paramsSchema = z.object({
  token: z.string().max(1_000),
  streamId: z.string().regex(STREAM_ID),
  file: z.string().refine((file) => file === HLS_PLAYLIST || HLS_SEGMENT.test(file)),
});

const REFUSED =
  'This playback link has expired or is not for this stream. Reload the player to get a new one.\n';

/**
 * `GET /live/hls/:token/:streamId/:file`: a live stream's HLS playlist or segment, for players that cannot play
 * HTTP-FLV. The token is checked on every request (a playlist is fetched every second, so an expired or revoked
 * permission stops within a token's lifetime); 404 for a name that is neither the playlist nor a segment, or a
 * stream that is not being transmuxed here. The path is built from a UUID and a name matched in full, so it
 * cannot leave the stream's folder. Never cached: the answer depends on the viewer's permission.
 */
export function liveHlsRoutes(deps: {
  readonly tokens: PlaybackTokens;
  /** `DATA_DIR/live/hls`. */
  readonly hlsRoot: string;
  /** A permitted read, counted as a viewer of the stream. */
  readonly onRead: (streamId: string, token: string) => void;
}): FeatureRoutes {
  return (app) => {
    app.get('/live/hls/:token/:streamId/:file', async (request, reply) => {
      const params = paramsSchema.safeParse(request.params);
      if (!params.success) return plain(reply, 404, 'Not found\n');
      const { token, streamId, file } = params.data;
      if (!deps.tokens.verify(token, streamId)) return plain(reply, 403, REFUSED);
      let body: Buffer;
      try {
        body = await readFile(path.join(deps.hlsRoot, streamId, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return plain(reply, 404, 'Not found\n');
        throw error;
      }
      deps.onRead(streamId, token);
      return reply
        .code(200)
        .header('Cache-Control', 'no-store')
        .type(file === HLS_PLAYLIST ? 'application/vnd.apple.mpegurl' : 'video/mp2t')
        .send(body);
    });
  };
}

function plain(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(text);
}

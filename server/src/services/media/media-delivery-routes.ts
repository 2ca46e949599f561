import rangeParser from 'range-parser';
import { z } from 'zod';
import { PUBLIC_RENDITIONS, RENDITION_FILES, RENDITIONS, type Rendition } from '@shared/domain/media/media';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '@shared/domain/clock';
import type { FeatureRoutes } from '../../http/feature-routes';
import { MediaNotStoredError, type ByteRange, type MediaStore } from '../../adapters/storage/media-store';
import { logFailure } from '../../logging/error-log';
import type { MediaRepository } from './media-repository';
import type { MediaUrls } from './media-urls';

/** An hour: a post unpublished (or expired) stops being served from caches within it. */
const PUBLIC_CACHE = 'public, max-age=3600';
const PRIVATE_CACHE = 'private, no-store';
/** Missing files already reported; forgotten past this many (each is then reported once more). */
const MISSING_REPORTED_MAX = 10_000;

/** `bytes=` and one or more `first-last`, `first-` or `-suffix` (range-parser reads the rest). */
const BYTE_RANGES = /^bytes=\s*(\d+-\d*|-\d+)(\s*,\s*(\d+-\d*|-\d+))*\s*$/;

const paramsSchema = z.object({
  mediaId: z.uuid(),
  file: z.string().regex(/^[a-z]{1,16}\.[a-z0-9]{1,4}$/),
});

/**
 * `GET`/`HEAD /media/:mediaId/:file`: a `ready` item's rendition file. Public renditions (thumbs, previews) are
 * served to anyone while the item is in a post fans may see (published, not expired or deleted), cached for an
 * hour; the others, and public ones of an item in no such post, only with a valid, unexpired signature for
 * exactly this item and file (`MediaUrls`), and never cached. Any refusal is the same
 * 404, whatever was wrong (no such item, not ready, a file the kind does not have, a bad or expired signature),
 * so a guess learns nothing. Byte ranges for seeking (206, 416 when out of range; of several, the first).
 */
export function mediaDeliveryRoutes(deps: {
  readonly media: MediaRepository;
  readonly store: MediaStore;
  readonly urls: MediaUrls;
  /** What "now" is for a post's expiry. */
  readonly clock: Clock;
}): FeatureRoutes {
  return (app) => {
    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      const params = paramsSchema.safeParse(request.params);
      if (!params.success) return notFound(reply);
      const { mediaId, file } = params.data;
      const item = await deps.media.findForDelivery(mediaId, deps.clock.now());
      if (!item || item.status !== 'ready') return notFound(reply);
      const files = RENDITION_FILES[item.kind];
      const rendition = RENDITIONS.find((name: Rendition) => files[name] === file);
      const stored = rendition ? item.renditions[rendition] : undefined;
      if (!rendition || !stored) return notFound(reply);
      // A thumb or preview is public only while the item is in a post fans may see; otherwise (in no post, a
      // draft, an expired or deleted post) it takes a signature like any other file.
      const isPublic = PUBLIC_RENDITIONS.has(rendition) && item.inVisiblePost;
      if (!isPublic) {
        const query = request.query as Record<string, unknown>;
        const exp = typeof query.exp === 'string' ? query.exp : undefined;
        const sig = typeof query.sig === 'string' ? query.sig : undefined;
        if (!deps.urls.verify(mediaId, file, exp, sig)) return notFound(reply);
      }

      const size = stored.bytes;
      const etag = `"${mediaId}-${file}-${size.toString(36)}"`;
      const answer = (status: number) =>
        reply
          .code(status)
          .header('Cache-Control', isPublic ? PUBLIC_CACHE : PRIVATE_CACHE)
          .header('Accept-Ranges', 'bytes')
          .header('ETag', etag)
          .header('X-Content-Type-Options', 'nosniff')
          .type(stored.contentType);
      if (request.headers['if-none-match'] === etag) return answer(304).send();

      const asked = request.headers.range;
      let range: ByteRange | undefined;
      // A Range that is not a well-formed byte range is ignored (the whole file is sent), as HTTP allows.
      if (typeof asked === 'string' && BYTE_RANGES.test(asked)) {
        const ranges = rangeParser(size, wholeForLongSuffixes(asked, size), { combine: true });
        if (ranges === -1) {
          return answer(416).header('Content-Range', `bytes */${size}`).header('Content-Length', '0').send();
        }
        if (ranges !== -2 && ranges[0]) range = ranges[0];
      }
      // The file itself (HEAD asks whether it is there): a ready item whose file the store lost is answered as
      // any refusal (404), and reported once as the server's problem.
      const body = await fileOf(request.method === 'HEAD', stored.key, range);
      if (!body) return notFound(reply);
      const length = range ? range.end - range.start + 1 : size;
      const ok = answer(range ? 206 : 200).header('Content-Length', String(length));
      if (range) ok.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      return ok.send(body === true ? undefined : body);
    };
    const missingReported = new Set<string>();
    /** HEAD: true if stored; GET: the bytes. Null when the store has nothing under `key`. */
    const fileOf = async (headOnly: boolean, key: string, range?: ByteRange) => {
      try {
        if (!headOnly) return await deps.store.read(key, range);
        if (await deps.store.stat(key)) return true;
        throw new MediaNotStoredError(key);
      } catch (error) {
        if (!(error instanceof MediaNotStoredError)) throw error;
        if (!missingReported.has(key)) {
          if (missingReported.size >= MISSING_REPORTED_MAX) missingReported.clear();
          missingReported.add(key);
          logFailure('serving a ready media file', error);
        }
        return null;
      }
    };
    app.route({
      method: ['GET', 'HEAD'],
      url: '/media/:mediaId/:file',
      handler: serve,
      exposeHeadRoute: false,
    });
  };
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .header('Cache-Control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('Not found\n');
}

/**
 * A suffix range longer than the file (`bytes=-N`, N > size) selects the whole file (RFC 9110 14.1.2:
 * "the entire representation is used"); range-parser would drop it as negative and answer 416. `bytes=-0`
 * stays unsatisfiable.
 */
function wholeForLongSuffixes(header: string, size: number): string {
  return header.replace(/([=,]\s*)-(\d+)/g, (suffix, lead: string, digits: string) =>
    Number(digits) > size ? `${lead}-${size}` : suffix,
  );
}

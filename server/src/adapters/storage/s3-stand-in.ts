import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received: what the S3 store asked for, as a test checks it. */
export interface RecordedS3Request {
  readonly method: string;
  /** Path without the query: `/<bucket>/<key>` (path-style). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyBytes: number;
}

/**
 * A local HTTP stand-in for the few S3 calls `S3Store` makes (path-style): PUT, GET with Range, HEAD,
 * ListObjectsV2, DeleteObjects and multipart uploads, keeping objects in memory and recording every request.
 * For tests only: no signature checks, no XML beyond what the SDK reads.
 */
export class S3StandIn {
  readonly objects = new Map<string, Buffer>();
  readonly requests: RecordedS3Request[] = [];
  /** Keys per ListObjectsV2 page (S3's is 1000; smaller to test paging). */
  pageSize = 1000;
  readonly #parts = new Map<string, Map<number, Buffer>>();
  #server: Server | null = null;
  #nextUpload = 1;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.#answer(request, Buffer.concat(chunks), response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  #answer(request: IncomingMessage, body: Buffer, response: ServerResponse): unknown {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const method = request.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query,
      headers: request.headers,
      bodyBytes: body.length,
    });
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const id = `${bucket}/${key}`;
    const xml = (status: number, text: string) =>
      response.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?>${text}`);

    if (method === 'GET' && key === '' && query['list-type'] === '2') {
      const prefix = `${bucket}/${query.prefix ?? ''}`;
      const all = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      // As S3's: the token names where the listing stopped, so deleting what was listed skips nothing.
      const after = query['continuation-token'];
      const rest = after === undefined ? all : all.filter((k) => k > after);
      const page = rest.slice(0, this.pageSize);
      const truncated = page.length < rest.length;
      const contents = page
        .map(
          (k) =>
            `<Contents><Key>${k.slice(bucket.length + 1)}</Key><Size>${this.objects.get(k)!.length}</Size></Contents>`,
        )
        .join('');
      return xml(
        200,
        `<ListBucketResult><Name>${bucket}</Name><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${
          truncated ? `<NextContinuationToken>${page.at(-1)}</NextContinuationToken>` : ''
        }${contents}</ListBucketResult>`,
      );
    }
    if (method === 'POST' && 'delete' in query) {
      for (const match of body.toString('utf8').matchAll(/<Key>([^<]+)<\/Key>/g))
        this.objects.delete(`${bucket}/${match[1]}`);
      return xml(200, '<DeleteResult></DeleteResult>');
    }
    if (method === 'POST' && 'uploads' in query) {
      const uploadId = `upload-${this.#nextUpload++}`;
      this.#parts.set(uploadId, new Map());
      return xml(
        200,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (method === 'PUT' && query.uploadId) {
      this.#parts.get(query.uploadId)?.set(Number(query.partNumber), body);
      return response.writeHead(200, { etag: `"part-${query.partNumber}"` }).end();
    }
    if (method === 'POST' && query.uploadId) {
      const parts = this.#parts.get(query.uploadId)!;
      this.objects.set(id, Buffer.concat([...parts.keys()].sort((a, b) => a - b).map((n) => parts.get(n)!)));
      this.#parts.delete(query.uploadId);
      return xml(
        200,
        `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"whole"</ETag></CompleteMultipartUploadResult>`,
      );
    }
    if (method === 'DELETE' && query.uploadId) {
      this.#parts.delete(query.uploadId);
      return response.writeHead(204).end();
    }
    if (method === 'PUT') {
      this.objects.set(id, body);
      return response.writeHead(200, { etag: '"object"' }).end();
    }
    const object = this.objects.get(id);
    if (!object) {
      if (method === 'HEAD') return response.writeHead(404).end();
      return xml(
        404,
        `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`,
      );
    }
    const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers.range ?? ''));
    if (method === 'GET' && range) {
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), object.length - 1);
      return response
        .writeHead(206, {
          'content-length': end - start + 1,
          'content-range': `bytes ${start}-${end}/${object.length}`,
          'content-type': 'application/octet-stream',
        })
        .end(object.subarray(start, end + 1));
    }
    response.writeHead(200, { 'content-length': object.length, 'content-type': 'application/octet-stream' });
    return method === 'HEAD' ? response.end() : response.end(object);
  }
}

import { describe, expect, it } from 'vitest';
import { browserImportPort, electronImportPort, type ImportOutcome } from './import-port';

interface Received {
  readonly method: string;
  readonly url: URL;
  readonly authorization: string | null;
  readonly contentType: string | null;
  readonly body: Uint8Array;
}

/**
 * Browser mode's import route as the port sees it through `fetch`: each request read back as the browser would
 * send it (a real Request, its body the File's bytes), answered with a real Response. The route itself is
 * exercised end to end by e2e/studio-vault.spec.ts.
 */
function importRoute(answer: (received: Received) => { status: number; body: string }) {
  const received: Received[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const entry: Received = {
      method: request.method,
      url: new URL(request.url),
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      body: new Uint8Array(await request.arrayBuffer()),
    };
    received.push(entry);
    const { status, body } = answer(entry);
    return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, received };
}

const ORIGIN = 'http://127.0.0.1:5999';
const ACCOUNT = '018f0000-0000-7000-8000-000000000001';

describe('importing in browser mode', () => {
  it('sends each file’s bytes with its name, the account and the token, and reports each outcome in order', async () => {
    const { fetchImpl, received } = importRoute(({ url }) => {
      const name = url.searchParams.get('name') ?? '';
      if (name === 'notes.txt')
        return { status: 400, body: JSON.stringify({ error: 'This is not a photo, video or audio file.' }) };
      const duplicate = name === 'again.mp4';
      return {
        status: 200,
        body: JSON.stringify({
          item: { id: `id-${name}`, title: `Title of ${name}`, kind: 'video' },
          duplicate,
        }),
      };
    });
    const port = browserImportPort(ORIGIN, 'secret-token', fetchImpl);
    const files = [
      new File([new Uint8Array([0, 1, 2, 255])], 'clip #1 ü.mp4', { type: 'video/mp4' }),
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      new File(['x'], 'again.mp4'),
    ];
    const seen: [number, ImportOutcome][] = [];
    const outcomes = await port.importFiles(ACCOUNT, files, (outcome, index) => seen.push([index, outcome]));

    expect(outcomes).toEqual([
      {
        name: 'clip #1 ü.mp4',
        status: 'imported',
        itemId: 'id-clip #1 ü.mp4',
        title: 'Title of clip #1 ü.mp4',
      },
      { name: 'notes.txt', status: 'failed', error: 'This is not a photo, video or audio file.' },
      { name: 'again.mp4', status: 'duplicate', itemId: 'id-again.mp4', title: 'Title of again.mp4' },
    ]);
    expect(seen.map(([index]) => index)).toEqual([0, 1, 2]);
    expect(received[0]).toMatchObject({ method: 'PUT', authorization: 'Bearer secret-token' });
    expect(received[0]!.url.pathname).toBe('/vault/import');
    expect(received[0]!.url.searchParams.get('accountId')).toBe(ACCOUNT);
    expect(received[0]!.url.searchParams.get('name')).toBe('clip #1 ü.mp4');
    expect([...received[0]!.body]).toEqual([0, 1, 2, 255]);
    expect(received[0]!.contentType).toBe('video/mp4');
    expect(received[2]!.contentType).toBe('application/octet-stream');
  });

  it('says what went wrong when the studio answers something else, or cannot be reached', async () => {
    const { fetchImpl } = importRoute(({ url }) =>
      url.searchParams.get('name') === 'big.mov'
        ? { status: 413, body: 'Payload Too Large' }
        : { status: 500, body: '<html>oops</html>' },
    );
    const port = browserImportPort(ORIGIN, 't', fetchImpl);
    const outcomes = await port.importFiles(ACCOUNT, [new File(['a'], 'big.mov'), new File(['b'], 'b.mp4')]);
    expect(outcomes).toEqual([
      { name: 'big.mov', status: 'failed', error: 'This file is too big to import.' },
      { name: 'b.mp4', status: 'failed', error: 'The studio could not import it (HTTP 500).' },
    ]);

    const closed = browserImportPort('http://127.0.0.1:1', 't');
    expect(await closed.importFiles(ACCOUNT, [new File(['a'], 'a.jpg')])).toEqual([
      {
        name: 'a.jpg',
        status: 'failed',
        error: 'The studio is not reachable. Check that it is still running, then try again.',
      },
    ]);
  });
});

describe('importing inside Electron', () => {
  it('hands the studio each file’s path, and refuses a file that is not on disk', async () => {
    const asked: string[] = [];
    const paths = new Map([
      ['a.jpg', '/home/me/a.jpg'],
      ['b.jpg', '/home/me/b.jpg'],
    ]);
    const port = electronImportPort(
      (file) => paths.get(file.name) ?? '',
      async (_account, path) => {
        asked.push(path);
        return path.endsWith('b.jpg')
          ? { error: 'This file is too big to import.' }
          : { item: { id: 'i1', title: 'a' }, duplicate: true };
      },
    );
    const outcomes = await port.importFiles(ACCOUNT, [
      new File(['1'], 'a.jpg'),
      new File(['2'], 'web.png'),
      new File(['3'], 'b.jpg'),
    ]);
    expect(asked).toEqual(['/home/me/a.jpg', '/home/me/b.jpg']);
    expect(outcomes).toEqual([
      { name: 'a.jpg', status: 'duplicate', itemId: 'i1', title: 'a' },
      {
        name: 'web.png',
        status: 'failed',
        error: 'This file is not on your disk. Save it to a folder first, then import it.',
      },
      { name: 'b.jpg', status: 'failed', error: 'This file is too big to import.' },
    ]);
  });

  it('turns a refused call into that file’s failure and goes on with the next', async () => {
    let calls = 0;
    const port = electronImportPort(
      (file) => `/tmp/${file.name}`,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('The vault is busy.');
        return { item: { id: 'i2', title: 'two' }, duplicate: false };
      },
    );
    expect(await port.importFiles(ACCOUNT, [new File(['1'], 'one.jpg'), new File(['2'], 'two.jpg')])).toEqual(
      [
        { name: 'one.jpg', status: 'failed', error: 'The vault is busy.' },
        { name: 'two.jpg', status: 'imported', itemId: 'i2', title: 'two' },
      ],
    );
  });
});

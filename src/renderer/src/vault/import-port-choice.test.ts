import { describe, expect, it } from 'vitest';
import type { StudioClient } from '../transport/client';
import { chooseImportPort } from './import-port-choice';

const ACCOUNT = '018f0000-0000-7000-8000-000000000001';
const file = (name: string) => new File(['bytes'], name, { type: 'image/jpeg' });

/** A client whose only part is `vault.importPaths`, answering for each path as the studio does. */
function electronClient(asked: unknown[]): StudioClient {
  const importPaths = {
    mutate: async (input: { accountId: string; paths: string[] }) => {
      asked.push(input);
      return input.paths.map((path) => ({
        path,
        item: { id: 'item-1', title: 'Beach' },
        duplicate: false,
      }));
    },
  };
  return { vault: { importPaths } } as unknown as StudioClient;
}

describe('which import a window uses', () => {
  it('sends the bytes to the page’s own studio with the token in browser mode', async () => {
    const urls: string[] = [];
    const auth: (string | null)[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      urls.push(request.url);
      auth.push(request.headers.get('authorization'));
      return Response.json({ item: { id: 'i', title: 'Beach' }, duplicate: false });
    }) as typeof fetch;
    const client = {} as StudioClient;
    const port = chooseImportPort(
      { kind: 'browser', client, token: 'tok' },
      { origin: 'http://127.0.0.1:4100', fetchImpl, pathForFile: () => '/never/used' },
    );
    const [outcome] = await port.importFiles(ACCOUNT, [file('beach.jpg')]);
    expect(outcome).toEqual({ name: 'beach.jpg', status: 'imported', itemId: 'i', title: 'Beach' });
    expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:4100\/vault\/import\?/);
    expect(auth).toEqual(['Bearer tok']);
  });

  it('hands the studio the file’s path inside Electron', async () => {
    const asked: unknown[] = [];
    const port = chooseImportPort(
      { kind: 'electron', client: electronClient(asked) },
      { origin: 'file://', pathForFile: (f) => `/home/me/${f.name}` },
    );
    const [outcome] = await port.importFiles(ACCOUNT, [file('beach.jpg')]);
    expect(asked).toEqual([{ accountId: ACCOUNT, paths: ['/home/me/beach.jpg'] }]);
    expect(outcome).toEqual({ name: 'beach.jpg', status: 'imported', itemId: 'item-1', title: 'Beach' });
  });

  it('says the studio must be updated when its preload gives no paths', async () => {
    const port = chooseImportPort({ kind: 'electron', client: electronClient([]) }, { origin: 'file://' });
    const [outcome] = await port.importFiles(ACCOUNT, [file('beach.jpg')]);
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/newer studio/) });
  });
});

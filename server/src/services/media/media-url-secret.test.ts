import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaUrlSecret } from './media-url-secret';

describe('the media URL key', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-media-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the configured one when set', async () => {
    expect((await mediaUrlSecret('x'.repeat(32), dir)).toString()).toBe('x'.repeat(32));
  });

  it('is made once, kept readable by this user only, and the same after a restart', async () => {
    const data = path.join(dir, 'data');
    const first = await mediaUrlSecret(null, data);
    expect(first).toHaveLength(32);
    expect(statSync(path.join(data, 'media-url-secret')).mode & 0o777).toBe(0o600);
    expect((await mediaUrlSecret(null, data)).equals(first)).toBe(true);
    const [a, b] = await Promise.all([
      mediaUrlSecret(null, path.join(dir, 'race')),
      mediaUrlSecret(null, path.join(dir, 'race')),
    ]);
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a file that does not hold a key rather than replacing it', async () => {
    const data = path.join(dir, 'broken');
    await mediaUrlSecret(null, data);
    writeFileSync(path.join(data, 'media-url-secret'), 'not a key');
    await expect(mediaUrlSecret(null, data)).rejects.toThrow(/does not hold a media URL key/);
  });
});

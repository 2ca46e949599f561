import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SECRET_FILE = 'media-url-secret';

/**
 * The key signed media URLs are made with: MEDIA_URL_SECRET when set, else a random key made once and kept in
 * `DATA_DIR/media-url-secret` (readable by this user only), so URLs already given out stay good across
 * restarts. Production refuses to start without MEDIA_URL_SECRET (see `loadConfig`): instances must share it.
 */
export async function mediaUrlSecret(configured: string | null, dataDir: string): Promise<Buffer> {
  if (configured !== null) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(kept)) return Buffer.from(kept, 'hex');
    throw new Error(`${file} does not hold a media URL key (64 hex digits); remove it to make a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  // Written whole under a temporary name, then linked into place: a server starting at the same moment on the
  // same folder either finds no key or a complete one, never half, and the first key made is the one kept.
  const temporary = `${file}.${randomBytes(6).toString('hex')}`;
  await writeFile(temporary, `${secret.toString('hex')}\n`, { mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return mediaUrlSecret(null, dataDir);
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return secret;
}

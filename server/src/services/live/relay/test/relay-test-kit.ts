import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { Kysely } from 'kysely';
import { amfNumber, amfObject, amfString, rtmpMessage } from './rtmp-bytes';
import type { Database } from '../../../../db/schema';

/** A creator to own the test streams. */
export async function insertCreator(db: Kysely<Database>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id,
      email: `relay-${id}@example.test`,
      handle: null,
      display_name: 'Relay test',
      role: 'creator',
      password_hash: 'not a hash',
    })
    .execute();
  return id;
}

export interface TestStream {
  readonly streamId: string;
  readonly key: string;
}

/** A stream row and its key row, written as the streams service would (only the key's SHA-256 is kept). */
export async function insertStream(
  db: Kysely<Database>,
  creatorId: string,
  options: {
    readonly status?: 'scheduled' | 'live' | 'ended' | 'cancelled';
    readonly keyExpiresAt: Date;
    readonly revoked?: boolean;
  },
): Promise<TestStream> {
  const streamId = randomUUID();
  const key = randomBytes(24).toString('base64url');
  const status = options.status ?? 'scheduled';
  const now = new Date();
  await db
    .insertInto('live_streams')
    .values({
      id: streamId,
      creator_id: creatorId,
      title: 'Relay test',
      access_rule: JSON.stringify({ kind: 'public' }),
      ticket_currency: null,
      ticket_price: null,
      status,
      started_at: status === 'scheduled' ? null : now,
      ended_at: status === 'ended' || status === 'cancelled' ? now : null,
    })
    .execute();
  await db
    .insertInto('live_stream_keys')
    .values({
      stream_id: streamId,
      key_sha256: createHash('sha256').update(key, 'utf8').digest('hex'),
      expires_at: options.keyExpiresAt,
      revoked_at: options.revoked ? now : null,
    })
    .execute();
  return { streamId, key };
}

export interface TestPublisher {
  readonly process: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** A real encoder: ffmpeg pushing testsrc2 and a sine tone over RTMP, small enough for a shared machine. */
export function publish(url: string): TestPublisher {
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-tune',
        'zerolatency',
        '-g',
        '25',
        '-pix_fmt',
        'yuv420p',
      ],
      ...['-c:a', 'aac', '-b:a', '64k', '-f', 'flv', url],
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Whether the process is still running after `ms` (a refused publisher exits well before). */
export async function stillRunningAfter(publisher: TestPublisher, ms: number): Promise<boolean> {
  const outcome = await Promise.race([
    publisher.exited.then(() => 'exited' as const),
    new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms)),
  ]);
  return outcome === 'running';
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Fetched {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A GET that reads at most `maxBytes` (a live FLV answer never ends) or until the answer ends or `ms` pass. */
export function getSome(url: string, maxBytes = 64 * 1024, ms = 10_000): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const done = () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      };
      const timer = setTimeout(done, ms);
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= maxBytes) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.on('error', reject);
  });
}

/** What ffprobe finds in a URL: the codec types of its streams, sorted. */
export function probeStreams(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ffprobe',
      ['-v', 'error', '-rw_timeout', '15000000', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', url],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(timer);
      resolve(
        out
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .sort(),
      );
    });
  });
}

/**
 * A hand-made RTMP client that plays `/live/<playPath>` and then sends an audio message carrying `marker`, as a
 * malicious player would to inject media into everyone's stream. Resolves once the bytes are written.
 */
export function playAndInject(port: number, playPath: string, marker: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const connect = Buffer.concat([
        amfString('connect'),
        amfNumber(1),
        amfObject({ app: 'live', tcUrl: `rtmp://127.0.0.1:${port}/live` }),
      ]);
      const play = Buffer.concat([amfString('play'), amfNumber(0), Buffer.from([0x05]), amfString(playPath)]);
      const audio = Buffer.concat([Buffer.from([0xaf, 0x01]), Buffer.from(marker, 'utf8')]);
      socket.write(Buffer.concat([Buffer.from([0x03]), Buffer.alloc(1536), Buffer.alloc(1536)]));
      socket.write(rtmpMessage(3, 0x14, 0, connect));
      socket.write(rtmpMessage(8, 0x14, 1, play));
      // Let the play command be handled before the media follows.
      setTimeout(() => socket.write(rtmpMessage(4, 0x08, 1, audio), () => resolve(socket)), 300);
    });
    socket.on('error', reject);
  });
}

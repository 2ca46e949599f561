import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/temp-dir';
import type { StreamPlan } from './live-fields';
import type {
  EncoderReport,
  LiveChatLine,
  LiveEncoder,
  LiveServer,
  LiveSetup,
  ServerLiveEvent,
} from './live-ports';
import { LiveSession, type LiveUpdate } from './live-session';

// The session's own decisions (phases, order of a clean stop, what reaches the screen) against scripted
// stand-ins of its two ports; `live-session.real.test.ts` runs it against real ffmpeg and a real relay.
const KEY = 'sk_secret-key-0123456789';
const INGEST = `rtmp://127.0.0.1:1935/live/stream?key=${KEY}`;
const PLAN: StreamPlan = { title: 'Friday jam', access: { kind: 'public' }, scheduledFor: null };
const SETUP: LiveSetup = {
  source: { kind: 'test-pattern' },
  encoding: { preset: '480p30' },
  videoEncoder: null,
};

function scripted() {
  const calls: string[] = [];
  let report: (report: EncoderReport) => void = () => undefined;
  let serverEvent: (event: ServerLiveEvent) => void = () => undefined;
  let startedWith: string | null = null;
  const encoder: LiveEncoder = {
    devices: () =>
      Promise.resolve({
        platform: 'linux',
        cameras: [],
        screens: [],
        microphones: [],
        problems: [],
        hardwareEncoders: [],
        bestEncoder: 'libx264',
      }),
    start(options, onReport) {
      calls.push('encoder.start');
      startedWith = options.ingestUrl;
      report = onReport;
      return Promise.resolve({
        stop: () => {
          calls.push('encoder.stop');
          return Promise.resolve(`${options.recordingFolder}/recording.mkv`);
        },
      });
    },
  };
  const server: LiveServer = {
    create: (id) => {
      calls.push('server.create');
      return Promise.resolve({ id, title: PLAN.title, status: 'scheduled' });
    },
    goLive: () => {
      calls.push('server.goLive');
      return Promise.resolve({ key: KEY, ingestUrl: INGEST });
    },
    end: () => {
      calls.push('server.end');
      return Promise.resolve();
    },
    watchUrl: () => Promise.resolve('http://127.0.0.1:8000/live/x.flv?token=t'),
    moderate: (_id, action) => {
      calls.push(`moderate.${action.kind}`);
      return Promise.resolve();
    },
    say: (_id, text) => {
      calls.push(`say.${text}`);
      return Promise.resolve();
    },
    events: (_id, onEvent) => {
      serverEvent = onEvent;
      return () => calls.push('events.stop');
    },
  };
  return {
    calls,
    encoder,
    server,
    report: (r: EncoderReport) => report(r),
    serverEvent: (e: ServerLiveEvent) => serverEvent(e),
    startedWith: () => startedWith,
  };
}

const line = (id: string, kind: 'message' | 'tip' = 'message'): LiveChatLine => ({
  id,
  kind,
  authorId: 'fan-1',
  authorName: 'Ana',
  text: kind === 'tip' ? 'great show' : `hello ${id}`,
  tip: kind === 'tip' ? { currency: 'USD', amount: '500' } : null,
  createdAt: '2026-12-03T12:00:00.000Z',
});

let folder: ReturnType<typeof tempDir> | null = null;
afterEach(() => folder?.remove());

function open() {
  folder = tempDir('mesi-live-');
  const parts = scripted();
  const session = new LiveSession({ folder: folder.path, encoder: parts.encoder });
  const updates: LiveUpdate[] = [];
  session.on('update', (update) => updates.push(update));
  return { session, parts, updates };
}

describe('the studio live session', () => {
  it('refuses Go live while the account is not connected to its server, in words', async () => {
    const { session } = open();
    await expect(session.goLive(PLAN, SETUP)).rejects.toThrow(/not connected to its server/);
  });

  it('creates the stream, gets a key, pushes with it, and goes live when the encoder publishes', async () => {
    const { session, parts } = open();
    session.setServer(parts.server);
    const started = await session.goLive(PLAN, SETUP);
    expect(started.phase.state).toBe('connecting');
    expect(parts.calls).toEqual(['server.create', 'server.goLive', 'encoder.start']);
    expect(parts.startedWith()).toBe(INGEST);
    parts.report({ type: 'publishing' });
    expect(session.snapshot().phase.state).toBe('live');
    expect(session.snapshot().wentLiveAt).not.toBeNull();
  });

  it('shows reconnect attempts, and never the key, even in a reason that quotes the URL', async () => {
    const { session, parts, updates } = open();
    session.setServer(parts.server);
    await session.goLive(PLAN, SETUP);
    parts.report({ type: 'publishing' });
    parts.report({ type: 'dropped', attempt: 2, reason: `Connection to ${INGEST} refused` });
    expect(session.snapshot().phase).toEqual({
      state: 'reconnecting',
      attempt: 2,
      reason: 'Connection to rtmp://127.0.0.1:1935/live/stream?key=[stream key] refused',
    });
    parts.report({ type: 'failed', reason: `gave up on ${encodeURIComponent(INGEST)}` });
    expect(JSON.stringify(updates)).not.toContain(KEY);
    expect(JSON.stringify(session.snapshot())).not.toContain(KEY);
  });

  it('ends cleanly: the encoder stops first, then the server ends the stream, and the recording is offered', async () => {
    const { session, parts } = open();
    session.setServer(parts.server);
    await session.goLive(PLAN, SETUP);
    parts.report({ type: 'publishing' });
    const ended = await session.end();
    expect(parts.calls.slice(-3)).toEqual(['encoder.stop', 'server.end', 'events.stop']);
    expect(ended.phase).toEqual({ state: 'stopped', reason: null });
    expect(ended.recording?.title).toBe('Friday jam');
    expect(ended.recording?.path).toContain(`${folder!.path}/recordings/${ended.stream!.id}/`);
    await expect(session.end()).rejects.toThrow(/no stream on air/);
    await expect(session.say('Still there?')).rejects.toThrow(/no stream on air to chat in/);
  });

  it('ends by itself when the video has played to its end, as End would, and says why', async () => {
    const { session, parts, updates } = open();
    session.setServer(parts.server);
    await session.goLive(PLAN, SETUP);
    parts.report({ type: 'publishing' });
    parts.report({ type: 'finished' });
    await vi.waitFor(() => expect(session.snapshot().phase.state).toBe('stopped'));
    const ended = session.snapshot();
    expect(ended.phase).toEqual({ state: 'stopped', reason: 'The video has played to its end' });
    expect(parts.calls.slice(-3)).toEqual(['encoder.stop', 'server.end', 'events.stop']);
    expect(ended.recording).toEqual({
      path: `${folder!.path}/recordings/${ended.stream!.id}/recording.mkv`,
      title: 'Friday jam',
    });
    const phases = updates.flatMap((u) => (u.type === 'snapshot' ? [u.snapshot.phase.state] : []));
    expect(phases.slice(-2)).toEqual(['ending', 'stopped']);
    expect(phases).not.toContain('failed');
    await expect(session.end()).rejects.toThrow(/no stream on air/);
    // The next Go live starts afresh.
    expect((await session.goLive(PLAN, SETUP)).phase.state).toBe('connecting');
  });

  it("stops once when the creator's End and the end of the video meet", async () => {
    const { session, parts } = open();
    session.setServer(parts.server);
    await session.goLive(PLAN, SETUP);
    parts.report({ type: 'publishing' });
    const ending = session.end();
    parts.report({ type: 'finished' });
    expect((await ending).phase).toEqual({ state: 'stopped', reason: null });
    expect(parts.calls.filter((call) => call === 'encoder.stop' || call === 'server.end')).toEqual([
      'encoder.stop',
      'server.end',
    ]);
  });

  it('shows a failed stop after the video ended, and End can be pressed again', async () => {
    const { session, parts } = open();
    let refusals = 1;
    session.setServer({
      ...parts.server,
      end: (id) => (refusals-- > 0 ? Promise.reject(new Error('server unreachable')) : parts.server.end(id)),
    });
    await session.goLive(PLAN, SETUP);
    parts.report({ type: 'publishing' });
    parts.report({ type: 'finished' });
    await vi.waitFor(() => expect(session.snapshot().phase.state).toBe('failed'));
    expect(session.snapshot().phase).toEqual({
      state: 'failed',
      reason: 'The server did not end the stream: server unreachable',
    });
    expect(session.snapshot().recording).not.toBeNull();
    expect((await session.end()).phase).toEqual({ state: 'stopped', reason: null });
    expect(parts.calls).toContain('server.end');
  });

  it('relays chat and tips, drops deleted lines, keeps the viewer count, and moderates through the server', async () => {
    const { session, parts, updates } = open();
    session.setServer(parts.server);
    await session.goLive(PLAN, SETUP);
    parts.serverEvent({ type: 'message', line: line('m1') });
    parts.serverEvent({ type: 'tip', line: line('t1', 'tip') });
    parts.serverEvent({ type: 'viewers', count: 7 });
    parts.serverEvent({ type: 'deleted', messageId: 'm1' });
    expect(session.chatHistory().map((l) => l.id)).toEqual(['t1']);
    expect(session.snapshot().viewers).toBe(7);
    expect(updates.filter((u) => u.type !== 'snapshot').map((u) => u.type)).toEqual([
      'chat',
      'tip',
      'deleted',
    ]);
    await session.moderate({ kind: 'ban', fanId: 'fan-1' });
    expect(parts.calls).toContain('moderate.ban');
    await session.say('Thanks for coming!');
    expect(parts.calls).toContain('say.Thanks for coming!');
  });

  it('can be ended after the encoder gave up, so the stream does not stay open on the server', async () => {
    const { session, parts } = open();
    session.setServer(parts.server);
    await session.goLive(PLAN, SETUP);
    parts.report({ type: 'failed', reason: 'ffmpeg exited' });
    expect(session.snapshot().phase).toEqual({ state: 'failed', reason: 'ffmpeg exited' });
    expect((await session.end()).phase.state).toBe('stopped');
    expect(parts.calls).toContain('server.end');
  });

  it("fails with the server's words when it refuses a key, and starts no encoder", async () => {
    const { session, parts } = open();
    session.setServer({ ...parts.server, goLive: () => Promise.reject(new Error('This stream has ended')) });
    await expect(session.goLive(PLAN, SETUP)).rejects.toThrow('This stream has ended');
    expect(session.snapshot().phase).toEqual({ state: 'failed', reason: 'This stream has ended' });
    expect(parts.calls).not.toContain('encoder.start');
  });
});

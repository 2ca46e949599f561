import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidStateError, UnavailableError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { StreamAccess, StreamPlan } from './live-fields';
import { canGoLive, IDLE, isOnAir, nextLivePhase, type LivePhase, type LivePhaseEvent } from './live-phase';
import type {
  EncoderReport,
  LiveChatLine,
  LiveEncoder,
  LivePushRun,
  LiveServer,
  LiveSetup,
  LiveStats,
  ModerationAction,
  ServerLiveEvent,
} from './live-ports';

/** The recent chat a screen opened mid-stream is given (older lines are the server's history). */
export const CHAT_HISTORY_KEPT = 200;

/** The session as the Live screen shows it: never the key, nor the ingest URL that carries it. */
export interface LiveSnapshot {
  readonly stream: {
    readonly id: string;
    readonly title: string;
    /** Null for a planned stream whose rule the Go live form does not offer (set on the web). */
    readonly access: StreamAccess | null;
  } | null;
  readonly phase: LivePhase;
  /** When the stream first went live in this session (reconnects do not move it). */
  readonly wentLiveAt: string | null;
  readonly stats: LiveStats | null;
  readonly viewers: number | null;
  /** Where to watch the stream as fans do, when the server has a relay. */
  readonly watchUrl: string | null;
  /** The account is connected to its server (Go live needs it). */
  readonly online: boolean;
  /** Why the chat cannot be followed now, in words; null when it can (or there is no stream). */
  readonly chatProblem: string | null;
  /** The last stream's recording, joined into one file, until it is published as a post. */
  readonly recording: { readonly path: string; readonly title: string } | null;
}

/** What the screen is told as it happens. */
export type LiveUpdate =
  | { readonly type: 'snapshot'; readonly snapshot: LiveSnapshot }
  | { readonly type: 'chat'; readonly line: LiveChatLine }
  | { readonly type: 'tip'; readonly line: LiveChatLine }
  | { readonly type: 'deleted'; readonly messageId: string }
  | { readonly type: 'missed'; readonly count: number };

interface LiveSessionEvents {
  update: [LiveUpdate];
  /** The session is closed (signed out, or replaced by signing in again): its updates end. */
  closed: [];
}

export interface LiveSessionDeps {
  /** The account's folder: recordings go to `recordings/<stream id>/` there. */
  readonly folder: string;
  readonly encoder: LiveEncoder;
  readonly now?: () => Date;
}

/** A secret and every place it could show up in a message (the URL carrying it, as typed or encoded). */
function scrubberOf(secrets: readonly string[]): (text: string) => string {
  const hidden = secrets.filter((secret) => secret.length > 0).flatMap((s) => [s, encodeURIComponent(s)]);
  return (text) => hidden.reduce((clean, secret) => clean.split(secret).join('[stream key]'), text);
}

/** What starts a clean stop: the creator's End, or the source coming to its end. */
type EndCause = Extract<LivePhaseEvent, { type: 'end-requested' | 'finished' }>;

const wordsOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One account's live session: creates the stream on the server, goes live (the key kept in this object's
 * memory only, for the push it starts, never stored or logged), follows the encoder's and the server's
 * reports, relays chat and tips, and ends cleanly (encoder first, then the server). Emits `update`.
 */
export class LiveSession extends EventEmitter<LiveSessionEvents> {
  private server: LiveServer | null = null;
  private phase: LivePhase = IDLE;
  private stream: LiveSnapshot['stream'] = null;
  private wentLiveAt: string | null = null;
  private stats: LiveStats | null = null;
  private viewers: number | null = null;
  private watchUrl: string | null = null;
  private chatProblem: string | null = null;
  private recording: LiveSnapshot['recording'] = null;
  private chat: LiveChatLine[] = [];
  private push: LivePushRun | null = null;
  private stopEvents: (() => void) | null = null;
  private scrub: (text: string) => string = (text) => text;
  private ending: Promise<LiveSnapshot> | null = null;
  /** The stream exists on the server and has not been ended from here. */
  private streamOpen = false;
  private readonly now: () => Date;

  constructor(private readonly deps: LiveSessionDeps) {
    super();
    this.now = deps.now ?? (() => new Date());
    // Every open Live screen (IPC, browser tabs) listens here.
    this.setMaxListeners(100);
  }

  /** The account's server connection came up (`server`) or went away (null). */
  setServer(server: LiveServer | null): void {
    this.server = server;
    this.announce();
  }

  snapshot(): LiveSnapshot {
    return {
      stream: this.stream,
      phase: this.phase,
      wentLiveAt: this.wentLiveAt,
      stats: this.stats,
      viewers: this.viewers,
      watchUrl: this.watchUrl,
      online: this.server !== null,
      chatProblem: this.chatProblem,
      recording: this.recording,
    };
  }

  /** The chat lines kept for a screen that opens now, oldest first. */
  chatHistory(): readonly LiveChatLine[] {
    return this.chat;
  }

  devices() {
    return this.deps.encoder.devices();
  }

  /**
   * Creates the stream on the server (for later, with `plan.scheduledFor`), or goes live now: a fresh key from
   * the server, then the encoder pushes with it and records into the account's folder. Resolves once the
   * encoder has started; whether it gets through shows in the phase.
   */
  async goLive(plan: StreamPlan, setup: LiveSetup): Promise<LiveSnapshot> {
    const streamId = newId();
    return this.start({ id: streamId, title: plan.title, access: plan.access }, setup, (server) =>
      server.create(streamId, plan),
    );
  }

  /**
   * Goes live on a stream planned earlier (`live.schedule`), which the server has already: no new stream is
   * created. The caller makes sure the plan reached the server (it may wait in the outbox).
   */
  async goLivePlanned(
    planned: { readonly id: string; readonly title: string; readonly access: StreamAccess | null },
    setup: LiveSetup,
  ): Promise<LiveSnapshot> {
    return this.start(planned, setup, async () => undefined);
  }

  private async start(
    stream: NonNullable<LiveSnapshot['stream']>,
    setup: LiveSetup,
    create: (server: LiveServer) => Promise<unknown>,
  ): Promise<LiveSnapshot> {
    const server = this.requireServer();
    if (!canGoLive(this.phase)) throw new InvalidStateError('You are live already: end this stream first');
    const streamId = stream.id;
    this.resetFor(stream);
    this.move({ type: 'start-requested' });
    try {
      await create(server);
      this.streamOpen = true;
      const grant = await server.goLive(streamId);
      this.scrub = scrubberOf([grant.key, grant.ingestUrl]);
      this.followServer(server, streamId);
      const recordingFolder = join(this.deps.folder, 'recordings', streamId);
      mkdirSync(recordingFolder, { recursive: true });
      // The grant goes no further than this call: the encoder gets the URL, the session keeps neither.
      this.push = await this.deps.encoder.start(
        { ingestUrl: grant.ingestUrl, setup, recordingFolder },
        (report) => this.onEncoder(report),
      );
      this.move({ type: 'encoder-started' });
    } catch (error) {
      this.stopFollowing();
      this.move({ type: 'failed', reason: this.scrub(wordsOf(error)) });
      throw error;
    }
    return this.snapshot();
  }

  /** Stops the encoder cleanly (its recording joined), then ends the stream on the server. */
  end(): Promise<LiveSnapshot> {
    return this.endOnce({ type: 'end-requested' });
  }

  /** One clean stop at a time, whoever asked first: the creator's End, or a source that came to its end. */
  private endOnce(why: EndCause): Promise<LiveSnapshot> {
    this.ending ??= this.endNow(why).finally(() => {
      this.ending = null;
    });
    return this.ending;
  }

  private async endNow(why: EndCause): Promise<LiveSnapshot> {
    const stream = this.stream;
    if (!stream || !this.streamOpen) throw new InvalidStateError('There is no stream on air to end');
    this.move(why);
    const push = this.push;
    this.push = null;
    let recording: string | null = null;
    let problem: string | null = null;
    try {
      recording = push ? await push.stop() : null;
    } catch (error) {
      problem = `The encoder did not stop cleanly: ${this.scrub(wordsOf(error))}`;
    }
    try {
      await this.requireServer().end(stream.id);
      this.streamOpen = false;
    } catch (error) {
      problem ??= `The server did not end the stream: ${wordsOf(error)}`;
    }
    this.stopFollowing();
    if (recording !== null) this.recording = { path: recording, title: stream.title };
    this.move(problem === null ? { type: 'stopped' } : { type: 'failed', reason: problem });
    return this.snapshot();
  }

  /** A moderation action on the stream's chat, done by the server (the creator runs their chat). */
  async moderate(action: ModerationAction): Promise<void> {
    const stream = this.stream;
    if (!stream) throw new InvalidStateError('There is no stream whose chat to moderate');
    await this.requireServer().moderate(stream.id, action);
  }

  /** A line in the stream's chat from the creator, sent by the server (it comes back as a chat update). */
  async say(text: string): Promise<void> {
    const stream = this.stream;
    if (!stream || !this.streamOpen) throw new InvalidStateError('There is no stream on air to chat in');
    await this.requireServer().say(stream.id, text);
  }

  /** The recording was published (or set aside): it is no longer offered. */
  recordingTaken(path: string): void {
    if (this.recording?.path !== path) return;
    this.recording = null;
    this.announce();
  }

  /** Stops everything without asking the server (the account is closing): the recording is kept on disk. */
  async close(): Promise<void> {
    this.stopFollowing();
    const push = this.push;
    this.push = null;
    await push?.stop().catch(() => null);
    this.emit('closed');
    this.removeAllListeners();
  }

  private requireServer(): LiveServer {
    if (!this.server)
      throw new UnavailableError('This account is not connected to its server: going live needs it');
    return this.server;
  }

  private resetFor(stream: NonNullable<LiveSnapshot['stream']>): void {
    this.stream = stream;
    this.streamOpen = false;
    this.phase = IDLE;
    this.wentLiveAt = null;
    this.stats = null;
    this.viewers = null;
    this.watchUrl = null;
    this.chatProblem = null;
    this.chat = [];
    this.scrub = (text) => text;
  }

  private onEncoder(report: EncoderReport): void {
    switch (report.type) {
      case 'publishing': {
        const at = this.now().toISOString();
        this.wentLiveAt ??= at;
        this.move({ type: 'publishing', at });
        if (this.watchUrl === null) this.askWatchUrl();
        return;
      }
      case 'dropped':
        this.move({ type: 'dropped', attempt: report.attempt, reason: this.scrub(report.reason) });
        return;
      case 'stats':
        this.stats = report.stats;
        this.announce();
        return;
      case 'failed':
        this.move({ type: 'failed', reason: this.scrub(report.reason) });
        return;
      case 'finished':
        // Ended as the creator's End would: the stream ended on the server, the recording offered. A failure
        // of that stop shows in the phase, where End can be pressed again.
        if (isOnAir(this.phase)) this.endOnce({ type: 'finished' }).catch(() => undefined);
        return;
    }
  }

  /** The server plays a stream once it is live: asked when the encoder first gets through. */
  private askWatchUrl(): void {
    const server = this.server;
    const streamId = this.stream?.id;
    if (!server || !streamId) return;
    server.watchUrl(streamId).then(
      (url) => {
        if (this.stream?.id !== streamId) return;
        this.watchUrl = url;
        this.announce();
      },
      () => undefined, // the preview is a nicety: the stream goes on without it
    );
  }

  private followServer(server: LiveServer, streamId: string): void {
    this.stopEvents = server.events(
      streamId,
      (event) => this.onServer(event),
      (error) => {
        this.chatProblem = `The chat cannot be followed: ${wordsOf(error)}`;
        this.announce();
      },
    );
  }

  private stopFollowing(): void {
    this.stopEvents?.();
    this.stopEvents = null;
  }

  private onServer(event: ServerLiveEvent): void {
    switch (event.type) {
      case 'message':
      case 'tip':
        this.chat = [...this.chat, event.line].slice(-CHAT_HISTORY_KEPT);
        this.emit('update', { type: event.type === 'tip' ? 'tip' : 'chat', line: event.line });
        return;
      case 'deleted':
        this.chat = this.chat.filter((line) => line.id !== event.messageId);
        this.emit('update', event);
        return;
      case 'missed':
        this.emit('update', event);
        return;
      case 'viewers':
        this.viewers = event.count;
        this.announce();
        return;
      case 'status':
        return; // the encoder's own reports say more, sooner
    }
  }

  private move(event: LivePhaseEvent): void {
    const next = nextLivePhase(this.phase, event);
    if (next === this.phase) return;
    this.phase = next;
    this.announce();
  }

  private announce(): void {
    this.emit('update', { type: 'snapshot', snapshot: this.snapshot() });
  }
}

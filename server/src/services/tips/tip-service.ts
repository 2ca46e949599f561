import type { Clock } from '@shared/domain/clock';
import { NotFoundError, ValidationError } from '@shared/domain/errors';
import { amount, formatAmount, type Amount, type Currency } from '@shared/domain/money';
import { StaleVersionError } from '@shared/domain/sync/kind';
import { DEFAULT_TIP_SETTINGS, TIP_MAX_CENTS } from '@shared/domain/tips/tip-rules';
import {
  defaultTipSettings,
  TIP_SETTINGS_KIND,
  type TipSettingsDraft,
  type TipSettingsSnapshot,
} from '@shared/domain/tips/tip-settings';
import type { Kysely, Transaction } from 'kysely';
import { batched } from '../../db/batched';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountRepository } from '../accounts/account-repository';
import type { AccountView } from '../accounts/account-service';
import type { PaymentPurpose, PaymentService, PaymentView } from '../payments/payment-service';
import type { PaymentRecord } from '../payments/payment-repository';
import type { PostRepository } from '../posts/post-repository';
import type { ChangeFeed } from '../sync/change-feed';
import type { NewTip, TipRepository, TipSettingsRecord } from './tip-repository';

/** A creator's tip settings as fans and the studio see them (minor units as text). */
export interface TipSettingsView {
  readonly currency: Currency;
  readonly minimum: string;
  readonly presets: readonly string[];
  readonly goal: { readonly title: string; readonly amount: string; readonly raised: string } | null;
}

export interface SendTip {
  readonly handle: string;
  readonly postId: string | null;
  /** Minor units, as digits. */
  readonly amount: string;
  readonly currency: Currency;
  readonly message: string;
  readonly paymentMethod: string;
  /** The fan's key for this tip (a UUID the page made when the form opened): a retry tips once. */
  readonly idempotencyKey: string;
  /** The live stream whose chat the tip is sent from (its watcher already checked by the chat). */
  readonly streamId?: string | null;
}

/** A tip sent from a stream's chat, settled: what the chat writes as a highlighted message. */
export interface SettledStreamTip {
  readonly paymentId: string;
  readonly fanId: string;
  readonly creatorId: string;
  readonly streamId: string;
  readonly amount: Amount;
  readonly message: string;
  readonly at: Date;
}

/** Runs in the settling transaction, for the tips of one settle that were sent from a stream's chat. */
export type StreamTipListener = (
  trx: Transaction<Database>,
  tips: readonly SettledStreamTip[],
) => Promise<void>;

/** Settings as stored, with their version and when they last changed. */
interface StoredTipSettings {
  readonly settings: TipSettingsRecord;
  readonly version: number;
  readonly updatedAt: Date;
}

const DEFAULTS: TipSettingsRecord = {
  currency: DEFAULT_TIP_SETTINGS.currency,
  minimum: BigInt(DEFAULT_TIP_SETTINGS.minimum),
  presets: DEFAULT_TIP_SETTINGS.presets.map((p) => BigInt(p)),
  goal: null,
};

/** Tips: a fan pays a creator what they choose (at least the creator's minimum), with a short message. */
export class TipService {
  readonly #streamTipListeners: StreamTipListener[] = [];

  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly tips: TipRepository;
      readonly accounts: AccountRepository;
      readonly posts: PostRepository;
      readonly payments: PaymentService;
      readonly actingFor: ActingForPolicy;
      readonly clock: Clock;
      readonly feed: ChangeFeed;
    },
  ) {}

  /** What the payments service does when a tip's payment settles, is refunded in full or disputed. */
  purpose(): PaymentPurpose {
    const { tips } = this.deps;
    const tipOf = (payment: PaymentRecord) => ({
      paymentId: payment.id,
      fanId: payment.fanId,
      creatorId: payment.creatorId,
      postId: payment.itemId,
      amount: payment.amount,
      message: typeof payment.details.message === 'string' ? payment.details.message : '',
      streamId: typeof payment.details.streamId === 'string' ? payment.details.streamId : null,
      at: payment.settledAt ?? payment.createdAt,
    });
    const settle = async (trx: Transaction<Database>, settled: readonly NewTip[]) => {
      await tips.insertMany(trx, settled);
      const fromStreams = settled.flatMap((tip) =>
        tip.streamId ? [{ ...tip, streamId: tip.streamId }] : [],
      );
      if (fromStreams.length === 0) return;
      for (const listener of this.#streamTipListeners) await listener(trx, fromStreams);
    };
    return {
      source: 'tip',
      settled: (trx, payment) => settle(trx, [tipOf(payment)]),
      settledMany: (trx, payments) => settle(trx, payments.map(tipOf)),
      refunded: async (trx, payment, fully) => {
        if (fully) await tips.remove(trx, payment.id);
      },
      disputed: (trx, payment) => tips.remove(trx, payment.id),
    };
  }

  /** Tells `listener`, inside the settling transaction, of each tip from a stream's chat that settles. */
  onStreamTipSettled(listener: StreamTipListener): void {
    this.#streamTipListeners.push(listener);
  }

  async settingsOf(handle: string): Promise<TipSettingsView> {
    return this.#view(await this.#creatorId(handle));
  }

  async send(fan: AccountView, tip: SendTip): Promise<PaymentView> {
    const { creatorId, settings } = await this.#terms(tip.handle);
    if (creatorId === fan.id) throw new ValidationError('You cannot tip yourself', 'handle');
    if (tip.currency !== settings.currency) {
      throw new ValidationError(`this creator takes tips in ${settings.currency}`, 'currency');
    }
    const total = amount(tip.currency, BigInt(tip.amount));
    if (total.minor < settings.minimum) {
      throw new ValidationError(
        `the smallest tip is ${formatAmount(amount(tip.currency, settings.minimum), { symbol: true })}`,
        'amount',
      );
    }
    if (tip.currency === 'USD' && total.minor > TIP_MAX_CENTS) {
      throw new ValidationError(
        `a tip is at most ${formatAmount(amount('USD', TIP_MAX_CENTS), { symbol: true })}`,
        'amount',
      );
    }
    if (tip.postId !== null) {
      const post = await this.deps.posts.findPublishedOwner(this.deps.db, tip.postId);
      if (!post || post.creator_id !== creatorId) throw new NotFoundError('No such post of this creator');
    }
    return this.deps.payments.pay({
      idempotencyKey: `tip:${fan.id}:${tip.idempotencyKey}`,
      fan,
      creatorId,
      source: 'tip',
      itemId: tip.postId,
      amount: total,
      paymentMethod: tip.paymentMethod,
      description: `Tip to @${tip.handle.toLowerCase()}`,
      details: tip.streamId ? { message: tip.message, streamId: tip.streamId } : { message: tip.message },
    });
  }

  /** Replaces a creator's tip settings (the web edits the latest) and announces the change after commit. */
  async updateSettings(
    actor: AccountView,
    creatorId: string,
    draft: TipSettingsDraft,
  ): Promise<TipSettingsView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'finance');
    const { seq } = await this.deps.db
      .transaction()
      .execute((trx) => this.updateSettingsIn(trx, creatorId, draft, null, null));
    this.deps.feed.announce(creatorId, seq);
    return this.#view(creatorId);
  }

  /**
   * Replaces the settings if they are still at `baseVersion` (null: any version; a StaleVersionError with the
   * server's settings otherwise), inside the caller's transaction, for an actor already authorized; appends to
   * the creator's feed. The draft's rules are the shared `tipSettingsDraftSchema`, which every caller parses with.
   */
  async updateSettingsIn(
    trx: Transaction<Database>,
    creatorId: string,
    draft: TipSettingsDraft,
    baseVersion: number | null,
    mutationId: string | null,
  ): Promise<{ readonly settings: TipSettingsSnapshot; readonly seq: number }> {
    const { tips, clock, feed } = this.deps;
    const current = await tips.settingsForChange(trx, creatorId);
    const currentVersion = current?.version ?? 0;
    const staleAgainst = (stored: StoredTipSettings | undefined) =>
      new StaleVersionError(
        stored ? toTipSettingsSnapshot(creatorId, stored) : defaultTipSettings(creatorId),
        'tip settings',
        stored?.version ?? 0,
      );
    if (baseVersion !== null && baseVersion !== currentVersion) throw staleAgainst(current);
    const now = clock.now();
    const goal = current?.settings.goal;
    const record: TipSettingsRecord = {
      currency: 'USD',
      minimum: BigInt(draft.minimum),
      presets: draft.presets.map((p) => BigInt(p)),
      goal: draft.goal && {
        title: draft.goal.title,
        amount: BigInt(draft.goal.amount),
        // A goal keeps counting from when it was set, unless it is a new goal.
        startedAt: goal && goal.title === draft.goal.title ? goal.startedAt : now,
      },
    };
    const version = currentVersion + 1;
    // Two first saves at once: the row was not there to lock, so the second finds it written.
    if (!(await tips.saveSettings(trx, creatorId, record, version, now))) {
      throw staleAgainst(await tips.settingsForChange(trx, creatorId));
    }
    const settings = toTipSettingsSnapshot(creatorId, { settings: record, version, updatedAt: now });
    const seq = await feed.append(
      trx,
      creatorId,
      { entity: TIP_SETTINGS_KIND.entity, op: 'upsert', id: creatorId, data: settings },
      mutationId,
    );
    return { settings, seq };
  }

  async #view(creatorId: string): Promise<TipSettingsView> {
    const s = (await this.deps.tips.settings(this.deps.db, creatorId)) ?? DEFAULTS;
    const raised = s.goal
      ? await this.deps.tips.totalSince(this.deps.db, creatorId, s.currency, s.goal.startedAt)
      : null;
    return {
      currency: s.currency,
      minimum: s.minimum.toString(),
      presets: s.presets.map(String),
      goal:
        s.goal && raised
          ? { title: s.goal.title, amount: s.goal.amount.toString(), raised: raised.minor.toString() }
          : null,
    };
  }

  /** The creator and their tip settings, read together with those of the tips arriving at the same time. */
  async #terms(handle: string): Promise<{ creatorId: string; settings: TipSettingsRecord }> {
    const terms = await this.#termsByHandle(handle.toLowerCase());
    if (!terms) throw new NotFoundError(`No creator @${handle}`);
    return { creatorId: terms.creatorId, settings: terms.settings ?? DEFAULTS };
  }

  readonly #termsByHandle = batched(
    async (handles: readonly string[]) => {
      const found = await this.deps.tips.termsByHandles(this.deps.db, handles);
      return handles.map((handle) => found.get(handle));
    },
    { inFlight: 4 },
  );

  async #creatorId(handle: string): Promise<string> {
    const row = await this.deps.accounts.findCreatorByHandle(handle.toLowerCase());
    if (!row) throw new NotFoundError(`No creator @${handle}`);
    return row.id;
  }
}

/** The shared snapshot of stored settings: what the change feed carries and a conflict hands back. */
function toTipSettingsSnapshot(creatorId: string, stored: StoredTipSettings): TipSettingsSnapshot {
  const { settings, version, updatedAt } = stored;
  return {
    creatorId,
    currency: 'USD',
    minimum: settings.minimum.toString(),
    presets: settings.presets.map(String),
    goal: settings.goal && {
      title: settings.goal.title,
      amount: settings.goal.amount.toString(),
      startedAt: settings.goal.startedAt.toISOString(),
    },
    version,
    updatedAt: updatedAt.toISOString(),
  };
}

import type { AccessRule } from '@shared/domain/access/rule';
import { describeRule } from '@shared/domain/access/describe';
import type { StreamSnapshot } from '@shared/domain/live/stream-sync';
import { dollarsOf } from '../offers/money-field';
import type { ConflictSide } from '../shell/SyncConflict';
import { isoToLocalInput } from '../posts/access-picker';
import type { LocalStream } from '../../../main/studio/live/stream-table';
import { NEW_LIVE_FORM, type LiveForm } from './live-form';
import { audienceWords } from './live-plans';

const AT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A planned stream's fields as the form shows them to edit (read back by `checkPlanForm`): its title, who may
 * watch (everyone when its rule is one set on the web that the form does not offer: saving sets the chosen
 * one), and its start in this computer's time.
 */
export function planEditFormOf(stream: Pick<LocalStream, 'title' | 'access' | 'scheduledFor'>): LiveForm {
  const access = stream.access ?? { kind: 'public' as const };
  return {
    ...NEW_LIVE_FORM,
    title: stream.title,
    audience: access.kind,
    minTier: access.kind === 'subscribers' ? (access.minTier ?? '') : '',
    ticketPrice: access.kind === 'ticket' ? dollarsOf(access.priceCents) : '',
    plannedFor: stream.scheduledFor === null ? '' : isoToLocalInput(stream.scheduledFor),
  };
}

/** Who may watch a stream as the server holds it (a rule and a price), in the Live screen's words. */
export function serverAudienceWords(
  stream: { readonly id: string } & Pick<StreamSnapshot, 'accessRule' | 'ticketPrice'>,
): string {
  const rule: AccessRule = stream.accessRule;
  const price = stream.ticketPrice?.minor ?? null;
  if (rule.kind === 'public' && price === null) return audienceWords({ access: { kind: 'public' } });
  if (rule.kind === 'subscriber' && price === null) {
    return audienceWords({ access: { kind: 'subscribers', minTier: rule.minTier ?? null } });
  }
  if (rule.kind === 'purchased' && rule.itemId === stream.id && price !== null) {
    return audienceWords({ access: { kind: 'ticket', priceCents: price } });
  }
  return describeRule(rule);
}

/** One side of a planned stream's conflict: what fans would see of it. */
export function planConflictSide(
  heading: string,
  stream: Pick<StreamSnapshot, 'id' | 'title' | 'accessRule' | 'ticketPrice' | 'scheduledFor' | 'status'>,
  format: (at: Date) => string = (at) => AT.format(at),
): ConflictSide {
  return {
    heading,
    facts: [
      ['Title', stream.title],
      ['Starts', stream.scheduledFor === null ? 'No time set' : format(new Date(stream.scheduledFor))],
      ['Who can watch', serverAudienceWords(stream)],
      ...(stream.status === 'scheduled' ? [] : ([['Status', stream.status]] as const)),
    ],
  };
}

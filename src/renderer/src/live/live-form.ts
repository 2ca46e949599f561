import { LIVE_PRESET_IDS, type LivePresetId, type LiveVideoEncoder } from '@shared/domain/live/presets';
import { centsOf } from '../offers/money-field';
import type { LiveSetup } from '../../../main/studio/live/live-ports';
import type { StreamPlan } from '../../../main/studio/live/live-fields';

/** The longest stream title (the studio's `LIVE_TITLE_MAX`). */
export const TITLE_MAX = 140;

/** What the Live screen's form holds, as typed or chosen. */
export interface LiveForm {
  readonly title: string;
  readonly audience: 'public' | 'subscribers' | 'ticket';
  /** A tier's id for "subscribers from this tier up"; empty: any subscriber. */
  readonly minTier: string;
  /** The ticket price in dollars, as typed. */
  readonly ticketPrice: string;
  /** `test-pattern`, `none`, or `camera:<device id>` / `screen:<device id>`. */
  readonly video: string;
  /** `tone`, `none`, or `microphone:<device id>`. */
  readonly audio: string;
  readonly preset: LivePresetId;
  /** `auto`: the best encoder that works here; otherwise an encoder's name. */
  readonly videoEncoder: 'auto' | LiveVideoEncoder;
}

export type LiveFormErrors = Partial<Record<keyof LiveForm, string>>;

export type LiveFormCheck =
  | { readonly ok: true; readonly plan: StreamPlan; readonly setup: LiveSetup }
  | { readonly ok: false; readonly errors: LiveFormErrors };

export const NEW_LIVE_FORM: LiveForm = {
  title: '',
  audience: 'public',
  minTier: '',
  ticketPrice: '',
  video: 'test-pattern',
  audio: 'tone',
  preset: '720p30',
  videoEncoder: 'auto',
};

function videoOf(choice: string): LiveSetup['video'] | null {
  if (choice === 'test-pattern' || choice === 'none') return { kind: choice };
  const [kind, ...rest] = choice.split(':');
  const deviceId = rest.join(':');
  if ((kind === 'camera' || kind === 'screen') && deviceId !== '') return { kind, deviceId };
  return null;
}

function audioOf(choice: string): LiveSetup['audio'] | null {
  if (choice === 'tone' || choice === 'none') return { kind: choice };
  const [kind, ...rest] = choice.split(':');
  const deviceId = rest.join(':');
  return kind === 'microphone' && deviceId !== '' ? { kind, deviceId } : null;
}

/**
 * The form as what Go live sends (the studio checks it again), or a sentence for each field that is wrong.
 * A stream needs something to show or to hear; audio-only needs a sound.
 */
export function checkLiveForm(form: LiveForm): LiveFormCheck {
  const errors: { -readonly [K in keyof LiveForm]?: string } = {};
  const title = form.title.trim();
  if (title === '') errors.title = 'Give the stream a title: fans see it above the player.';
  else if (title.length > TITLE_MAX) errors.title = `Shorten the title to ${TITLE_MAX} characters or fewer.`;

  let access: StreamPlan['access'] = { kind: 'public' };
  if (form.audience === 'subscribers') {
    access = { kind: 'subscribers', minTier: form.minTier === '' ? null : form.minTier };
  } else if (form.audience === 'ticket') {
    const price = centsOf(form.ticketPrice, 'the ticket price');
    if ('error' in price) errors.ticketPrice = price.error;
    else if (BigInt(price.cents) < 50n) errors.ticketPrice = 'A ticket costs at least $0.50.';
    else if (BigInt(price.cents) > 100_000n) errors.ticketPrice = 'A ticket costs at most $1,000.00.';
    else access = { kind: 'ticket', priceCents: price.cents };
  }

  const video = videoOf(form.video);
  const audio = audioOf(form.audio);
  if (!video) errors.video = 'Choose what to show: a camera, a screen or the test pattern.';
  if (!audio) errors.audio = 'Choose what fans hear: a microphone, the test tone or nothing.';
  if (!LIVE_PRESET_IDS.includes(form.preset)) errors.preset = 'Choose one of the presets.';
  if (video && audio) {
    if (form.preset === 'audio-only' && audio.kind === 'none') {
      errors.audio = 'An audio-only stream needs a sound: choose a microphone or the test tone.';
    } else if (form.preset !== 'audio-only' && video.kind === 'none') {
      errors.video = 'Choose what to show, or pick the audio-only preset.';
    }
  }
  if (Object.keys(errors).length > 0 || !video || !audio) return { ok: false, errors };
  return {
    ok: true,
    plan: { title, access, scheduledFor: null },
    setup: {
      video: form.preset === 'audio-only' ? { kind: 'none' } : video,
      audio,
      encoding: { preset: form.preset },
      videoEncoder: form.videoEncoder === 'auto' ? null : form.videoEncoder,
    },
  };
}

import {
  customLiveSettingsSchema,
  LIVE_PRESET_IDS,
  type LiveEncodingChoice,
  type LivePresetId,
  type LiveVideoEncoder,
} from '@shared/domain/live/presets';
import { centsOf } from '../offers/money-field';
import type { ScreenSetup } from '../../../main/studio/live/live-setup-schema';
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
  /** `test-pattern` (with its tone), `camera:<device id>` / `screen:<device id>`, or `vault:<video's id>`. */
  readonly picture: string;
  /** A vault video plays again from the start when it ends (otherwise the stream goes quiet after it). */
  readonly loop: boolean;
  /** A microphone's device id to go with a camera or the screen; empty: no microphone. */
  readonly microphone: string;
  /** A preset, or `custom`: the five custom fields below. */
  readonly preset: LivePresetId | 'custom';
  /** Custom settings as typed: pixels, frames per second, kbit/s. */
  readonly customWidth: string;
  readonly customHeight: string;
  readonly customFps: string;
  readonly customVideoKbps: string;
  readonly customAudioKbps: string;
  /** `auto`: the best encoder that works here; otherwise an encoder's name. */
  readonly videoEncoder: 'auto' | LiveVideoEncoder;
  /** When a stream planned for later starts, as a `datetime-local` value in this computer's time; empty: not set. */
  readonly plannedFor: string;
}

export type LiveFormErrors = Partial<Record<keyof LiveForm, string>>;

export type LiveFormCheck =
  | { readonly ok: true; readonly plan: StreamPlan; readonly setup: ScreenSetup }
  | { readonly ok: false; readonly errors: LiveFormErrors };

export const NEW_LIVE_FORM: LiveForm = {
  title: '',
  audience: 'public',
  minTier: '',
  ticketPrice: '',
  picture: 'test-pattern',
  loop: true,
  microphone: '',
  preset: '720p30',
  customWidth: '1280',
  customHeight: '720',
  customFps: '30',
  customVideoKbps: '2500',
  customAudioKbps: '128',
  videoEncoder: 'auto',
  plannedFor: '',
};

/** The source the picture and microphone choices stand for, or null when the picture is not one of them. */
function sourceOf(picture: string, microphone: string, loop: boolean): ScreenSetup['source'] | null {
  if (picture === 'test-pattern') return { kind: 'test-pattern' };
  const [kind, ...rest] = picture.split(':');
  const deviceId = rest.join(':');
  const mic = microphone === '' ? null : microphone;
  if (deviceId === '') return null;
  if (kind === 'vault') return { kind: 'vault', itemId: deviceId, loop };
  if (kind === 'camera') return { kind: 'camera', camera: deviceId, microphone: mic };
  if (kind === 'screen')
    return { kind: 'screen', screen: deviceId, microphone: mic, windowsCapture: 'gdigrab' };
  return null;
}

/**
 * The form as what Go live sends (the studio checks it again), or a sentence for each field that is wrong.
 * Audio only needs a sound: the test tone, or a microphone with a camera or the screen.
 */
export function checkLiveForm(form: LiveForm): LiveFormCheck {
  const errors: { -readonly [K in keyof LiveForm]?: string } = {};
  const { title, access } = checkAudience(form, errors);
  const setup = checkSources(form, errors);
  if (Object.keys(errors).length > 0 || !setup) return { ok: false, errors };
  return { ok: true, plan: { title, access, scheduledFor: null }, setup };
}

export type SetupFormCheck =
  | { readonly ok: true; readonly setup: ScreenSetup }
  | { readonly ok: false; readonly errors: LiveFormErrors };

/** The sources and quality alone: going live on a stream planned earlier, whose title and audience are set. */
export function checkSetupForm(form: LiveForm): SetupFormCheck {
  const errors: { -readonly [K in keyof LiveForm]?: string } = {};
  const setup = checkSources(form, errors);
  if (Object.keys(errors).length > 0 || !setup) return { ok: false, errors };
  return { ok: true, setup };
}

/** What to capture and how to encode it, each error written into `errors`. */
function checkSources(
  form: LiveForm,
  errors: { -readonly [K in keyof LiveForm]?: string },
): ScreenSetup | null {
  const source = sourceOf(form.picture, form.microphone, form.loop);
  if (!source)
    errors.picture = 'Choose what to show: a camera, a screen, a video from your vault or the test pattern.';
  const encoding = encodingOf(form, errors);
  if (
    source &&
    form.preset === 'audio-only' &&
    (source.kind === 'camera' || source.kind === 'screen') &&
    form.microphone === ''
  ) {
    errors.microphone =
      'An audio-only stream needs a sound: choose a microphone, or the test pattern for its tone.';
  }
  if (!source || !encoding) return null;
  return {
    source,
    encoding,
    videoEncoder: form.videoEncoder === 'auto' ? null : form.videoEncoder,
  };
}

/** Which custom field each setting's refusal goes under. */
const CUSTOM_FIELDS = {
  width: 'customWidth',
  height: 'customHeight',
  fps: 'customFps',
  videoKbps: 'customVideoKbps',
  audioKbps: 'customAudioKbps',
} as const;

/**
 * The preset, or the custom settings read from their fields (whole numbers, checked by the shared rules, each
 * refusal under its own field), or null with the errors written into `errors`.
 */
function encodingOf(
  form: LiveForm,
  errors: { -readonly [K in keyof LiveForm]?: string },
): LiveEncodingChoice | null {
  if (form.preset !== 'custom') {
    if (LIVE_PRESET_IDS.includes(form.preset)) return { preset: form.preset };
    errors.preset = 'Choose one of the presets.';
    return null;
  }
  const number = (typed: string) => (/^\s*\d+\s*$/.test(typed) ? Number(typed) : Number.NaN);
  const parsed = customLiveSettingsSchema.safeParse({
    width: number(form.customWidth),
    height: number(form.customHeight),
    fps: number(form.customFps),
    videoKbps: number(form.customVideoKbps),
    audioKbps: number(form.customAudioKbps),
  });
  if (parsed.success) return { custom: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = CUSTOM_FIELDS[issue.path[0] as keyof typeof CUSTOM_FIELDS];
    if (field && errors[field] === undefined) errors[field] = `${issue.message}.`;
  }
  return null;
}

/** The title and who may watch, each error written into `errors`. */
function checkAudience(
  form: LiveForm,
  errors: { -readonly [K in keyof LiveForm]?: string },
): { title: string; access: StreamPlan['access'] } {
  const title = form.title.trim();
  if (title === '') errors.title = 'Give the stream a title: fans see it above the player.';
  else if (title.length > TITLE_MAX) errors.title = `Shorten the title to ${TITLE_MAX} characters or fewer.`;

  let access: StreamPlan['access'] = { kind: 'public' };
  if (form.audience === 'subscribers') {
    access = { kind: 'subscribers', minTier: form.minTier.trim() === '' ? null : form.minTier.trim() };
  } else if (form.audience === 'ticket') {
    const price = centsOf(form.ticketPrice, 'the ticket price');
    if ('error' in price) errors.ticketPrice = price.error;
    else if (BigInt(price.cents) < 50n) errors.ticketPrice = 'A ticket costs at least $0.50.';
    else if (BigInt(price.cents) > 100_000n) errors.ticketPrice = 'A ticket costs at most $1,000.00.';
    else access = { kind: 'ticket', priceCents: price.cents };
  }
  return { title, access };
}

export type PlanFormCheck =
  { readonly ok: true; readonly plan: StreamPlan } | { readonly ok: false; readonly errors: LiveFormErrors };

/**
 * The form as a stream planned for later (Plan for later): its title, who may watch and when it starts, a time
 * still to come in this computer's time. Sources and quality are chosen when going live.
 */
export function checkPlanForm(form: LiveForm, now: Date = new Date()): PlanFormCheck {
  const errors: { -readonly [K in keyof LiveForm]?: string } = {};
  const { title, access } = checkAudience(form, errors);
  let scheduledFor: string | null = null;
  if (form.plannedFor === '') errors.plannedFor = 'Choose when the stream starts.';
  else {
    const at = new Date(form.plannedFor);
    if (Number.isNaN(at.getTime())) errors.plannedFor = 'Give the start as a date and a time.';
    else if (at.getTime() <= now.getTime()) errors.plannedFor = 'Choose a start still to come.';
    else scheduledFor = at.toISOString();
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, plan: { title, access, scheduledFor } };
}

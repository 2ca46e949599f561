import { describe, expect, it } from 'vitest';
import { checkLiveForm, NEW_LIVE_FORM } from './live-form';

describe('the Live form', () => {
  it('turns a titled public test-pattern stream into a plan and a setup', () => {
    const checked = checkLiveForm({ ...NEW_LIVE_FORM, title: '  Friday jam ' });
    expect(checked).toEqual({
      ok: true,
      plan: { title: 'Friday jam', access: { kind: 'public' }, scheduledFor: null },
      setup: {
        video: { kind: 'test-pattern' },
        audio: { kind: 'tone' },
        encoding: { preset: '720p30' },
        videoEncoder: null,
      },
    });
  });

  it('asks for a title in words', () => {
    const checked = checkLiveForm(NEW_LIVE_FORM);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.title).toMatch(/title/);
  });

  it('reads a ticket price in dollars as cents, and refuses one below $0.50 or not money', () => {
    const ticket = { ...NEW_LIVE_FORM, title: 'Show', audience: 'ticket' as const };
    const ok = checkLiveForm({ ...ticket, ticketPrice: '4.99' });
    expect(ok.ok && ok.plan.access).toEqual({ kind: 'ticket', priceCents: '499' });
    const low = checkLiveForm({ ...ticket, ticketPrice: '0.10' });
    expect(!low.ok && low.errors.ticketPrice).toBe('A ticket costs at least $0.50.');
    const words = checkLiveForm({ ...ticket, ticketPrice: 'five' });
    expect(!words.ok && words.errors.ticketPrice).toMatch(/dollars and cents/);
  });

  it('lets subscribers in from a tier, or any subscriber', () => {
    const base = { ...NEW_LIVE_FORM, title: 'Show', audience: 'subscribers' as const };
    const any = checkLiveForm(base);
    expect(any.ok && any.plan.access).toEqual({ kind: 'subscribers', minTier: null });
    const gold = checkLiveForm({ ...base, minTier: 'gold' });
    expect(gold.ok && gold.plan.access).toEqual({ kind: 'subscribers', minTier: 'gold' });
  });

  it('sends a chosen camera and microphone by device id (ids may hold colons)', () => {
    const checked = checkLiveForm({
      ...NEW_LIVE_FORM,
      title: 'Show',
      video: 'camera:/dev/video0',
      audio: 'microphone:alsa_input.usb:1',
      videoEncoder: 'h264_vaapi',
    });
    expect(checked.ok && checked.setup).toMatchObject({
      video: { kind: 'camera', deviceId: '/dev/video0' },
      audio: { kind: 'microphone', deviceId: 'alsa_input.usb:1' },
      videoEncoder: 'h264_vaapi',
    });
  });

  it('needs a sound for audio only, and a picture otherwise', () => {
    const silent = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Talk', preset: 'audio-only', audio: 'none' });
    expect(!silent.ok && silent.errors.audio).toMatch(/audio-only stream needs a sound/);
    const blind = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Show', video: 'none' });
    expect(!blind.ok && blind.errors.video).toMatch(/audio-only preset/);
    const talk = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Talk', preset: 'audio-only' });
    expect(talk.ok && talk.setup.video).toEqual({ kind: 'none' });
  });
});

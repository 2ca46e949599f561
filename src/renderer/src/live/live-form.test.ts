import { describe, expect, it } from 'vitest';
import { checkLiveForm, NEW_LIVE_FORM } from './live-form';

describe('the Live form', () => {
  it('turns a titled public test-pattern stream into a plan and a setup', () => {
    const checked = checkLiveForm({ ...NEW_LIVE_FORM, title: '  Friday jam ' });
    expect(checked).toEqual({
      ok: true,
      plan: { title: 'Friday jam', access: { kind: 'public' }, scheduledFor: null },
      setup: {
        source: { kind: 'test-pattern' },
        encoding: { preset: '720p30' },
        videoEncoder: null,
      },
    });
  });

  it('names a vault video by its item id, looped or once, and needs no microphone for it', () => {
    const id = '018f0000-0000-7000-8000-0000000000aa';
    const looped = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Replay', picture: `vault:${id}` });
    expect(looped.ok && looped.setup.source).toEqual({ kind: 'vault', itemId: id, loop: true });
    const once = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Replay', picture: `vault:${id}`, loop: false });
    expect(once.ok && once.setup.source).toEqual({ kind: 'vault', itemId: id, loop: false });
    const audio = checkLiveForm({
      ...NEW_LIVE_FORM,
      title: 'Replay',
      picture: `vault:${id}`,
      preset: 'audio-only',
    });
    expect(audio.ok).toBe(true);
    const empty = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Replay', picture: 'vault:' });
    expect(!empty.ok && empty.errors.picture).toMatch(/video from your vault/);
  });

  it('reads custom quality in whole numbers, each refusal under its own field', () => {
    const custom = { ...NEW_LIVE_FORM, title: 'Wide', preset: 'custom' as const };
    const ok = checkLiveForm({ ...custom, customWidth: '1920', customHeight: '800', customFps: '24' });
    expect(ok.ok && ok.setup.encoding).toEqual({
      custom: { width: 1920, height: 800, fps: 24, videoKbps: 2500, audioKbps: 128 },
    });
    const bad = checkLiveForm({ ...custom, customWidth: '1921', customFps: '120', customVideoKbps: 'fast' });
    expect(!bad.ok && bad.errors).toEqual({
      customWidth: 'The width must be an even number of pixels.',
      customFps: 'The frame rate must be at most 60 fps.',
      customVideoKbps: expect.stringMatching(/^The video bitrate/),
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
      picture: 'camera:/dev/video0',
      microphone: 'pulse:alsa_input.usb:1',
      videoEncoder: 'h264_vaapi',
    });
    expect(checked.ok && checked.setup).toMatchObject({
      source: { kind: 'camera', camera: '/dev/video0', microphone: 'pulse:alsa_input.usb:1' },
      videoEncoder: 'h264_vaapi',
    });
    const screen = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Show', picture: 'screen::0.0' });
    expect(screen.ok && screen.setup.source).toEqual({
      kind: 'screen',
      screen: ':0.0',
      microphone: null,
      windowsCapture: 'gdigrab',
    });
  });

  it('needs a sound for audio only: the test tone, or a microphone', () => {
    const silent = checkLiveForm({
      ...NEW_LIVE_FORM,
      title: 'Talk',
      preset: 'audio-only',
      picture: 'camera:/dev/video0',
    });
    expect(!silent.ok && silent.errors.microphone).toMatch(/audio-only stream needs a sound/);
    const tone = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Talk', preset: 'audio-only' });
    expect(tone.ok).toBe(true);
    const unknown = checkLiveForm({ ...NEW_LIVE_FORM, title: 'Show', picture: 'camera:' });
    expect(!unknown.ok && unknown.errors.picture).toMatch(/Choose what to show/);
  });
});

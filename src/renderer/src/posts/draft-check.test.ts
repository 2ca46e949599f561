import { describe, expect, it } from 'vitest';
import { EMPTY_PICKER, type AccessPickerState } from './access-picker';
import { checkDraft } from './draft-check';

describe('checking a draft before it is sent', () => {
  it('gives a valid PostDraft with the picked rule', () => {
    expect(
      checkDraft({ title: ' Hello ', body: 'Body text', access: { ...EMPTY_PICKER, mode: 'follower' } }),
    ).toEqual({
      ok: true,
      draft: { title: 'Hello', body: 'Body text', accessRule: { kind: 'follower' } },
    });
  });

  it('names every wrong field at once', () => {
    const result = checkDraft({
      title: 'x'.repeat(201),
      body: '   ',
      access: { ...EMPTY_PICKER, mode: 'expression', expression: 'tipped(' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toBe('Title is at most 200 characters.');
    expect(result.errors.body).toBe('Write something, or add a photo, video or audio from your vault.');
    expect(result.errors.access).toMatch(/^Expression: /);
  });

  it('refuses an empty title instead of saving an "Untitled" post', () => {
    const result = checkDraft({ title: '   ', body: 'Body text', access: EMPTY_PICKER });
    expect(result).toEqual({ ok: false, errors: { title: 'Title must not be empty.' } });
  });

  it('refuses a body over the limit, however long, rather than cutting it', () => {
    const result = checkDraft({ title: 'Long', body: 'x'.repeat(1_000_000), access: EMPTY_PICKER });
    expect(result).toEqual({ ok: false, errors: { body: 'Body is at most 20000 characters.' } });
  });
});

describe('checking the price of a draft', () => {
  const ID = '018f0000-0000-7000-8000-0000000000aa';
  const editor = (price: string, mode: AccessPickerState['mode'] = 'buyers') => ({
    title: 'For sale',
    body: 'Body text',
    price,
    access: { ...EMPTY_PICKER, mode },
  });

  it('reads the price as typed, in cents, and lets this post’s buyers in', () => {
    expect(checkDraft(editor('4.50'), ID)).toEqual({
      ok: true,
      draft: {
        title: 'For sale',
        body: 'Body text',
        accessRule: { kind: 'purchased', itemId: ID },
        price: { currency: 'USD', minor: '450' },
      },
    });
    expect(checkDraft(editor(' 1000 '), ID)).toMatchObject({
      ok: true,
      draft: { price: { minor: '100000' } },
    });
    expect(checkDraft(editor('0.5', 'subscriberOrBuyer'), ID)).toMatchObject({
      ok: true,
      draft: {
        price: { minor: '50' },
        accessRule: { kind: 'any', rules: [{ kind: 'subscriber' }, { kind: 'purchased', itemId: ID }] },
      },
    });
  });

  it('has no price when the field is empty', () => {
    const result = checkDraft(editor('', 'follower'), ID);
    expect(result.ok && result.draft.price).toBeUndefined();
  });

  it('refuses a price that is not plain money, or out of range, under the price field', () => {
    for (const [typed, message] of [
      ['4,50', /^Price: /],
      ['4.505', /^Price: USD allows at most 2 decimals/],
      ['-5', /^Price: amount must not be negative/],
      ['1e3', /^Price: /],
      ['0.49', /^Price is at least \$0\.50\.$/],
      ['1000.01', /^Price is at most \$1000\.00\.$/],
    ] as const) {
      const result = checkDraft(editor(typed), ID);
      expect(result.ok, typed).toBe(false);
      expect(!result.ok && result.errors.price, typed).toMatch(message);
    }
  });

  it('asks a priced post to let its buyers in, and a post open to buyers for a price', () => {
    const priced = checkDraft(editor('5', 'subscriber'), ID);
    expect(!priced.ok && priced.errors).toEqual({
      access: expect.stringMatching(/^A post with a price must let its buyers in: choose “Buyers”/),
    });
    const unpriced = checkDraft(editor('', 'buyers'), ID);
    expect(!unpriced.ok && unpriced.errors).toEqual({
      price: expect.stringMatching(/^Buyers can open this post only once it has a price/),
    });
  });
});

describe('checking a draft’s media, schedule and expiry', () => {
  const MEDIA = '018f0000-0000-7000-8000-0000000000b1';
  const NOW = new Date('2026-12-20T12:00:00Z');
  const base = { title: 'Sunset', body: '', access: EMPTY_PICKER, timeZone: 'Europe/Paris' };

  it('takes a post with media and no text, its captions, and its times in the creator’s zone', () => {
    const result = checkDraft(
      {
        ...base,
        media: [{ mediaId: MEDIA, caption: ' On the pier ' }],
        publishAt: '2026-12-24T18:00',
        expiresAt: '2026-12-31T23:59',
      },
      undefined,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      draft: {
        title: 'Sunset',
        body: '',
        accessRule: { kind: 'public' },
        media: [{ mediaId: MEDIA, caption: 'On the pier' }],
        publishAt: '2026-12-24T17:00:00.000Z',
        expiresAt: '2026-12-31T22:59:00.000Z',
        timeZone: 'Europe/Paris',
      },
    });
  });

  it('leaves the times and the zone out when none is set', () => {
    const result = checkDraft({ ...base, body: 'Text', publishAt: '', expiresAt: '' }, undefined, NOW);
    expect(result).toEqual({
      ok: true,
      draft: { title: 'Sunset', body: 'Text', accessRule: { kind: 'public' } },
    });
  });

  it('asks for text or media when the post has neither', () => {
    const result = checkDraft({ ...base, media: [] }, undefined, NOW);
    expect(result).toEqual({
      ok: false,
      errors: { body: 'Write something, or add a photo, video or audio from your vault.' },
    });
  });

  it('wants the expiry after the publish time, and says which caption is too long', () => {
    const result = checkDraft(
      {
        ...base,
        media: [
          { mediaId: MEDIA, caption: 'fine' },
          { mediaId: '018f0000-0000-7000-8000-0000000000b2', caption: 'x'.repeat(501) },
        ],
        publishAt: '2026-12-24T18:00',
        expiresAt: '2026-12-24T17:00',
      },
      undefined,
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        expiresAt: 'Expires at: choose a time after the post goes out.',
        captions: { '018f0000-0000-7000-8000-0000000000b2': 'Caption is at most 500 characters.' },
      },
    });
  });

  it('refuses a half-typed time with its field named', () => {
    const result = checkDraft({ ...base, body: 'Text', publishAt: '2026-12-24' }, undefined, NOW);
    expect(result).toMatchObject({
      ok: false,
      errors: { publishAt: expect.stringMatching(/^Publish at: /) },
    });
  });
});

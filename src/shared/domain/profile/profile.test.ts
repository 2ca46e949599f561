import { describe, expect, it } from 'vitest';
import { initials, textColorOn } from './avatar';
import { bioParts } from './bio-text';
import { BIO_MAX, linkText, profileDraftSchema, type ProfileDraft } from './profile';

const draft = (change: Partial<ProfileDraft> = {}): ProfileDraft => ({
  displayName: 'Mara the Maker',
  bio: 'Ceramics, mostly.',
  links: [],
  accentColor: '#5B4BDB',
  ...change,
});
const messages = (input: unknown) =>
  profileDraftSchema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];

describe('the creator profile', () => {
  it('accepts a plain profile and stores the accent colour in lower case', () => {
    expect(profileDraftSchema.parse(draft()).accentColor).toBe('#5b4bdb');
  });

  it('keeps the bio plain text: line breaks yes, control characters and more than 1,000 characters no', () => {
    expect(profileDraftSchema.parse(draft({ bio: 'One\nTwo' })).bio).toBe('One\nTwo');
    expect(messages(draft({ bio: 'bell\u0007' }))).toEqual(['bio must not contain control characters']);
    expect(messages(draft({ bio: 'x'.repeat(BIO_MAX + 1) }))).toEqual([
      `bio is at most ${BIO_MAX} characters`,
    ]);
  });

  it('takes up to 5 links, each a full http or https address', () => {
    const link = { label: 'Shop', url: 'https://shop.example/mara' };
    expect(profileDraftSchema.parse(draft({ links: [link] })).links).toEqual([link]);
    expect(messages(draft({ links: Array.from({ length: 6 }, () => link) }))).toEqual(['at most 5 links']);
    for (const url of ['javascript:alert(1)', 'ftp://files.example', 'shop.example', 'https://']) {
      expect(messages(draft({ links: [{ label: '', url }] })), url).toEqual([
        'a link must be a full http:// or https:// address',
      ]);
    }
  });

  it('needs a display name and a hex accent colour', () => {
    expect(messages(draft({ displayName: '  ' }))).toEqual(['enter the name people will see']);
    expect(messages(draft({ accentColor: 'purple' }))).toEqual([
      'the accent colour is a hex colour like #5b4bdb',
    ]);
  });

  it("shows a link's label, or its host when it has none", () => {
    expect(linkText({ label: 'Shop', url: 'https://shop.example' })).toBe('Shop');
    expect(linkText({ label: '', url: 'https://www.instagram.example/mara' })).toBe('instagram.example');
  });
});

describe('links in a bio', () => {
  it('cuts out http(s) addresses, leaving trailing punctuation as text', () => {
    expect(bioParts('Shop: https://shop.example/mara. Or http://b.example!')).toEqual([
      { kind: 'text', text: 'Shop: ' },
      { kind: 'link', href: 'https://shop.example/mara' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', href: 'http://b.example' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('never makes a link of anything but http(s), and keeps markup as text', () => {
    expect(bioParts('javascript:alert(1) <b>hi</b>')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) <b>hi</b>' },
    ]);
    expect(bioParts('')).toEqual([]);
  });
});

describe('the placeholder avatar', () => {
  it('shows the first and last initials', () => {
    expect(initials('Mara the Maker')).toBe('MM');
    expect(initials('  lea ')).toBe('L');
    expect(initials('')).toBe('?');
  });

  it('picks the text colour that reads better on the accent', () => {
    expect(textColorOn('#5b4bdb')).toBe('#ffffff');
    expect(textColorOn('#ffe066')).toBe('#111111');
    expect(textColorOn('#000000')).toBe('#ffffff');
  });
});

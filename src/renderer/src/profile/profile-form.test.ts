import { describe, expect, it } from 'vitest';
import { checkProfileForm, type ProfileForm } from './profile-form';

const form = (change: Partial<ProfileForm> = {}): ProfileForm => ({
  displayName: 'Mara',
  bio: 'Ceramics.',
  links: [],
  accentColor: '#336699',
  ...change,
});

describe('the profile form', () => {
  it('gives a valid draft, dropping link rows left empty', () => {
    const checked = checkProfileForm(
      form({
        links: [
          { label: '', url: '' },
          { label: 'Shop', url: 'https://shop.example' },
        ],
      }),
    );
    expect(checked).toEqual({
      ok: true,
      draft: { ...form(), links: [{ label: 'Shop', url: 'https://shop.example' }] },
    });
  });

  it('puts each message on its field, and a bad link on its own row', () => {
    const checked = checkProfileForm(
      form({
        displayName: ' ',
        accentColor: 'blue',
        links: [
          { label: '', url: '' },
          { label: 'Bad', url: 'javascript:alert(1)' },
        ],
      }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        displayName: 'Enter the name people will see.',
        accentColor: 'The accent colour is a hex colour like #5b4bdb.',
        links: { 1: 'A link must be a full http:// or https:// address.' },
      },
    });
  });

  it('says so when there are more than 5 links', () => {
    const link = { label: 'x', url: 'https://x.example' };
    const checked = checkProfileForm(form({ links: Array.from({ length: 6 }, () => ({ ...link })) }));
    expect(checked).toMatchObject({ ok: false, errors: { list: 'At most 5 links.' } });
  });
});

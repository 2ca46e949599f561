import { describe, expect, it } from 'vitest';
import {
  asSentence,
  checkNewPassword,
  checkPasswordResetRequest,
  checkSignIn,
  checkSignUp,
  type FormCheck,
  type SignUpForm,
} from './validation';

const fan: SignUpForm = {
  displayName: 'Lea',
  email: 'lea@example.com',
  password: 'correct horse',
  isCreator: false,
  handle: '',
};

const errorsOf = (result: FormCheck<unknown, string>): Record<string, string | undefined> =>
  result.ok ? {} : result.errors;

describe('checkSignIn', () => {
  it('sends the email without surrounding spaces and the password as typed', () => {
    expect(checkSignIn({ email: ' lea@example.com ', password: ' x ' })).toEqual({
      ok: true,
      input: { email: 'lea@example.com', password: ' x ' },
    });
  });

  it('asks for a valid email and a password, one sentence per field', () => {
    const errors = errorsOf(checkSignIn({ email: 'lea@', password: '' }));
    expect(errors).toEqual({
      email: 'Enter a valid email address, like name@example.com.',
      password: 'Enter your password.',
    });
  });

  it('asks for an email when there is none', () => {
    expect(errorsOf(checkSignIn({ email: '  ', password: 'x' })).email).toBe('Enter your email address.');
  });
});

describe('checkSignUp', () => {
  it('signs a fan up without a handle, whatever the hidden handle field holds', () => {
    expect(checkSignUp({ ...fan, email: ' lea@example.com ', handle: 'no spaces allowed' })).toEqual({
      ok: true,
      input: { email: 'lea@example.com', password: 'correct horse', displayName: 'Lea', role: 'fan' },
    });
  });

  it('signs a creator up with the handle in lower case, without @', () => {
    const result = checkSignUp({ ...fan, isCreator: true, handle: ' @Lea_Draws ' });
    expect(result).toMatchObject({ ok: true, input: { role: 'creator', handle: 'lea_draws' } });
  });

  it('keeps the password exactly as typed', () => {
    expect(checkSignUp({ ...fan, password: '  spaced out  ' })).toMatchObject({
      input: { password: '  spaced out  ' },
    });
  });

  it('refuses passwords shorter than 10 or longer than 200 characters, as the server does', () => {
    expect(errorsOf(checkSignUp({ ...fan, password: '123456789' })).password).toBe(
      'Use at least 10 characters.',
    );
    expect(errorsOf(checkSignUp({ ...fan, password: '1234567890' })).password).toBeUndefined();
    expect(errorsOf(checkSignUp({ ...fan, password: 'x'.repeat(201) })).password).toBe(
      'Use at most 200 characters.',
    );
  });

  it('needs a one-line display name of at most 80 characters', () => {
    expect(errorsOf(checkSignUp({ ...fan, displayName: '   ' })).displayName).toBe(
      'Enter the name people will see.',
    );
    expect(errorsOf(checkSignUp({ ...fan, displayName: 'x'.repeat(81) })).displayName).toMatch(/80/);
    expect(errorsOf(checkSignUp({ ...fan, displayName: 'Le\na' })).displayName).toMatch(/control/);
  });

  it('refuses malformed emails', () => {
    for (const email of ['', 'lea', 'lea@example', 'lea example@x.com', '@example.com']) {
      expect(errorsOf(checkSignUp({ ...fan, email })).email, email).toBeDefined();
    }
  });

  it('needs a creator handle of 3 to 30 letters, digits or underscores', () => {
    const creator = { ...fan, isCreator: true };
    expect(errorsOf(checkSignUp({ ...creator, handle: '  ' })).handle).toBe(
      'Choose a handle for your page address.',
    );
    for (const handle of ['ab', 'lea-draws', 'x'.repeat(31)]) {
      expect(errorsOf(checkSignUp({ ...creator, handle })).handle, handle).toBe(
        'Use 3 to 30 letters, digits or underscores (a-z, 0-9, _).',
      );
    }
  });

  it('shows every field that needs fixing at once', () => {
    const errors = errorsOf(
      checkSignUp({ displayName: '', email: '', password: '', isCreator: true, handle: '' }),
    );
    expect(Object.keys(errors).sort()).toEqual(['displayName', 'email', 'handle', 'password']);
  });
});

describe('checkPasswordResetRequest', () => {
  it('sends the email without surrounding spaces', () => {
    expect(checkPasswordResetRequest({ email: ' lea@example.com ' })).toEqual({
      ok: true,
      input: { email: 'lea@example.com' },
    });
  });

  it('asks for a valid email, as sign-in does', () => {
    expect(errorsOf(checkPasswordResetRequest({ email: '' })).email).toBe('Enter your email address.');
    expect(errorsOf(checkPasswordResetRequest({ email: 'lea@' })).email).toBe(
      'Enter a valid email address, like name@example.com.',
    );
  });
});

describe('checkNewPassword', () => {
  const token = '0190a5c2-7c1e-7000-8000-000000000000.abc';

  it('sends the token and the new password exactly as typed', () => {
    expect(checkNewPassword(token, { password: ' new password ', confirm: ' new password ' })).toEqual({
      ok: true,
      input: { token, password: ' new password ' },
    });
  });

  it("holds a new password to sign-up's rules", () => {
    const short = checkNewPassword(token, { password: '123456789', confirm: '123456789' });
    expect(errorsOf(short).password).toBe('Use at least 10 characters.');
    expect(errorsOf(short).password).toBe(errorsOf(checkSignUp({ ...fan, password: '123456789' })).password);
    const long = 'x'.repeat(201);
    expect(errorsOf(checkNewPassword(token, { password: long, confirm: long })).password).toBe(
      'Use at most 200 characters.',
    );
  });

  it('needs the same password typed twice', () => {
    expect(errorsOf(checkNewPassword(token, { password: 'new password', confirm: '' }))).toEqual({
      confirm: 'Type the new password again.',
    });
    expect(errorsOf(checkNewPassword(token, { password: 'new password', confirm: 'new passwort' }))).toEqual({
      confirm: 'The two passwords differ; type the same one twice.',
    });
  });

  it('shows both fields that need fixing at once', () => {
    const errors = errorsOf(checkNewPassword(token, { password: 'short', confirm: 'other' }));
    expect(Object.keys(errors).sort()).toEqual(['confirm', 'password']);
  });
});

describe('asSentence', () => {
  it('capitalises and ends with a full stop, once', () => {
    expect(asSentence('use at least 10 characters')).toBe('Use at least 10 characters.');
    expect(asSentence('Already a sentence.')).toBe('Already a sentence.');
    expect(asSentence('')).toBe('');
  });
});

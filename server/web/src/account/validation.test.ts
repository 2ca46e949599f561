import { describe, expect, it } from 'vitest';
import { checkSignIn, checkSignUp, hasErrors, signUpInputOf, type SignUpForm } from './validation';

const fan: SignUpForm = {
  displayName: 'Lea',
  email: 'lea@example.com',
  password: 'correct horse',
  isCreator: false,
  handle: '',
};

describe('checkSignIn', () => {
  it('accepts an email and a password', () => {
    expect(checkSignIn({ email: ' lea@example.com ', password: 'x' })).toEqual({});
  });

  it('asks for a valid email and a password', () => {
    const errors = checkSignIn({ email: 'lea@', password: '' });
    expect(errors.email).toMatch(/valid email/);
    expect(errors.password).toMatch(/password/);
  });
});

describe('checkSignUp', () => {
  it('accepts a fan without a handle', () => {
    expect(hasErrors(checkSignUp(fan))).toBe(false);
  });

  it('refuses passwords shorter than 10 characters, as the server does', () => {
    expect(checkSignUp({ ...fan, password: '123456789' }).password).toMatch(/at least 10/);
    expect(checkSignUp({ ...fan, password: '1234567890' }).password).toBeUndefined();
    expect(checkSignUp({ ...fan, password: 'x'.repeat(201) }).password).toMatch(/at most 200/);
  });

  it('needs a display name of at most 80 characters', () => {
    expect(checkSignUp({ ...fan, displayName: '   ' }).displayName).toBeDefined();
    expect(checkSignUp({ ...fan, displayName: 'x'.repeat(81) }).displayName).toMatch(/80/);
  });

  it('refuses malformed emails', () => {
    for (const email of ['', 'lea', 'lea@example', 'lea example@x.com', '@example.com']) {
      expect(checkSignUp({ ...fan, email }).email, email).toBeDefined();
    }
  });

  it('needs a creator handle of 3 to 30 letters, digits or underscores', () => {
    const creator = { ...fan, isCreator: true };
    expect(checkSignUp({ ...creator, handle: '' }).handle).toBeDefined();
    expect(checkSignUp({ ...creator, handle: 'ab' }).handle).toBeDefined();
    expect(checkSignUp({ ...creator, handle: 'lea-draws' }).handle).toBeDefined();
    expect(checkSignUp({ ...creator, handle: 'x'.repeat(31) }).handle).toBeDefined();
    expect(checkSignUp({ ...creator, handle: '@Lea_Draws' }).handle).toBeUndefined();
  });

  it('ignores the handle field of a fan', () => {
    expect(checkSignUp({ ...fan, handle: 'no spaces allowed' }).handle).toBeUndefined();
  });
});

describe('signUpInputOf', () => {
  it('signs a fan up without a handle', () => {
    expect(signUpInputOf({ ...fan, email: ' lea@example.com ', handle: 'ignored' })).toEqual({
      email: 'lea@example.com',
      password: 'correct horse',
      displayName: 'Lea',
      role: 'fan',
    });
  });

  it('signs a creator up with the handle in lower case', () => {
    expect(signUpInputOf({ ...fan, isCreator: true, handle: ' @Lea_Draws ' })).toMatchObject({
      role: 'creator',
      handle: 'lea_draws',
    });
  });

  it('keeps the password exactly as typed', () => {
    expect(signUpInputOf({ ...fan, password: '  spaced out  ' }).password).toBe('  spaced out  ');
  });
});

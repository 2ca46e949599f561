import { describe, expect, it } from 'vitest';
import { signUpInputSchema } from './accounts/account-fields';
import { asSentence, describeIssues, issuesByField } from './input-issues';
import { postDraftSchema } from './posts/post';

const issuesOf = (input: unknown) => signUpInputSchema.safeParse(input).error?.issues ?? [];

describe('input issues in words', () => {
  it('names the field of each issue, and `input` for the whole', () => {
    const issues = issuesOf({ email: 'nope', password: 'short', role: 'fan', displayName: 'Lea' });
    expect(describeIssues(issues)).toBe(
      'email: enter a valid email address, like name@example.com; password: use at least 10 characters',
    );
    expect(describeIssues([{ path: [], message: 'expected an object' }])).toBe('input: expected an object');
    expect(describeIssues([{ path: ['draft', 'links', 0, 'url'], message: 'bad' }])).toBe(
      'draft.links.0.url: bad',
    );
  });

  it('gives each form field its first message', () => {
    const issues = issuesOf({ email: '', password: '', role: 'creator', displayName: ' ' });
    expect(issuesByField(issues)).toEqual({
      email: 'Enter your email address.',
      password: 'Use at least 10 characters.',
      displayName: 'Enter the name people will see.',
      handle: 'Choose a handle for your page address.',
    });
  });

  it('reads as one sentence under its field, naming the field once', () => {
    const issues = postDraftSchema.safeParse({
      title: 'x'.repeat(201),
      body: ' ',
      accessRule: { kind: 'public' },
    }).error!.issues;
    expect(issuesByField(issues)).toEqual({
      title: 'Title is at most 200 characters.',
      body: 'Body must not be empty.',
    });
    expect(asSentence('Already a sentence.')).toBe('Already a sentence.');
    expect(asSentence('')).toBe('');
  });
});

describe('sign-up rules', () => {
  it('normalises a handle typed with @ and capitals', () => {
    const parsed = signUpInputSchema.parse({
      email: ' Mara@Example.com ',
      password: 'long enough password',
      role: 'creator',
      handle: ' @Mara_Makes ',
      displayName: ' Mara ',
    });
    expect(parsed).toMatchObject({ email: 'Mara@Example.com', handle: 'mara_makes', displayName: 'Mara' });
  });

  it('refuses control characters in a display name', () => {
    const issues = issuesOf({
      email: 'a@b.test',
      password: 'long enough password',
      role: 'fan',
      displayName: 'a\u0000',
    });
    expect(describeIssues(issues)).toBe('displayName: display name must not contain control characters');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostChange } from '@shared/domain/posts/post-sync';
import type { AcceptedResult } from '@shared/domain/sync/protocol';
import { draft } from '../test/drafts';
import { confirmedVersion } from './post-versions';

type StatusChange = Extract<PostChange, { type: 'publish' | 'unpublish' | 'delete' }>;

/**
 * One status change as the server lived it: the creator's copy was based on server version `before`, then
 * `others` changes by someone else landed, then the creator's change, which was applied (a new version) or a
 * no-op (the post already had that status).
 */
interface Scenario {
  readonly change: StatusChange;
  readonly before: number;
  readonly others: number;
  readonly applied: boolean;
  readonly status: AcceptedResult['status'];
}

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  change: fc.constantFrom<StatusChange>({ type: 'publish' }, { type: 'unpublish' }, { type: 'delete' }),
  before: fc.integer({ min: 1, max: 1_000 }),
  others: fc.integer({ min: 0, max: 5 }),
  applied: fc.boolean(),
  // A retry answered from the server's stored answer says `duplicate`, with the same seq and version.
  status: fc.constantFrom<AcceptedResult['status']>('applied', 'duplicate'),
});

/** The server's answer in that scenario. */
function answer(s: Scenario): AcceptedResult {
  const serverBefore = s.before + s.others;
  return {
    id: 'mutation',
    status: s.status,
    seq: s.applied ? 100 + serverBefore : null,
    version: serverBefore + (s.applied ? 1 : 0),
  };
}

const confirmed = (s: Scenario) => confirmedVersion(s.change, answer(s), s.before);
/** What the creator's copy would be if no one else had touched the post. */
const ownVersion = (s: Scenario) => s.before + (s.applied ? 1 : 0);

describe('the version a post is confirmed at once the server accepted a change', () => {
  it('is the version the server answered for a create or an update, whose version is certain', () => {
    const changes = fc.constantFrom<PostChange>(
      { type: 'create', draft: draft('New') },
      { type: 'update', baseVersion: 3, draft: draft('Edited') },
    );
    fc.assert(
      fc.property(
        changes,
        fc.integer({ min: 1, max: 1_000 }),
        fc.option(fc.nat(1_000)),
        (change, v, before) => {
          expect(confirmedVersion(change, { id: 'm', status: 'applied', seq: 7, version: v }, before)).toBe(
            v,
          );
        },
      ),
    );
  });

  it('is the server version when nothing but the creator’s own change happened since the base', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        fc.pre(s.others === 0);
        expect(confirmed(s)).toBe(answer(s).version);
        expect(confirmed(s)).toBe(ownVersion(s));
      }),
    );
  });

  it('keeps an older base when someone else changed the post in between, so the next edit meets a conflict', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        fc.pre(s.others > 0 && !(s.others === 1 && !s.applied));
        expect(confirmed(s)).toBe(ownVersion(s));
        expect(confirmed(s)).toBeLessThan(answer(s).version);
      }),
    );
  });

  it('takes the server version for a no-op right after one other change: that change was the same status change', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        fc.pre(s.others === 1 && !s.applied);
        expect(confirmed(s)).toBe(answer(s).version);
      }),
    );
  });

  it('is never ahead of the server, and never behind the base it had', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        expect(confirmed(s)).toBeLessThanOrEqual(answer(s).version);
        expect(confirmed(s)).toBeGreaterThanOrEqual(s.before);
      }),
    );
  });

  // [what happened, the change, the base before, the server's answer (seq, version), the version confirmed]
  const applied = (seq: number | null, version: number): AcceptedResult => ({
    id: 'm',
    status: 'applied',
    seq,
    version,
  });
  it.each<[string, StatusChange, number, AcceptedResult, number]>([
    ['publish applied on the base', { type: 'publish' }, 3, applied(9, 4), 4],
    ['publish that was a no-op on the base', { type: 'publish' }, 3, applied(null, 3), 3],
    ['publish applied after an edit from elsewhere', { type: 'publish' }, 3, applied(9, 5), 4],
    ['unpublish no-op after someone else unpublished', { type: 'unpublish' }, 3, applied(null, 4), 4],
    ['unpublish no-op after two other changes', { type: 'unpublish' }, 3, applied(null, 5), 3],
    ['delete applied on the base', { type: 'delete' }, 3, applied(9, 4), 4],
    [
      'publish retried, answered as a duplicate',
      { type: 'publish' },
      3,
      { id: 'm', status: 'duplicate', seq: 9, version: 4 },
      4,
    ],
  ])('%s', (_name, change, before, result, expected) => {
    expect(confirmedVersion(change, result, before)).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostChange } from '@shared/domain/posts/post-sync';
import type { Mutation } from '@shared/domain/sync/protocol';
import { answerSetsBase } from '../posts/post-versions';
import { entityKey } from './outbox';
import { sendableBatch, type BaseDependency } from './sendable-batch';

/**
 * A test kind whose mutations say themselves whether their answer sets a base and whether they use one, so the
 * properties cover every combination; `plain` declares no hooks, like a kind that never waits on an answer.
 */
interface Flags {
  readonly setsBase: boolean;
  readonly usesBase: boolean;
}
const flagged: BaseDependency = {
  answerSetsBase: (m) => (m.change as Flags).setsBase,
  usesBase: (m) => (m.change as Flags).usesBase,
};
const kindOf = (entity: string): BaseDependency | undefined =>
  entity === 'flagged' ? flagged : entity === 'plain' ? {} : undefined;
const setsBase = (m: Mutation) => kindOf(m.entity)?.answerSetsBase?.(m) ?? false;
const usesBase = (m: Mutation) => kindOf(m.entity)?.usesBase?.(m) ?? false;

const outboxes: fc.Arbitrary<Mutation[]> = fc
  .array(
    fc.record({
      entity: fc.constantFrom('flagged', 'plain', 'unknown'),
      entityId: fc.constantFrom('a', 'b', 'c'),
      change: fc.record({ setsBase: fc.boolean(), usesBase: fc.boolean() }),
    }),
    { maxLength: 30 },
  )
  .map((entries) => entries.map((entry, i) => ({ id: `m${i}`, ...entry })));

/** Whether `mutations[i]` uses a base that the answer to an earlier mutation of its entity in the list sets. */
function waitsOnAnswer(mutations: readonly Mutation[], i: number): boolean {
  const m = mutations[i]!;
  const key = entityKey(m.entity, m.entityId);
  return (
    usesBase(m) && mutations.slice(0, i).some((e) => entityKey(e.entity, e.entityId) === key && setsBase(e))
  );
}

describe('the batch the engine sends next', () => {
  it('is the outbox in order from its start: a prefix, never reordered or skipping a mutation', () => {
    fc.assert(
      fc.property(outboxes, (outbox) => {
        const batch = sendableBatch(outbox, kindOf);
        expect(batch).toEqual(outbox.slice(0, batch.length));
      }),
    );
  });

  it('always holds at least the oldest mutation, so the outbox always drains', () => {
    fc.assert(
      fc.property(outboxes, (outbox) => {
        expect(sendableBatch(outbox, kindOf).length > 0).toBe(outbox.length > 0);
        // Sending batch after batch sends every mutation once, in order.
        const sent: Mutation[] = [];
        let rest = outbox;
        while (rest.length > 0) {
          const batch = sendableBatch(rest, kindOf);
          expect(batch.length).toBeGreaterThan(0);
          sent.push(...batch);
          rest = rest.slice(batch.length);
        }
        expect(sent).toEqual(outbox);
      }),
    );
  });

  it('never holds a mutation using a base after one of the same entity whose answer sets it', () => {
    fc.assert(
      fc.property(outboxes, (outbox) => {
        const batch = sendableBatch(outbox, kindOf);
        for (let i = 0; i < batch.length; i++) expect(waitsOnAnswer(batch, i)).toBe(false);
      }),
    );
  });

  it('ends only where it must: right before the first mutation that waits on an answer in the batch', () => {
    fc.assert(
      fc.property(outboxes, (outbox) => {
        const firstWaiting = outbox.findIndex((_, i) => waitsOnAnswer(outbox, i));
        expect(sendableBatch(outbox, kindOf)).toHaveLength(
          firstWaiting === -1 ? outbox.length : firstWaiting,
        );
      }),
    );
  });

  it('is never ended by kinds without the hooks, or by other entities', () => {
    fc.assert(
      fc.property(outboxes, (outbox) => {
        const others = outbox.map((m) => ({ ...m, entity: m.entity === 'flagged' ? 'plain' : m.entity }));
        expect(sendableBatch(others, kindOf)).toEqual(others);
        const oneEach = outbox.map((m, i) => ({ ...m, entityId: `post-${i}` }));
        expect(sendableBatch(oneEach, kindOf)).toEqual(oneEach);
      }),
    );
  });

  // The posts kind's real rule: an update waits for the answer to a publish, unpublish or delete of its post
  // (which may be a no-op, so the update's base is known only then); creates and updates never end a batch.
  const postKind: BaseDependency = {
    answerSetsBase: (m) => answerSetsBase(m.change as PostChange),
    usesBase: (m) => (m.change as PostChange).type === 'update',
  };
  const post = (postId: string, type: PostChange['type']): Mutation =>
    ({ id: `${postId}-${type}`, entity: 'post', entityId: postId, change: { type } }) as Mutation;
  it.each<[string, Mutation[], number]>([
    [
      'create, update, publish: all at once',
      [post('a', 'create'), post('a', 'update'), post('a', 'publish')],
      3,
    ],
    [
      'publish then update of the same post: the update waits',
      [post('a', 'publish'), post('a', 'update')],
      1,
    ],
    ['unpublish then update: the update waits', [post('a', 'unpublish'), post('a', 'update')], 1],
    ['publish of one post, update of another: both go', [post('a', 'publish'), post('b', 'update')], 2],
    [
      'the batch ends at the waiting update, even if later ones would not wait',
      [post('a', 'publish'), post('b', 'update'), post('a', 'update'), post('b', 'update')],
      2,
    ],
    [
      'publish then unpublish: neither uses a base, both go',
      [post('a', 'publish'), post('a', 'unpublish')],
      2,
    ],
  ])('posts: %s', (_name, outbox, length) => {
    expect(sendableBatch(outbox, () => postKind)).toEqual(outbox.slice(0, length));
  });
});

import { describe, expect, it } from 'vitest';
import { batched, isolatingFailures } from './batched';

/** A batch function that records each batch and finishes only when told to. */
function recordingBatches() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve) => finish.push(() => resolve(items.map((n) => n * 10))));
  };
  return { batches, finish, run };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('batched', () => {
  it('serves calls made in one turn with one batch, each caller getting its own answer', async () => {
    const { batches, finish, run } = recordingBatches();
    const call = batched(run, { inFlight: 1 });
    const answers = Promise.all([call(1), call(2), call(3)]);
    await turn();
    expect(batches).toEqual([[1, 2, 3]]);
    finish[0]!();
    expect(await answers).toEqual([10, 20, 30]);
  });

  it('a lone call starts at once; calls arriving while the batches in flight run go together next', async () => {
    const { batches, finish, run } = recordingBatches();
    const call = batched(run, { inFlight: 2 });
    const first = call(1);
    await turn();
    const second = call(2);
    await turn();
    expect(batches).toEqual([[1], [2]]); // two in flight: neither waited for the other
    const later = [call(3), call(4), call(5)];
    await turn();
    await turn();
    expect(batches).toHaveLength(2); // both slots busy: 3, 4, 5 wait
    finish[0]!();
    expect(await first).toBe(10);
    await turn();
    expect(batches[2]).toEqual([3, 4, 5]);
    finish[1]!();
    finish[2]!();
    expect(await second).toBe(20);
    expect(await Promise.all(later)).toEqual([30, 40, 50]);
  });

  it('a batch that throws fails each of its calls, and the next batch still runs', async () => {
    let fail = true;
    const call = batched(
      async (items: readonly number[]) => {
        if (fail) throw new Error('database unreachable');
        return items;
      },
      { inFlight: 1 },
    );
    const failed = await Promise.allSettled([call(1), call(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await call(3)).toBe(3);
  });

  it('an Error answered for one item fails that call only', async () => {
    const call = batched(
      async (items: readonly number[]) => items.map((n) => (n === 2 ? new Error(`no ${n}`) : n)),
      { inFlight: 1 },
    );
    const results = await Promise.allSettled([call(1), call(2), call(3)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      1,
      'no 2',
      3,
    ]);
  });
});

describe('isolatingFailures', () => {
  it('writes the batch at once when it succeeds', async () => {
    const writes: number[][] = [];
    const write = isolatingFailures(async (items: readonly number[]) => {
      writes.push([...items]);
      return items.map((n) => n + 1);
    });
    expect(await write([1, 2, 3])).toEqual([2, 3, 4]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it("retries each item alone when the batch fails, so one item's failure is its own", async () => {
    const writes: number[][] = [];
    const write = isolatingFailures(async (items: readonly number[]) => {
      writes.push([...items]);
      if (items.includes(2)) throw new Error('constraint violated by 2');
      return items.map((n) => n + 1);
    });
    const results = await write([1, 2, 3]);
    expect(results[0]).toBe(2);
    expect((results[1] as Error).message).toBe('constraint violated by 2');
    expect(results[2]).toBe(4);
    expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});

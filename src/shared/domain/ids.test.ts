import { describe, expect, it } from 'vitest';
import { newId } from './ids';

/** The millisecond a UUIDv7 was made at: its first 48 bits. */
const madeAt = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('ids', () => {
  it('makes version 7, RFC 9562 variant ids, in lowercase', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts ids in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Make sure the run really covered ids sharing a millisecond, the case the sequence counter exists for.
    const perMs = new Map<number, number>();
    for (const id of ids) perMs.set(madeAt(id), (perMs.get(madeAt(id)) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeGreaterThan(1);
  });

  it('carries the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    // The counter may push an id at most a few ms ahead when many are made in one millisecond.
    expect(madeAt(id)).toBeGreaterThanOrEqual(before);
    expect(madeAt(id)).toBeLessThanOrEqual(after + 5);
  });
});

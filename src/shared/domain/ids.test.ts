import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { idTimestamp, isUuidV7, newId } from './ids';

describe('ids', () => {
  it('makes version 7, RFC 9562 variant ids', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(isUuidV7(id)).toBe(true);
  });

  it('sorts ids in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Make sure the run really covered ids sharing a millisecond, the case the sequence counter exists for.
    const perMs = new Map<number, number>();
    for (const id of ids)
      perMs.set(idTimestamp(id).getTime(), (perMs.get(idTimestamp(id).getTime()) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeGreaterThan(1);
  });

  it('reads back the time an id was made', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const at = idTimestamp(id).getTime();
    // The counter may push an id at most a few ms ahead when many are made in one millisecond.
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after + 5);
    expect(idTimestamp('0192d3a8-7b2c-7abc-8def-0123456789ab').toISOString()).toBe(
      '2024-10-28T15:04:47.148Z',
    );
  });

  it('recognises only UUIDv7', () => {
    expect(isUuidV7('0192d3a8-7b2c-7abc-8def-0123456789ab')).toBe(true);
    expect(isUuidV7('0192D3A8-7B2C-7ABC-8DEF-0123456789AB')).toBe(true);
    expect(isUuidV7('0192d3a8-7b2c-4abc-8def-0123456789ab')).toBe(false); // v4
    expect(isUuidV7('0192d3a8-7b2c-7abc-cdef-0123456789ab')).toBe(false); // wrong variant
    expect(isUuidV7('0192d3a87b2c7abc8def0123456789ab')).toBe(false);
    expect(isUuidV7('')).toBe(false);
    expect(isUuidV7(42)).toBe(false);
    expect(() => idTimestamp('not-an-id')).toThrow(ValidationError);
  });
});

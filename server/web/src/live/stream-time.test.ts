import { describe, expect, it } from 'vitest';
import { formatCount, formatStreamTime, startsIn, viewersLabel } from './stream-time';

describe('formatStreamTime', () => {
  const iso = '2026-12-04T17:00:00Z';
  it("says the start in the fan's own zone, naming the zone", () => {
    const paris = formatStreamTime(iso, 'en-GB', 'Europe/Paris');
    expect(paris).toContain('Friday');
    expect(paris).toContain('4 December');
    expect(paris).toContain('18:00');
    expect(paris).toMatch(/CET|GMT\+1/);
    const newYork = formatStreamTime(iso, 'en-US', 'America/New_York');
    expect(newYork).toContain('12:00');
    expect(newYork).toContain('EST');
  });

  it('moves the day when the zone does', () => {
    expect(formatStreamTime('2026-12-04T23:30:00Z', 'en-GB', 'Asia/Tokyo')).toContain('Saturday');
  });

  it('follows summer time in the zone', () => {
    expect(formatStreamTime('2026-07-04T17:00:00Z', 'en-GB', 'Europe/Paris')).toContain('19:00');
  });

  it('says nothing for a date it cannot read', () => {
    expect(formatStreamTime('soon', 'en-GB', 'UTC')).toBe('');
  });
});

describe('startsIn', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  it('counts minutes, then hours, then days', () => {
    expect(startsIn('2026-12-03T12:25:00Z', now, 'en')).toBe('in 25 minutes');
    expect(startsIn('2026-12-03T15:00:00Z', now, 'en')).toBe('in 3 hours');
    expect(startsIn('2026-12-05T12:00:00Z', now, 'en')).toBe('in 2 days');
  });

  it('says any moment now once the time has come', () => {
    expect(startsIn('2026-12-03T11:00:00Z', now, 'en')).toBe('any moment now');
  });
});

describe('formatCount', () => {
  it('writes small counts in full and large ones short', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(12_345)).toBe('12.3K');
    expect(formatCount(1_200_000)).toBe('1.2M');
  });

  it('never writes a negative or a fraction', () => {
    expect(formatCount(-4)).toBe('0');
    expect(formatCount(2.7)).toBe('2');
  });

  it('says how many are watching', () => {
    expect(viewersLabel(1)).toBe('1 watching');
    expect(viewersLabel(1500)).toBe('1,500 watching');
  });
});

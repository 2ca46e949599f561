import { describe, expect, it } from 'vitest';
import { lightboxCounter, lightboxTitle, stepForKey, stepPhoto } from './lightbox';

const key = (name: string, modifiers: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({
  key: name,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('stepPhoto', () => {
  it('goes to the next and the previous photo', () => {
    expect(stepPhoto(1, 1, 5)).toBe(2);
    expect(stepPhoto(3, -1, 5)).toBe(2);
  });

  it('goes round from the last photo to the first and back', () => {
    expect(stepPhoto(4, 1, 5)).toBe(0);
    expect(stepPhoto(0, -1, 5)).toBe(4);
  });

  it('stays on a lone photo', () => {
    expect(stepPhoto(0, 1, 1)).toBe(0);
    expect(stepPhoto(0, -1, 1)).toBe(0);
  });

  it('never leaves the range, whatever the step', () => {
    for (let index = 0; index < 3; index++) {
      for (const step of [-7, -3, -1, 0, 1, 3, 7]) {
        const next = stepPhoto(index, step, 3);
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThan(3);
      }
    }
    expect(stepPhoto(0, 1, 0)).toBe(0);
  });
});

describe('stepForKey', () => {
  it('goes back with ← and forth with →', () => {
    expect(stepForKey(key('ArrowLeft'))).toBe(-1);
    expect(stepForKey(key('ArrowRight'))).toBe(1);
  });

  it("leaves other keys, and arrows with a modifier (the browser's back and forward), alone", () => {
    expect(stepForKey(key('Escape'))).toBeNull();
    expect(stepForKey(key('ArrowUp'))).toBeNull();
    expect(stepForKey(key('ArrowLeft', { altKey: true }))).toBeNull();
    expect(stepForKey(key('ArrowRight', { metaKey: true }))).toBeNull();
    expect(stepForKey(key('ArrowRight', { ctrlKey: true }))).toBeNull();
  });
});

describe('lightbox words', () => {
  it('counts from one', () => {
    expect(lightboxTitle(1, 5)).toBe('Photo 2 of 5');
    expect(lightboxCounter(1, 5)).toBe('2 of 5');
  });
});

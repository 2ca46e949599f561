import { describe, expect, it } from 'vitest';
import { isPlainLeftClick, type LinkClick } from './link-click';

const plain: LinkClick = {
  button: 0,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  defaultPrevented: false,
};

describe('isPlainLeftClick', () => {
  it('lets the app follow an ordinary click', () => {
    expect(isPlainLeftClick(plain)).toBe(true);
  });

  it('leaves new-tab, new-window and middle clicks to the browser', () => {
    expect(isPlainLeftClick({ ...plain, metaKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...plain, ctrlKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...plain, shiftKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...plain, altKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...plain, button: 1 })).toBe(false);
  });

  it('does nothing when another handler already took the click', () => {
    expect(isPlainLeftClick({ ...plain, defaultPrevented: true })).toBe(false);
  });
});

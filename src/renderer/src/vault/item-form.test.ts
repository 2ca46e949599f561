import { describe, expect, it } from 'vitest';
import { checkItemForm, itemForm, tagsFromText } from './item-form';

describe('the vault item form', () => {
  it('reads tags separated by commas as the vault stores them, once each', () => {
    expect(tagsFromText(' Beach, #summer ,, beach,  Golden   hour ')).toEqual([
      'beach',
      'summer',
      'golden hour',
    ]);
    expect(tagsFromText('')).toEqual([]);
  });

  it('shows an item’s tags the way they are typed', () => {
    expect(itemForm({ title: 'Clip', tags: ['beach', 'summer'], notes: '' }).tags).toBe('beach, summer');
  });

  it('asks for a title, and sends the change trimmed', () => {
    expect(checkItemForm({ title: '   ', tags: '', notes: '' })).toEqual({
      ok: false,
      errors: { title: 'Give it a title: it is how you find it again.' },
    });
    expect(checkItemForm({ title: ' Sunset ', tags: 'a, b', notes: 'shot on the pier' })).toEqual({
      ok: true,
      change: { title: 'Sunset', tags: ['a', 'b'], notes: 'shot on the pier' },
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertInOrder } from '../../lib/dom/order';

describe('insertInOrder', () => {
  it('gives the same order as sorting everything, with far fewer comparisons', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 20 }), (raw, added) => {
        const existing = [...raw].sort((a, b) => a - b);
        let comparisons = 0;
        const result = insertInOrder(existing, added, (a, b) => (comparisons++, a < b));
        expect(result).toEqual([...existing, ...added].sort((a, b) => a - b));
        // About log2(n) per added item, never a pass over all of them.
        const total = existing.length + added.length;
        expect(comparisons).toBeLessThanOrEqual(added.length * (Math.ceil(Math.log2(total + 1)) + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('puts an item after the existing ones it equals, and leaves the input alone', () => {
    const existing = [{ k: 1, id: 'a' }, { k: 2, id: 'b' }] as const;
    const result = insertInOrder(existing, [{ k: 1, id: 'new' }], (x, y) => x.k < y.k);
    expect(result.map((x) => x.id)).toEqual(['a', 'new', 'b']);
    expect(existing.map((x) => x.id)).toEqual(['a', 'b']);
  });
});

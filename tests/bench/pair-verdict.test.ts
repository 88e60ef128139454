import { describe, expect, it } from 'vitest';
import { describeAddedCount, judgeAddedCount, MIN_PAIRS_FOR_SIGN_TEST, signTestP } from './pair-verdict';

describe('signTestP: the one-sided exact sign test', () => {
  it('is 2^-n when every differing pair came out more with us', () => {
    expect(signTestP(5, 0)).toBeCloseTo(1 / 32);
    expect(signTestP(3, 0)).toBeCloseTo(1 / 8);
  });

  it('sums the binomial tail', () => {
    // P(X >= 4 | n = 5): (5 + 1) / 32.
    expect(signTestP(4, 1)).toBeCloseTo(6 / 32);
    // P(X >= 6 | n = 9): (84 + 36 + 9 + 1) / 512.
    expect(signTestP(6, 3)).toBeCloseTo(130 / 512);
  });

  it('is 1 when no pair differs, or when none came out more', () => {
    expect(signTestP(0, 0)).toBe(1);
    expect(signTestP(0, 4)).toBe(1);
  });
});

describe('judgeAddedCount: an added long task, or the page\'s own variation', () => {
  it('needs five pairs before the test can speak at the 5 % level', () => {
    expect(MIN_PAIRS_FOR_SIGN_TEST).toBe(5);
  });

  it('finds an added long task that shows in every pair', () => {
    const v = judgeAddedCount([1, 1, 2, 1, 1]);
    expect(v).toMatchObject({ median: 1, more: 5, fewer: 0, same: 0, added: true, rule: 'sign test' });
  });

  it('does not call it added when the pairs go both ways (the flat article\'s scroll: 20 → 21, 16 → 13, 20 → 25, ...)', () => {
    const v = judgeAddedCount([1, -3, 5, 2, -1]);
    expect(v.median).toBe(1);
    expect(v.more).toBe(3);
    expect(v.fewer).toBe(2);
    expect(v.added).toBe(false);
  });

  it('does not call it added when most pairs are even', () => {
    // 3 of 5 more, none fewer: 1 in 8 by the draw.
    const v = judgeAddedCount([1, 0, 1, 0, 1]);
    expect(v.p).toBeCloseTo(1 / 8);
    expect(v.added).toBe(false);
  });

  it('never calls a median of zero or less added, whatever the test', () => {
    expect(judgeAddedCount([0, 0, 0, 0, 0]).added).toBe(false);
    expect(judgeAddedCount([-1, -1, 0, -2, -1]).added).toBe(false);
  });

  it('falls back to the median alone with too few pairs, so a quick run stays strict', () => {
    const v = judgeAddedCount([1, 1, -1]);
    expect(v.rule).toBe('median');
    expect(v.added).toBe(true);
    expect(judgeAddedCount([0, 1, -1]).added).toBe(false);
  });

  it('rejects no pairs', () => {
    expect(() => judgeAddedCount([])).toThrow(/no pairs/);
  });

  it('says what it saw', () => {
    expect(describeAddedCount(judgeAddedCount([1, -3, 5, 2, -1]))).toBe('+1 (more in 3 of 5 pairs, fewer in 2; sign test p = 0.50)');
    expect(describeAddedCount(judgeAddedCount([1, 1, -1]))).toMatch(/too few pairs for it: the median decides\)$/);
  });
});

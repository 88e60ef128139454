import { beforeEach, describe, expect, it, vi } from 'vitest';

// The browser's i18n, answering with the key and its substitutions, so the chosen form is visible.
vi.mock('../../lib/i18n', () => ({
  t: (key: string, subs?: string[]) => `${key}(${(subs ?? []).join('|')})`,
  uiLanguage: () => 'en',
}));
const { tPlural } = await import('../../lib/plural');

const KEYS = { one: 'k_one', few: 'k_few', many: 'k_many', other: 'k_other' };

describe('tPlural', () => {
  beforeEach(() => vi.clearAllMocks());
  it('picks the CLDR form of the language: English one/other', () => {
    expect(tPlural(KEYS, 1, [], 'en')).toBe('k_one(1)');
    expect(tPlural(KEYS, 0, [], 'en')).toBe('k_other(0)');
    expect(tPlural(KEYS, 21, [], 'en')).toBe('k_other(21)');
  });
  it('Ukrainian and Russian: one, few, many', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => tPlural(KEYS, n, [], 'uk'))).toEqual(['k_one(1)', 'k_few(2)', 'k_many(5)', 'k_many(11)', 'k_one(21)', 'k_few(22)', 'k_many(25)']);
    expect(tPlural(KEYS, 3, [], 'ru')).toBe('k_few(3)');
  });
  it('passes the further substitutions after the formatted count', () => {
    expect(tPlural(KEYS, 1200, ['19 March 2025'], 'en')).toBe('k_other(1,200|19 March 2025)');
  });
  it('falls back to "other" for a category we keep no key for, and for an unknown tag', () => {
    expect(tPlural(KEYS, 2, [], 'ar')).toBe('k_other(2)'); // Arabic "two"
    expect(tPlural(KEYS, 1, [], 'not a tag!')).toBe('k_other(1)');
  });
});

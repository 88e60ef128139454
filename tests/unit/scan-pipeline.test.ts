import { describe, expect, it } from 'vitest';
import { reasonsInterner } from '../../lib/content/scan-pipeline';
import type { MatchReason } from '../../lib/matcher/classify';

describe('reasonsInterner: a page\'s mentions share their lists of reasons', () => {
  const list = (phrase: string, published = '2025-03-12'): MatchReason[] => [
    { code: 'alias', detail: ['ceasefire', phrase] },
    { code: 'published-after', detail: [published, '2025-03-11'] },
  ];

  it('gives back the first list for every equal list, and each different list as it is', () => {
    const intern = reasonsInterner();
    const first = list('ceasefire');
    expect(intern(first)).toBe(first);
    expect(intern(list('ceasefire'))).toBe(first);
    const other = list('Ceasefire');
    expect(intern(other)).toBe(other);
    const later = list('ceasefire', '2025-04-01');
    expect(intern(later)).toBe(later);
    expect(intern(list('ceasefire'))).toEqual(list('ceasefire'));
  });

  it('tells lists apart whose details would run together', () => {
    const intern = reasonsInterner();
    const a: MatchReason[] = [{ code: 'alias', detail: ['red line', 's'] }];
    const b: MatchReason[] = [{ code: 'alias', detail: ['red lines'] }];
    expect(intern(a)).toBe(a);
    expect(intern(b)).toBe(b);
  });
});

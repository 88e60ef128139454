import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { buildArticleContext, compileTopics, type CompiledTopics } from '../../lib/analyze';
import { reasonsInterner, runScan } from '../../lib/content/scan-pipeline';
import { findArticleRoots } from '../../lib/page/roots';
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

describe('runScan', () => {
  const html = `<!doctype html><html lang="en"><head><meta property="og:type" content="article">
    <meta property="article:published_time" content="2025-03-14T10:00:00Z"></head><body><article>
    <h1>Ukraine backs the US ceasefire plan after Jeddah</h1>
    <p>After the talks in Jeddah, Kyiv said it would accept the 30-day ceasefire proposed by Washington.</p>
    <p>Russia has yet to answer the ceasefire proposal, officials in Moscow said.</p></article></body></html>`;

  async function scan(compiled: CompiledTopics) {
    const { document } = new JSDOM(html).window;
    const roots = findArticleRoots(document);
    const article = buildArticleContext(document, compiled, { roots });
    const phases = new Set<string>();
    const found: string[] = [];
    let sample: readonly string[] = [];
    let id = 0;
    await runScan({
      roots, compiled, article, highlightMode: 'every', full: true, inheritedSample: [],
      sample: () => sample, signal: new AbortController().signal, isCurrent: () => true,
      onShadowRoot: () => {}, onSlice: (phase) => phases.add(phase), newId: () => `m${id++}`,
      labelOf: (m) => m.text, sampled: (texts) => (sample = texts),
      found: (tracked) => found.push(...tracked.map((t) => t.mention.text)),
    });
    return { phases, found };
  }

  it('reads, counts, judges and paints the article, and finds the same again with the same compiled pack', async () => {
    const compiled = compileTopics(SHIPPED_PACK.topics);
    const first = await scan(compiled);
    expect([...first.phases]).toEqual(['read', 'count', 'judge', 'paint']);
    expect(first.found).toEqual(['ceasefire', 'Jeddah', 'Jeddah', 'ceasefire', 'ceasefire']);
    const again = await scan(compiled);
    expect(again.found).toEqual(first.found);
  });
});

/**
 * Article roots on real pages: on the Readability test pages, the text we take for the article should
 * cover most of what Readability's maintainers marked as the article (INDEX.tsv `article_text_chars`),
 * so that real stories get their context. Skips, visibly, when ../shared/corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { buildArticleContext } from '../../lib/analyze';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(repoRoot, '../shared/corpus/readability');
const present = existsSync(path.join(dir, 'INDEX.tsv'));
if (!present) console.warn(`[page-corpus] SKIPPED: no corpus at ${dir}`);

function parse(html: string): Document {
  const window = new Window({
    url: 'https://corpus.invalid/',
    settings: {
      disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true,
      disableIframePageLoading: true, handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

describe.skipIf(!present)('article roots on real pages (readability corpus)', () => {
  it('cover at least half of the article text on nine pages in ten', { timeout: 240_000 }, () => {
    const rows = readFileSync(path.join(dir, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const misses: string[] = [];
    let checked = 0;
    for (const row of rows) {
      const [name] = row;
      const expected = Number(row[12]);
      const file = path.join(dir, name!, 'source.html');
      if (!existsSync(file) || !(expected >= 500)) continue;
      checked++;
      const got = buildArticleContext(parse(readFileSync(file, 'utf8'))).articleText.replace(/\s+/g, ' ').length;
      if (got < expected * 0.5) misses.push(`${name}: ${got} of ${expected}`);
    }
    console.info(`[page-corpus] ${checked} pages, ${misses.length} with less than half the article: ${misses.join('; ')}`);
    expect(checked).toBeGreaterThan(100);
    expect(misses.length).toBeLessThanOrEqual(checked * 0.1);
  });
});

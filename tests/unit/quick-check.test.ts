// @vitest-environment jsdom
/**
 * The quick check that rules a page out before it is read node by node: it must never rule out a
 * page the full read would find a candidate in (that would hide real mentions), and it should rule
 * out the ordinary page that names no topic.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { cannotMention, mayMatch, noneMayMatch, noneMayMatchSteps, quickTexts, QUICK_CHECK_MAX_ELEMENTS, QUICK_TEST_CHUNK } from '../../lib/dom/quick-check';
import { collectSegments } from '../../lib/dom/segments';
import { compileTopics } from '../../lib/matcher/compile';
import { findCandidates } from '../../lib/matcher/find';

const compiled = compileTopics(SHIPPED_PACK.topics);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('cannotMention', () => {
  it('rules out a page whose text names no topic, scripts and styles included', () => {
    document.body.innerHTML = '<article><h1>Harvest outlook</h1><p>Councils asked for money to repair roads.</p></article><style>.headline{line-height:2}</style>';
    expect(cannotMention(document.body, compiled)).toBe(true);
  });

  it.each([
    ['<p>Kyiv backs the ceasefire.</p>'],
    ['<p>Talks in <em>Jed</em>dah</p>'],
    ['<p>Київ не перетне червоні лінії.</p>'],
    ['<p>режим тишины</p>'],
    ['<p>cease-\nfire</p>'],
    ['<p>Jed\u00ADdah</p>'],
  ])('never rules out a page with an alias: %s', (html) => {
    document.body.innerHTML = html;
    expect(cannotMention(document.body, compiled)).toBe(false);
  });

  it('reads the open shadow roots of custom elements, and hands each to the watcher', () => {
    document.body.innerHTML = '<p>Roads and markets.</p><x-story></x-story>';
    const shadow = document.querySelector('x-story')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<x-inner></x-inner>';
    const inner = shadow.querySelector('x-inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>The truce holds, Kyiv said.</p>';
    const seen: ShadowRoot[] = [];
    expect(cannotMention(document.body, compiled, { onShadowRoot: (r) => seen.push(r) })).toBe(false);
    expect(seen).toEqual([shadow, inner]);
    inner.innerHTML = '<p>Roads again.</p>';
    expect(cannotMention(document.body, compiled)).toBe(true);
  });

  it('does not judge a page too large to read in one piece', () => {
    // A stand-in with the element count of a huge page (building one in jsdom takes minutes).
    const huge = { getElementsByTagName: () => ({ length: QUICK_CHECK_MAX_ELEMENTS + 1 }), textContent: 'roads' } as unknown as Element;
    expect(cannotMention(huge, compiled)).toBe(false);
  });

  it('a pack without aliases can match nothing', () => {
    expect(cannotMention(document.body, compileTopics([]))).toBe(true);
  });

  it('never rules out text in which the full read finds a candidate (property)', () => {
    const aliases = compiled.topics.flatMap((t) => t.aliases.map((a) => a.alias.replace(/\*/g, 'ах')));
    const pieces = fc.oneof(
      fc.constantFrom(...aliases),
      fc.constantFrom(' ', '\n', '-', '\u00AD', '’', 'line-height', 'headline', '<em>', '</em>', 'Jed', 'dah', 'cease', 'fire', 'червон', 'ліні'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const html = parts.join('').replace(/[<>&]/g, (c) => (c === '<' && /<\/?em>/.test(parts.join('')) ? c : ' '));
        document.body.innerHTML = `<p>${html}</p>`;
        const found = collectSegments(document.body).some((s) => findCandidates(s.text, compiled).length > 0);
        if (found) expect(cannotMention(document.body, compiled)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('quickTexts and noneMayMatch (the quick check in two slices)', () => {
  it('copies the page text, then the text of each shadow root, and agrees with cannotMention', () => {
    document.body.innerHTML = '<article><p>Harvest outlook</p><news-card></news-card></article><script>var ceasefire = 1</script>';
    document.querySelector('news-card')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Kyiv backs the truce</p>';
    const texts = quickTexts(document.body)!;
    expect(texts).toEqual(['Harvest outlook', 'Kyiv backs the truce']);
    expect(noneMayMatch(texts, compiled)).toBe(false);
    expect(cannotMention(document.body, compiled)).toBe(false);
    expect(noneMayMatch(texts.slice(0, 1), compiled)).toBe(true);
  });
});

describe('noneMayMatchSteps (the quick test a stretch of text at a time)', () => {
  const filler = (n: number) => 'Councils asked for money to repair roads. '.repeat(Math.ceil(n / 42)).slice(0, n);
  const run = (texts: string[]) => {
    const steps = noneMayMatchSteps(texts, compiled);
    let yields = 0;
    for (let step = steps.next(); ; step = steps.next(), yields++) if (step.done) return { none: step.value, yields };
  };

  it('yields between stretches of a long text, and rules it out when nothing can match', () => {
    const { none, yields } = run([filler(QUICK_TEST_CHUNK * 5)]);
    expect(none).toBe(true);
    expect(yields).toBe(4);
  });

  it('finds a mention that crosses where one stretch ends, and one in the last stretch', () => {
    for (const at of [QUICK_TEST_CHUNK - 4, QUICK_TEST_CHUNK - 1, QUICK_TEST_CHUNK, 3 * QUICK_TEST_CHUNK - 20]) {
      const text = `${filler(at)}ceasefire${filler(QUICK_TEST_CHUNK)}`;
      expect(run([text]).none, `at ${at}`).toBe(false);
    }
    expect(run([filler(QUICK_TEST_CHUNK * 2), `${filler(10)} talks in Jeddah`]).none).toBe(false);
  });

  it('agrees with testing the text in one piece wherever an alias sits', () => {
    const aliases = ['ceasefire', 'Jeddah', 'red lines', 'червоні лінії', 'Waffenruhe', 'cessez-le-feu'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * QUICK_TEST_CHUNK }), fc.constantFrom(...aliases), (at, alias) => {
        const text = `${filler(at)} ${alias} ${filler(QUICK_TEST_CHUNK)}`;
        expect(run([text]).none).toBe(!mayMatch(text, compiled));
      }),
      { numRuns: 60 },
    );
  });
});

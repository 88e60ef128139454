// @vitest-environment jsdom
/**
 * The reader's skipping of cold blocks on huge pages: it may pass over what cannot mention a topic,
 * but never a block whose text may (nor the blocks next to it, which give a mention its context),
 * whatever the mix of blocks, inline elements and loose text, and wherever its windows fall.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { ColdBlocks } from '../../lib/dom/cold-blocks';
import { collectSegments, iterateSegments, type TextSegment } from '../../lib/dom/segments';
import { compileTopics } from '../../lib/matcher/compile';
import { findCandidates } from '../../lib/matcher/find';

const compiled = compileTopics(SHIPPED_PACK.topics);

beforeEach(() => {
  document.body.innerHTML = '';
});

function readWithSkips(root: Element): { read: TextSegment[]; gaps: number } {
  let gaps = 0;
  const cold = new ColdBlocks(compiled, () => gaps++);
  return { read: [...iterateSegments(root, { skip: cold.skip })], gaps };
}

describe('ColdBlocks', () => {
  it('passes over the blocks that cannot mention a topic, keeping a mention and the blocks next to it', () => {
    const paragraphs = Array.from({ length: 100 }, (_, i) => `<p>${i === 50 ? 'Kyiv backs the ceasefire' : i === 90 ? 'red' : 'Roads and markets'} ${i}</p>`);
    document.body.innerHTML = `<article>${paragraphs.join('\n')}</article>`;
    const { read, gaps } = readWithSkips(document.querySelector('article')!);
    expect(read.map((s) => s.text)).toEqual(['Roads and markets 49', 'Kyiv backs the ceasefire 50', 'Roads and markets 51']);
    // One gap for the run skipped before the mention, one for the run after it.
    expect(gaps).toBe(2);
  });

  it('reads a phrase split across inline elements, wherever the windows fall', () => {
    for (let at = 20; at < 90; at++) {
      const cold = (n: number) => Array.from({ length: n }, (_, i) => `<p>quiet ${i}</p>`).join('');
      document.body.innerHTML = `<div>${cold(at)}<span>the red</span> <b>line</b> of Kyiv${cold(90 - at)}</div>`;
      const { read } = readWithSkips(document.querySelector('div')!);
      expect(read.map((s) => s.text), `split after ${at} paragraphs`).toContain('the red line of Kyiv');
    }
  });

  it('reads loose text that names a topic between cold blocks, wherever the windows fall', () => {
    for (let at = 20; at < 90; at++) {
      const cold = (n: number) => Array.from({ length: n }, (_, i) => `<p>quiet ${i}</p>`).join('\n');
      document.body.innerHTML = `<div>${cold(at)}\nThe truce held.\n${cold(90 - at)}</div>`;
      const { read } = readWithSkips(document.querySelector('div')!);
      expect(read.some((s) => s.text.includes('The truce held.')), `loose text after ${at} paragraphs`).toBe(true);
    }
  });

  it('reads the blocks of a long list with mentions far apart, and few others', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `<li>${i % 1000 === 500 ? 'Talks in Jeddah' : 'Weather and sport'} ${i}</li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul>`;
    const { read } = readWithSkips(document.querySelector('ul')!);
    const texts = read.map((s) => s.text);
    for (const i of [499, 500, 501, 1499, 1500, 1501, 2499, 2500, 2501]) expect(texts).toContain(`${i % 1000 === 500 ? 'Talks in Jeddah' : 'Weather and sport'} ${i}`);
    // Besides those, only a block now and then, so the reader hands control back on a long cold
    // stretch (one every 256 passed over, 32 windows of 8).
    expect(read.length).toBeLessThan(9 + 3000 / 200);
    expect(read.length).toBeGreaterThan(9);
  });

  it('starts where the reader first asks, without reading back over the blocks before', () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `<p>${i === 3 || i === 40 ? 'a ceasefire' : 'calm'} ${i}</p>`);
    document.body.innerHTML = `<div>${paragraphs.join('')}</div>`;
    const cold = new ColdBlocks(compiled);
    let asked = 0;
    // The caller lets the first 20 blocks through unasked (the article's opening sample).
    const read = [...iterateSegments(document.querySelector('div')!, { skip: (el) => ++asked > 20 && cold.skip(el) })].map((s) => s.text);
    expect(read.slice(0, 20)).toEqual(paragraphs.slice(0, 20).map((_, i) => `${i === 3 ? 'a ceasefire' : 'calm'} ${i}`));
    expect(read.slice(20)).toEqual(['calm 39', 'a ceasefire 40', 'calm 41']);
  });

  it('never leaves out a segment the full read finds a candidate in, nor its neighbouring blocks (property)', () => {
    // Mostly words that name no topic, so there are cold stretches to pass over.
    const word = fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom('quiet', 'news', 'talks', 'the', 'roads') },
      { weight: 1, arbitrary: fc.constantFrom('red', 'line', 'cease', 'fire', 'ceasefire', 'truce', 'Jeddah', 'червоні', 'лінії', 'перемир’я') },
    );
    const phrase = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const inline = fc.tuple(fc.constantFrom('em', 'span', 'b'), phrase).map(([tag, text]) => `<${tag}>${text}</${tag}>`);
    const piece = fc.oneof({ weight: 3, arbitrary: phrase }, { weight: 1, arbitrary: inline });
    const block = fc.tuple(fc.constantFrom('p', 'li', 'h2', 'div'), fc.array(piece, { minLength: 0, maxLength: 3 })).map(([tag, parts]) => `<${tag}>${parts.join(' ')}</${tag}>`);
    const child = fc.oneof({ weight: 8, arbitrary: block }, { weight: 1, arbitrary: piece }, { weight: 1, arbitrary: fc.constant('\n') });
    const container = fc.array(child, { minLength: 1, maxLength: 150 }).map((kids) => `<div>${kids.join('')}</div>`);
    let skipped = 0;
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 3 }), (containers) => {
        document.body.innerHTML = `<article>${containers.join('')}</article>`;
        const root = document.querySelector('article')!;
        const full = collectSegments(root);
        const { read } = readWithSkips(root);
        skipped += full.length - read.length;
        const readFirstNodes = new Set(read.map((s) => s.nodes[0]));
        full.forEach((segment, i) => {
          if (!findCandidates(segment.text, compiled).length) return;
          expect(read.find((s) => s.nodes[0] === segment.nodes[0])?.text).toBe(segment.text);
          // The blocks next to it, when they are its siblings, are read too (they give it context).
          for (const j of [i - 1, i + 1]) {
            const other = full[j];
            if (other && other.block.parentNode === segment.block.parentNode && other.block !== segment.block && other.block.parentNode !== root) {
              const siblings = other.block.previousElementSibling === segment.block || other.block.nextElementSibling === segment.block;
              if (siblings) expect(readFirstNodes.has(other.nodes[0])).toBe(true);
            }
          }
        });
      }),
      { numRuns: 200 },
    );
    // The property is about pages where skipping happens.
    expect(skipped).toBeGreaterThan(1000);
  });
});

describe('iterateSegments with skip', () => {
  it('goes on at the sibling a skip verdict names, yielding nothing in between', () => {
    document.body.innerHTML = '<div><p>one</p>loose<p>two</p><p>three</p><p>four</p></div>';
    const [one, , , four] = [...document.querySelectorAll('p')];
    const read = [...iterateSegments(document.querySelector('div')!, { skip: (el) => (el === one ? { until: four! } : false) })].map((s) => s.text);
    expect(read).toEqual(['four']);
    const toEnd = [...iterateSegments(document.querySelector('div')!, { skip: (el) => (el === one ? { until: null } : false) })];
    expect(toEnd).toEqual([]);
  });
});

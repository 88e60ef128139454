import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { canonicalPack, formatPack, termListProblems, topicTermLists } from '../../lib/pack/format';
import { packJsonSchemaText } from '../../lib/pack/json-schema';
import { PACK_LANGUAGES } from '../../lib/pack/schema';
import { parsePack } from '../../lib/pack/validate';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packPath = path.join(repoRoot, 'data/pack.json');
const packText = readFileSync(packPath, 'utf8');
const seedDir = path.resolve(repoRoot, '../shared/seed');
const seedArticle = path.join(seedDir, 'unn-red-lines-2025-03-19.txt');
const SEED_TITLE = 'Zelenskyy: Recognition of Ukrainian temporarily occupied territories by Russia is a "red line," we will not go for it';

describe('shipped pack (data/pack.json)', () => {
  it('passes the published schema and the full validator', () => {
    const result = parsePack(JSON.parse(packText));
    expect(result.ok ? [] : result.issues).toEqual([]);
    // The extension uses the file as it is, unvalidated (data/shipped-pack.ts): the validator must
    // have nothing to tidy in it either.
    expect(result.ok && result.pack).toEqual(SHIPPED_PACK);
  });

  it('has the three topics of issue 3, in story order', () => {
    expect(SHIPPED_PACK.topics.map((t) => t.id)).toEqual(['jeddah-talks', 'ceasefire', 'red-lines']);
  });

  it.each(SHIPPED_PACK.topics.map((t) => [t.id, t] as const))('%s has title and summary in en, uk and ru, and dates', (_id, topic) => {
    for (const lang of PACK_LANGUAGES) {
      expect(topic.title[lang], `title.${lang}`).toBeTruthy();
      const summary = topic.summary[lang] ?? '';
      // Short enough for a popover: two to five sentences.
      const sentences = summary.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0).length;
      expect(sentences, `summary.${lang}`).toBeGreaterThanOrEqual(2);
      expect(sentences, `summary.${lang}`).toBeLessThanOrEqual(5);
    }
    expect(topic.eventsBegin).toMatch(/^2025-03-\d\d$/);
    expect(topic.asOf >= topic.eventsBegin!).toBe(true);
    expect(topic.timeline?.length).toBeGreaterThanOrEqual(3);
    for (const entry of topic.timeline ?? []) {
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const lang of PACK_LANGUAGES) expect(entry.text[lang]).toBeTruthy();
    }
    expect(topic.context?.anchors.length).toBeGreaterThan(20);
    expect(topic.context?.exclude?.length).toBeGreaterThan(10);
  });


  it.skipIf(!existsSync(seedArticle))('quotes every seed quote word for word from the seed article', () => {
    const seed = readFileSync(seedArticle, 'utf8');
    const fromSeed = SHIPPED_PACK.topics.flatMap((t) => t.quotes ?? []).filter((q) => q.source.title === SEED_TITLE);
    expect(fromSeed.length).toBeGreaterThanOrEqual(3);
    for (const q of fromSeed) expect(seed, q.text).toContain(q.text);
  });
  if (!existsSync(seedArticle)) console.warn(`[pack] SKIPPED verbatim-quote check: no seed at ${seedArticle}`);

  it('keeps every term list sorted and free of duplicates', () => {
    const problems = SHIPPED_PACK.topics.flatMap((t) =>
      topicTermLists(t).flatMap(([where, list]) => termListProblems(list).map((p) => `${t.id} ${where}: ${p}`)),
    );
    expect(problems).toEqual([]);
  });

  it('keeps timelines and quotes in date order', () => {
    for (const t of SHIPPED_PACK.topics) {
      const dates = (t.timeline ?? []).map((e) => e.date);
      expect(dates).toEqual([...dates].sort());
      const qd = (t.quotes ?? []).map((q) => q.date);
      expect(qd).toEqual([...qd].sort());
    }
  });

  it('is unchanged by a parse/format round trip and already canonical', () => {
    const parsed = JSON.parse(packText);
    expect(formatPack(parsed)).toBe(packText);
    expect(formatPack(canonicalPack(parsed))).toBe(packText);
  });

  it('lists the spellings a reader meets (facts.md)', () => {
    const aliases = (id: string) => Object.values(SHIPPED_PACK.topics.find((t) => t.id === id)!.aliases).flat().join(' | ');
    expect(aliases('jeddah-talks')).toMatch(/Jeddah.*Jiddah|Jiddah.*Jeddah/);
    expect(aliases('ceasefire')).toContain("перемир'*");
    expect(aliases('red-lines')).toContain('червон* ліні*');
  });
});

describe('parsePack', () => {
  const valid = () => JSON.parse(packText);

  it('reports each problem with a path a person can follow', () => {
    const pack = valid();
    pack.version = 3;
    pack.topics[1].aliases.uk[0] = '*';
    pack.topics[2].quotes[0].text = '<script>alert(1)</script>';
    delete pack.topics[0].title;
    const result = parsePack(pack);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'topics.1.aliases.uk.0', 'topics.2.quotes.0.text', 'topics.0.title']));
    expect(result.ok ? '' : result.issues.find((i) => i.path === 'version')!.message).toContain('must be 2');
  });

  it('rejects unknown fields, so typos are reported rather than ignored', () => {
    const pack = valid();
    pack.topics[0].aliasses = { en: ['x'] };
    const result = parsePack(pack);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toContain('topics.0.aliasses');
  });

  it('rejects duplicate topic ids and topics without any alias', () => {
    const dup = valid();
    dup.topics[1].id = dup.topics[0].id;
    expect(parsePack(dup).ok).toBe(false);
    const empty = valid();
    empty.topics[0].aliases = {};
    const result = parsePack(empty);
    expect(result.ok ? [] : result.issues).toEqual([expect.objectContaining({ path: 'topics.0.aliases' })]);
  });

  it('never throws on garbage', () => {
    for (const junk of [null, 42, 'pack', [], { format: 'factlight-topic-pack' }]) {
      const result = parsePack(junk);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.issues.length).toBeGreaterThan(0);
    }
  });

  it('accepts a minimal pack a user could write by hand', () => {
    const result = parsePack({
      format: 'factlight-topic-pack',
      version: 2,
      id: 'mine',
      name: 'Mine',
      asOf: '2025-05-01',
      topics: [{ id: 'eclipse', title: { en: 'Eclipse' }, summary: { en: 'A solar eclipse.' }, asOf: '2025-05-01', aliases: { en: ['eclipse*'] } }],
    });
    expect(result.ok).toBe(true);
  });
});

describe('docs/topic-pack.schema.json', () => {
  it('equals the schema generated from lib/pack/schema.ts (run scripts/gen-pack-schema.ts)', () => {
    expect(readFileSync(path.join(repoRoot, 'docs/topic-pack.schema.json'), 'utf8')).toBe(packJsonSchemaText());
  });

  it('describes the required fields of packs and topics', () => {
    const schema = JSON.parse(packJsonSchemaText());
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'id', 'name', 'asOf', 'topics']));
    expect(schema.properties.topics.items.required).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'asOf', 'aliases']));
  });
});

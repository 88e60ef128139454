/**
 * Issue 13: every line of context in the shipped pack is sourced, dated and true to its day. These
 * checks hold the data to what the popover promises: "Context up to <asOf>", each entry with a
 * source a reader can open, each quote with who said it, their role on that date, when and where.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { roleOn, quoteRole } from '../../lib/pack/people';
import { parsePack } from '../../lib/pack/validate';
import { checkPack } from '../../lib/pack/import';
import { migratePack } from '../../lib/pack/migrate';
import { PACK_LANGUAGES, type Source, type TopicPack } from '../../lib/pack/schema';

const topics = SHIPPED_PACK.topics;
const topic = (id: string) => topics.find((t) => t.id === id)!;
const isHttps = (url: string | undefined) => !!url && new URL(url).protocol === 'https:';
const sourceProblems = (s: Source) =>
  [!s.outlet && 'outlet', !s.title && 'title', !s.url && 'url', !s.date && 'date'].filter(Boolean);

describe('every line of context is sourced', () => {
  it.each(topics.map((t) => [t.id, t] as const))('%s: each timeline entry has a source with an https URL; every source names outlet, title, URL and date', (_id, t) => {
    for (const entry of t.timeline ?? []) {
      expect(entry.sources.some((s) => isHttps(s.url)), `${entry.date} has an https source`).toBe(true);
      for (const s of entry.sources) expect(sourceProblems(s), `${entry.date} ${s.outlet}`).toEqual([]);
      for (const lang of PACK_LANGUAGES) expect(entry.text[lang], `${entry.date} text.${lang}`).toBeTruthy();
    }
  });

  it.each(topics.map((t) => [t.id, t] as const))('%s: each quote has speaker, a role valid on its date, a date and a source URL', (_id, t) => {
    for (const q of t.quotes ?? []) {
      const where = `${q.speaker} ${q.date}`;
      expect(q.speaker.length, where).toBeGreaterThan(2);
      expect(isHttps(q.source.url), `${where} source URL`).toBe(true);
      expect(sourceProblems(q.source), where).toEqual([]);
      if (q.person) {
        const person = t.people?.find((p) => p.id === q.person);
        expect(person, `${where}: person ${q.person} is in the topic`).toBeTruthy();
        expect(roleOn(person!, q.date), `${where}: ${q.person} held a role that day`).toBeTruthy();
      }
      expect(quoteRole(q, t.people)?.en.length ?? 0, `${where}: role`).toBeGreaterThan(3);
    }
  });

  it.each(topics.map((t) => [t.id, t] as const))('%s: nothing is dated after asOf, asOf is its latest entry, and entries are in date order', (_id, t) => {
    const dates = [...(t.timeline ?? []).map((e) => e.date), ...(t.quotes ?? []).map((q) => q.date)];
    expect(dates.filter((d) => d > t.asOf)).toEqual([]);
    expect((t.timeline ?? []).map((e) => e.date).at(-1)).toBe(t.asOf);
    const timeline = (t.timeline ?? []).map((e) => e.date);
    expect(timeline).toEqual([...timeline].sort());
    for (const e of t.timeline ?? []) for (const s of e.sources) expect(s.date! <= t.asOf, `${e.date} source date`).toBe(true);
  });

  it('the pack\'s asOf is its latest topic\'s', () => {
    expect(SHIPPED_PACK.asOf).toBe(topics.map((t) => t.asOf).sort().at(-1));
  });

  it('tells the story past April 2025, to March 2026', () => {
    expect(topic('ceasefire').timeline!.length).toBeGreaterThanOrEqual(15);
    expect(topic('red-lines').timeline!.length).toBeGreaterThanOrEqual(8);
    expect(topic('jeddah-talks').timeline!.length).toBeGreaterThanOrEqual(5);
    expect(SHIPPED_PACK.asOf >= '2026-03-01').toBe(true);
    for (const t of topics) expect(t.quotes!.length, t.id).toBeGreaterThanOrEqual(3);
  });

  it('shows Yermak as head of the Presidential Office only while he was (until 28 November 2025)', () => {
    for (const t of topics) {
      for (const q of t.quotes ?? []) {
        if (q.person !== 'yermak') continue;
        const role = quoteRole(q, t.people)!.en;
        if (q.date <= '2025-11-28') expect(role).toMatch(/Head of the (Office of the President|Presidential Office)/i);
        else expect(role).not.toMatch(/^Head of the (Office of the President|Presidential Office)/i);
      }
      const yermak = t.people?.find((p) => p.id === 'yermak');
      if (yermak) expect(roleOn(yermak, '2026-01-10')?.title.en ?? '').not.toMatch(/^Head of the/);
    }
  });

  it('quotes Yermak in the wording its cited source prints', () => {
    const q = topic('red-lines').quotes!.find((x) => x.person === 'yermak' && x.date === '2025-03-18');
    expect(q?.text).toContain('recognise');
    expect(q?.source.outlet).toMatch(/Ukrainska Pravda/);
  });

  it('names who led Ukraine\'s delegation at Jeddah', () => {
    const first = topic('jeddah-talks').timeline![0]!;
    expect(first.text.en).toMatch(/Yermak/);
    expect(first.text.en).not.toMatch(/Yermak and (Andrii )?Sybiha (lead|led)/);
  });

  it('says what else Putin agreed to on 18 March besides the energy pause (a prisoner swap, Black Sea talks)', () => {
    const summary = topic('ceasefire').summary.en;
    expect(summary).not.toMatch(/agreed only to hold off strikes on energy/);
    expect(summary).toMatch(/prisoner swap/);
    expect(summary).toMatch(/Black Sea/);
  });

  it('carries only the people its quotes name', () => {
    for (const t of topics) {
      const named = new Set((t.quotes ?? []).map((q) => q.person).filter(Boolean));
      expect((t.people ?? []).map((p) => p.id).filter((id) => !named.has(id)), t.id).toEqual([]);
    }
  });
});

describe('dated roles in packs people write', () => {
  const pack = (quote: Record<string, unknown>, people?: unknown[]): unknown => ({
    format: 'factlight-topic-pack',
    version: 2,
    id: 'mine',
    name: 'Mine',
    asOf: '2025-12-01',
    topics: [{ id: 't', title: { en: 'T' }, summary: { en: 'S.' }, asOf: '2025-12-01', aliases: { en: ['tee'] }, quotes: [quote], ...(people && { people }) }],
  });
  const q = { text: 'Words.', lang: 'en', speaker: 'A. Person', date: '2025-12-01', source: { outlet: 'Paper' } };
  const person = { id: 'a-person', name: { en: 'A. Person' }, roles: [{ title: { en: 'Minister' }, until: '2025-11-28' }] };

  it('refuses a quote with neither role nor person, a person not in the topic, and a role that does not cover the date', () => {
    const issues = (value: unknown) => {
      const result = parsePack(value);
      return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(issues(pack(q)).join()).toMatch(/role/);
    expect(issues(pack({ ...q, person: 'nobody' }, [person]))).toEqual(['topics.0.quotes.0.person: no person "nobody" in this topic\'s people']);
    expect(issues(pack({ ...q, person: 'a-person' }, [person]))).toEqual(['topics.0.quotes.0.person: no role of "a-person" covers 2025-12-01']);
    expect(issues(pack({ ...q, person: 'a-person', date: '2025-11-28' }, [person]))).toEqual([]);
    expect(issues(pack({ ...q, person: 'a-person', role: 'Former minister' }, [person]))).toEqual([]);
  });

  it('refuses a role that ends before it begins', () => {
    const bad = { ...person, roles: [{ title: { en: 'Minister' }, from: '2025-06-01', until: '2025-01-01' }] };
    expect(parsePack(pack({ ...q, role: 'x' }, [bad])).ok).toBe(false);
  });
});

describe('packs exported before dated roles (version 1)', () => {
  /** A version-1 pack as Factlight 0.1 exported it: quotes with a role in words. */
  const v1 = {
    format: 'factlight-topic-pack',
    version: 1,
    id: 'my-topics',
    name: 'My topics',
    asOf: '2025-04-05',
    topics: [
      {
        id: 'red-lines',
        title: { en: 'Red lines' },
        summary: { en: 'What Ukraine will not give up.' },
        asOf: '2025-04-03',
        aliases: { en: ['red line*'] },
        quotes: [{ text: 'We will not go for that', lang: 'en', speaker: 'Volodymyr Zelenskyy', role: 'President of Ukraine', date: '2025-03-19', source: { outlet: 'UNN' } }],
      },
    ],
  };

  it('migrates to the current version with nothing else changed', () => {
    expect(migratePack(v1)).toEqual({ ...v1, version: 2 });
    expect(migratePack(null)).toBe(null);
    expect(migratePack({ ...v1, version: 7 })).toMatchObject({ version: 7 });
  });

  it('imports, keeping each quote\'s role in words', () => {
    const result = checkPack(structuredClone(v1));
    expect(result.ok).toBe(true);
    const pack = (result as { pack: TopicPack }).pack;
    expect(pack.version).toBe(2);
    expect(quoteRole(pack.topics[0]!.quotes![0]!, pack.topics[0]!.people)).toEqual({ en: 'President of Ukraine' });
  });
});

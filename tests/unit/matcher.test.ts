/** The alias pass: every form a reader meets is found, at the right offsets, and nothing inside other words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { compileTopics, findCandidates, findContextHits } from '../../lib/matcher';
import { literalCoreSource } from '../../lib/matcher/pattern';
import { aliasOf, type CompiledTopics } from '../../lib/matcher/compile';
import type { Topic } from '../../lib/pack/schema';

const compiled = compileTopics(SHIPPED_PACK.topics);
const found = (text: string) => findCandidates(text, compiled).map((c) => [compiled.topics[c.topicIndex]!.id, c.text]);

describe('aliases and their inflections', () => {
  const table: [string, string, string][] = [
    // [topic, text containing exactly one mention, the mention as written]
    ['jeddah-talks', 'Talks in Jeddah ended.', 'Jeddah'],
    ['jeddah-talks', 'Talks in Jiddah ended.', 'Jiddah'],
    ['jeddah-talks', 'Talks in Jedda ended.', 'Jedda'],
    ['jeddah-talks', "Jeddah's hotels were full.", 'Jeddah'],
    ['jeddah-talks', 'JEDDAH, Saudi Arabia —', 'JEDDAH'],
    ['jeddah-talks', 'Переговори в Джидді тривали.', 'Джидді'],
    ['jeddah-talks', 'Місто Джидда прийняло делегації.', 'Джидда'],
    ['jeddah-talks', 'Делегація прилетіла в Джидду.', 'Джидду'],
    ['jeddah-talks', 'Між Києвом і Джиддою.', 'Джиддою'],
    ['jeddah-talks', 'Переговоры в Джидде завершились.', 'Джидде'],
    ['jeddah-talks', 'Перед Джиддой была встреча.', 'Джиддой'],
    ['ceasefire', 'A ceasefire was proposed.', 'ceasefire'],
    ['ceasefire', 'Two ceasefires failed.', 'ceasefires'],
    ['ceasefire', 'A cease-fire was proposed.', 'cease-fire'],
    ['ceasefire', 'A cease fire was proposed.', 'cease fire'],
    ['ceasefire', 'A cease\u2011fire was proposed.', 'cease\u2011fire'],
    ['ceasefire', 'A truce was proposed.', 'truce'],
    ['ceasefire', 'Earlier truces failed.', 'truces'],
    ['ceasefire', "Пропозиція перемир'я.", "перемир'я"],
    ['ceasefire', 'Пропозиція перемир’я.', 'перемир’я'],
    ['ceasefire', 'Пропозиція перемирʼя.', 'перемирʼя'],
    ['ceasefire', 'Пропозиція перемир`я.', 'перемир`я'],
    ['ceasefire', 'Про перемир’ям домовились.', 'перемир’ям'],
    ['ceasefire', 'Ідеться про припинення вогню.', 'припинення вогню'],
    ['ceasefire', 'Заклик до припиненню вогню.', 'припиненню вогню'],
    ['ceasefire', 'Діє режим тиші.', 'режим тиші'],
    ['ceasefire', 'Порушення режиму тиші.', 'режиму тиші'],
    ['ceasefire', 'Предложено перемирие.', 'перемирие'],
    ['ceasefire', 'Условия перемирия.', 'перемирия'],
    ['ceasefire', 'О перемирии договорились.', 'перемирии'],
    ['ceasefire', 'Речь о прекращении огня.', 'прекращении огня'],
    ['ceasefire', 'Соблюдение режима тишины.', 'режима тишины'],
    ['red-lines', 'It is a red line.', 'red line'],
    ['red-lines', 'Their red lines hold.', 'red lines'],
    ['red-lines', 'A red-line issue.', 'red-line'],
    ['red-lines', 'Its Red Lines are clear.', 'Red Lines'],
    ['red-lines', 'Це червона лінія.', 'червона лінія'],
    ['red-lines', 'Є червоні лінії.', 'червоні лінії'],
    ['red-lines', 'Немає червоних ліній.', 'червоних ліній'],
    ['red-lines', 'Стало червоною лінією.', 'червоною лінією'],
    ['red-lines', 'Перетнули червону лінію.', 'червону лінію'],
    ['red-lines', 'Это красная линия.', 'красная линия'],
    ['red-lines', 'Есть красные линии.', 'красные линии'],
    ['red-lines', 'Нет красных линий.', 'красных линий'],
    ['red-lines', 'Стало красной линией.', 'красной линией'],
    ['red-lines', 'Перешли красную линию.', 'красную линию'],
  ];
  it.each(table)('%s: %s', (topic, text, mention) => {
    expect(found(text)).toEqual([[topic, mention]]);
  });
});

describe('loose spacing, invisible characters and offsets', () => {
  it.each([
    ['red\u00A0line', 'non-breaking space'],
    ['red\nline', 'line break'],
    ['red \r\n  line', 'CRLF and indentation'],
    ['red\u202Fline', 'narrow no-break space'],
    ['red - line', 'spaced hyphen'],
    ['cease-\nfire', 'hyphenated across lines'],
    ['Jed\u00ADdah', 'soft hyphen'],
    ['пере\u00ADмир’я', 'soft hyphen in Cyrillic'],
    ['Джид\u200Bді', 'zero-width space'],
    ['черво\u00ADна лі\u00ADнія', 'soft hyphens in both words'],
  ])('finds "%s" (%s) and returns offsets into the original text', (mention) => {
    const text = `Before ${mention}, after.`;
    const [c] = findCandidates(text, compiled);
    expect(c).toBeDefined();
    expect(text.slice(c!.start, c!.end)).toBe(mention);
    expect(c!.text).toBe(mention);
  });

  it('keeps offsets right after invisible characters earlier in the text', () => {
    const text = 'Ка\u00ADжуть, що в Джидді та пере\u00ADмир’я';
    const got = findCandidates(text, compiled).map((c) => text.slice(c.start, c.end));
    expect(got).toEqual(['Джидді', 'пере\u00ADмир’я']);
  });

  it('finds several mentions of several topics in one pass, in order', () => {
    expect(found('In Jeddah, a ceasefire; in Helsinki, a red line. У Джидді — перемир’я.')).toEqual([
      ['jeddah-talks', 'Jeddah'],
      ['ceasefire', 'ceasefire'],
      ['red-lines', 'red line'],
      ['jeddah-talks', 'Джидді'],
      ['ceasefire', 'перемир’я'],
    ]);
  });
});

describe('whole words only, in every script', () => {
  it.each([
    'Jeddahville', 'preJeddah', 'nonceasefire', 'redlines', 'redline', 'infrared line',
    'абвДжидда', 'неперемирие', 'неперемир’я', 'черв лінія', 'красный', 'линия', 'the red', 'line',
  ])('finds nothing in "%s"', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('does not mistake Cyrillic letters around a match for a boundary', () => {
    expect(found('абвДжиддіабв')).toEqual([]);
    expect(found('(Джидді)')).toEqual([['jeddah-talks', 'Джидді']]);
    expect(found('«перемирие»')).toEqual([['ceasefire', 'перемирие']]);
  });

  it('never finds a match that touches a letter or digit, for random surroundings', () => {
    const letter = fc.constantFrom('a', 'z', 'я', 'ї', 'ы', 'é', '5', 'ß');
    fc.assert(
      fc.property(letter, letter, fc.constantFrom('ceasefire', 'Jeddah', 'red line', 'перемирие', 'Джидде'), (before, after, mention) => {
        expect(findCandidates(`${before}${mention}${after}`, compiled)).toEqual([]);
      }),
    );
  });

  it('finds a mention wherever it sits among punctuation and spaces', () => {
    const around = fc.constantFrom(' ', '.', ',', '"', '«', '»', '(', ')', '—', '\n', '\u00A0', '');
    fc.assert(
      fc.property(around, around, fc.string({ maxLength: 20, unit: fc.constantFrom(' ', 'x', '.', '1') }), (before, after, filler) => {
        const text = `${filler} ${before}ceasefire${after} ${filler}`;
        const got = findCandidates(text, compiled);
        expect(got.map((c) => text.slice(c.start, c.end))).toEqual(['ceasefire']);
      }),
    );
  });
});

describe('compileTopics', () => {
  const topic = (id: string, aliases: Topic['aliases'], context?: Topic['context']): Topic => ({
    id, title: { en: id }, summary: { en: id }, asOf: '2025-01-01', aliases, ...(context && { context }),
  });

  it('maps each match to its topic, whatever the order of topics', () => {
    const c = compileTopics([topic('b', { en: ['beta'] }), topic('a', { uk: ['альф*'] })]);
    expect(findCandidates('alpha альфою beta', c).map((m) => c.topics[m.topicIndex]!.id)).toEqual(['a', 'b']);
  });

  it('prefers the longest alias at a place', () => {
    const c = compileTopics([topic('t', { en: ['red', 'red line*'] })]);
    expect(findCandidates('a red lines b', c).map((m) => m.text)).toEqual(['red lines']);
  });

  it('treats regex characters in aliases literally', () => {
    const c = compileTopics([topic('t', { en: ['C++', 'a.b'] })]);
    expect(findCandidates('C++ and axb and a.b', c).map((m) => m.text)).toEqual(['C++', 'a.b']);
  });

  it('finds context terms by word, with stems, phrases, possessives and apostrophes', () => {
    const c = compileTopics([
      topic('t', { en: ['x'] }, { anchors: ['Ukrain*', 'Black Sea', "перемир'*", 'Kyiv'], exclude: ['Jeddah Tower', 'Gaza*'] }),
    ]);
    const terms = (text: string) => findContextHits(text, c).map((h) => [c.terms[h.term]!.term, text.slice(h.start, h.end)]);
    expect(terms("Ukraine's Kyiv’s Black\u00A0Sea перемир’я Jeddah Tower Gazan")).toEqual([
      ['Ukrain*', "Ukraine's"],
      ['Kyiv', 'Kyiv’s'],
      ['Black Sea', 'Black\u00A0Sea'],
      ["перемир'*", 'перемир’я'],
      ['Jeddah Tower', 'Jeddah Tower'],
      ['Gaza*', 'Gazan'],
    ]);
    expect(terms('Kyivan Black, Sea Jeddah. Tower')).toEqual([]);
  });
});

describe('Latin look-alikes in Ukrainian words', () => {
  it('matches aliases typed with a Latin i or ï', () => {
    expect(found('Це червона лiнiя.')).toEqual([['red-lines', 'червона лiнiя']]);
    expect(found('Переговори в Джиддi.')).toEqual([['jeddah-talks', 'Джиддi']]);
  });

  it('finds context terms typed with them, but leaves Latin words alone', () => {
    const c = compileTopics([{ id: 't', title: { en: 't' }, summary: { en: 't' }, asOf: '2025-01-01', aliases: { en: ['x'] }, context: { anchors: ['Україн*', 'Київ'] } }]);
    const hits = (text: string) => findContextHits(text, c).map((h) => text.slice(h.start, h.end));
    expect(hits('Украïна і Киïв, Kiїv')).toEqual(['Украïна', 'Киïв']);
  });
});

describe('literal cores (what the quick check looks for first)', () => {
  it.each([
    ['red line*', 'red line', 'red\u00A0line', 'headline'],
    ['червон* ліні*', 'червоні', 'червона', 'лінія'],
    ['cease-fire', 'cease-\nfire', 'cease fire', 'cease'],
    ["перемир'*", 'перемир’я', "перемир'я", 'перемирие'],
  ])('the core of %s matches %s and %s, not %s', (term, a, b, not) => {
    const re = new RegExp(literalCoreSource(term), 'iu');
    expect(re.test(a)).toBe(true);
    expect(re.test(b)).toBe(true);
    expect(re.test(not)).toBe(false);
  });

  it('is contained in every match of its term (property over the shipped aliases)', () => {
    const aliases = compileTopics(SHIPPED_PACK.topics).topics.flatMap((t) => t.aliases);
    fc.assert(
      fc.property(fc.constantFrom(...aliases), fc.constantFrom('', 'а', 'ями', 's'), fc.constantFrom(' ', '-', ' - ', '\n'), ({ alias, re }, ending, gap) => {
        const text = alias.replace(/\*/g, ending).replace(/ /g, gap);
        if (!re.test(text)) return;
        expect(new RegExp(literalCoreSource(alias), 'iu').test(text)).toBe(true);
      }),
    );
  });
});

describe('aliasOf', () => {
  /** The answer without the length check: the first alias, longest first, whose RegExp matches. */
  const everyAlias = (topic: CompiledTopics['topics'][number], text: string) => topic.aliases.find((a) => a.re.test(text))?.alias ?? text;

  it('names the same alias as trying every one, for every alias of the pack and forms of it', () => {
    const c = compileTopics(SHIPPED_PACK.topics);
    let checked = 0;
    for (const topic of c.topics) {
      for (const { alias } of topic.aliases) {
        const base = alias.replace(/\*/g, '');
        for (const form of [base, `${base}s`, base.toUpperCase(), base.replace(/ /g, '-'), base.replace(/ /g, '  ')]) {
          expect(aliasOf(topic, form), `${topic.id}: ${form}`).toBe(everyAlias(topic, form));
          checked++;
        }
      }
    }
    // Every alias of every topic, five forms each.
    expect(checked).toBe(5 * c.topics.reduce((n, t) => n + t.aliases.length, 0));
    expect(checked).toBeGreaterThan(250);
  });

  it('names the alias of matches found in text, as trying every alias does', () => {
    const c = compileTopics(SHIPPED_PACK.topics);
    const texts = ['In Jeddah now.', 'Two ceasefires failed.', 'A cease-fire held.', 'Kyiv drew red lines.', "Перемир'я не настало.", 'Червона лінія для Києва.', 'Waffenstillstand jetzt.'];
    const names = texts.map((text) => {
      const hit = findCandidates(text, c)[0]!;
      const topic = c.topics[hit.topicIndex]!;
      expect(aliasOf(topic, hit.text)).toBe(everyAlias(topic, hit.text));
      return aliasOf(topic, hit.text);
    });
    expect(names).toEqual(['jeddah', 'ceasefire*', 'cease-fire*', 'red line*', "перемир'*", 'червон* ліні*', 'waffenstillstand*']);
  });

  it('does not make the RegExp of an alias longer than the match', () => {
    const c = compileTopics(SHIPPED_PACK.topics);
    const topic = c.topics.find((t) => t.id === 'ceasefire')!;
    const made: string[] = [];
    topic.aliases = topic.aliases.map((a) => ({
      alias: a.alias,
      minLength: a.minLength,
      get re() {
        made.push(a.alias);
        return a.re;
      },
    }));
    expect(aliasOf(topic, 'truce')).toBe(everyAlias({ ...topic, aliases: topic.aliases }, 'truce'));
    made.length = 0;
    aliasOf(topic, 'truce');
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((alias) => alias.replace(/\*/g, '').length <= 'truce'.length)).toBe(true);
  });
});

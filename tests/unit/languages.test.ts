/** Issue 15: page languages, the terms a page loads, and open languages in the pack schema. */
import { JSDOM } from 'jsdom';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { articleLanguage, languageOfText, languagesOfText, pageLanguages } from '../../lib/page/lang';
import { AliasesSchema, LocalizedTextSchema, QuoteSchema } from '../../lib/pack/schema';
import { parsePack } from '../../lib/pack/validate';
import { SHIPPED_PACK } from '../../data/shipped-pack';

const doc = (html: string) => new JSDOM(html).window.document as unknown as Document;

describe('languageOfText', () => {
  it.each([
    ['de', 'Die ukrainische Delegation hat in Dschidda einer Waffenruhe zugestimmt, sagte der Präsident am Abend.'],
    ['fr', 'La délégation ukrainienne a accepté à Djeddah un cessez-le-feu de 30 jours, selon le président.'],
    ['pl', 'Ukraińska delegacja zgodziła się w Dżuddzie na zawieszenie broni, które ma trwać przez 30 dni.'],
    ['es', 'La delegación ucraniana aceptó en Yeda un alto el fuego de 30 días, según el presidente.'],
    ['it', 'La delegazione ucraina ha accettato a Gedda un cessate il fuoco di 30 giorni, ha detto il presidente.'],
    ['lt', 'Ukrainos delegacija Džidoje pritarė paliauboms, kurios truks 30 dienų, sakė prezidentas.'],
    ['en', 'The Ukrainian delegation agreed to a ceasefire in Jeddah that would last for 30 days, the president said.'],
    ['uk', 'Українська делегація погодилася в Джидді на перемир’я, яке триватиме 30 днів.'],
    ['ru', 'Украинская делегация согласилась в Джидде на перемирие, которое продлится 30 дней, объявил Кремль.'],
  ])('reads %s', (lang, text) => expect(languageOfText(text)).toBe(lang));
});

describe('pageLanguages', () => {
  it('finds every language of a mixed page, from markup and from text', () => {
    const page = doc(`<html lang="de"><body><p>Die Ukraine hat der Waffenruhe zugestimmt, und der Kreml prüft die Ergebnisse noch.</p>
      <blockquote lang="uk">Ми готові до перемир’я, сказав президент.</blockquote>
      <p>Le président a dit que la trêve tiendrait, selon les diplomates qui étaient dans la salle.</p></body></html>`);
    expect([...pageLanguages(page)].sort()).toEqual(['de', 'fr', 'uk']);
  });

  it('reads the text where the template says English', () => {
    const page = doc(`<html lang="en"><body><nav>Home News Sport</nav><p>Ukraińska delegacja zgodziła się w Dżuddzie na zawieszenie broni, które ma trwać przez 30 dni.</p></body></html>`);
    expect(pageLanguages(page)).toContain('pl');
  });

  it('reads a long text in windows, so a language late on the page is found', () => {
    const english = 'The talks went on for hours and the delegation said that it was ready. '.repeat(400);
    expect([...languagesOfText([english, 'Die Delegation hat der Waffenruhe zugestimmt, und sie ist mit dem Ergebnis zufrieden.'])].sort()).toEqual(['de', 'en']);
  });

  it('articleLanguage: the article\'s own text wins over the template, English never overrules', () => {
    expect(articleLanguage('en', 'Die Delegation hat der Waffenruhe zugestimmt, und sie ist mit dem Ergebnis zufrieden.')).toBe('de');
    expect(articleLanguage('de', 'The delegation agreed to the ceasefire and it is happy with the result.')).toBe('de');
    expect(articleLanguage('en', '')).toBe('en');
  });
});

describe('open languages in the pack schema', () => {
  it('takes any BCP 47 tag as a key, needs en in localized text, refuses keys that are not tags', () => {
    expect(v.safeParse(LocalizedTextSchema, { en: 'Truce', de: 'Waffenruhe', 'pt-BR': 'Trégua', 'sr-Latn': 'Primirje' }).success).toBe(true);
    expect(v.safeParse(LocalizedTextSchema, { de: 'Waffenruhe' }).success).toBe(false);
    expect(v.safeParse(LocalizedTextSchema, { en: 'Truce', english: 'Truce' }).success).toBe(false);
    expect(v.safeParse(LocalizedTextSchema, { en: 'Truce', de_DE: 'Waffenruhe' }).success).toBe(false);
    expect(v.safeParse(AliasesSchema, { lt: ['paliaub*'], 'es-419': ['cese al fuego'] }).success).toBe(true);
    expect(v.safeParse(AliasesSchema, { 'not a tag': ['x'] }).success).toBe(false);
  });

  it('a quote may be in any language', () => {
    const quote = { text: 'Das ist eine rote Linie.', lang: 'de', speaker: 'X', role: 'Y', date: '2025-03-19', source: { outlet: 'Z' } };
    expect(v.safeParse(QuoteSchema, quote).success).toBe(true);
    expect(v.safeParse(QuoteSchema, { ...quote, lang: 'German' }).success).toBe(false);
  });

  it('a pack with terms in a new language validates, and its terms compile', () => {
    const pack = structuredClone(SHIPPED_PACK);
    pack.topics[1]!.aliases['pt-BR'] = ['cessar-fogo'];
    pack.topics[1]!.context!.languages!['pt-BR'] = { anchors: ['Ucrânia'], exclude: ['Faixa de Gaza'] };
    const result = parsePack(pack);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('dates and years in the new languages', async () => {
  const { parseHumanDate } = await import('../../lib/page/dates');
  const { findTimeYears } = await import('../../lib/matcher/find');
  it.each([
    ['11. März 2026', '2026-03-11'],
    ['11 mars 2026', '2026-03-11'],
    ['11 de marzo de 2026', '2026-03-11'],
    ['11 marzo 2026', '2026-03-11'],
    ['11 marca 2026, 07:30', '2026-03-11'],
    ['2026 m. kovo 11 d.', '2026-03-11'],
  ])('parseHumanDate(%j) = %j', (input, day) => expect(parseHumanDate(input)).toBe(day));

  it.each([
    ['Im Mai 2023 trafen sich die Parteien in Dschidda.', 2023],
    ['En mai 2023, les parties se sont réunies à Djeddah.', 2023],
    ['En mayo de 2023 las partes se reunieron en Yeda.', 2023],
    ['Nel maggio 2023 le parti si incontrarono a Gedda.', 2023],
    ['W maju 2023 strony spotkały się w Dżuddzie.', 2023],
    ['2023 m. gegužę šalys susitiko Džidoje.', 2023],
  ])('a year as a time: %s', (text, year) => expect(findTimeYears(text).map((y) => y.year)).toEqual([year]));
});

describe('mergeTerms (a second answer for the same topic)', () => {
  it('keeps what both answers said, titles included', async () => {
    const { mergeTerms } = await import('../../lib/matcher/languages');
    const de = { aliases: { de: ['Waffenruhe'] }, languages: {}, title: { de: 'Die Waffenruhe' } };
    const pl = { aliases: { pl: ['rozejm*'] }, languages: {}, title: { pl: 'Rozejm' } };
    expect(mergeTerms(de, pl)).toEqual({ aliases: { de: ['Waffenruhe'], pl: ['rozejm*'] }, languages: {}, title: { de: 'Die Waffenruhe', pl: 'Rozejm' } });
    expect(mergeTerms(undefined, pl)).toBe(pl);
  });
});

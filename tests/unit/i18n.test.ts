/**
 * Issue 7: "no string left hard-coded; a test fails on a missing key in either language".
 * Checks the interface strings (locales/<lang>/<area>.json, merged as the build merges them) against
 * each other and against the code: every key the code asks for exists in every language, every
 * message says something and takes the same substitutions everywhere, the manifest's words come
 * from the locales, and no component writes visible words past `t()`.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { localeLanguages, mergeLocale, type ChromeMessages } from '../../lib/locales';
import config from '../../wxt.config';
import { tPlural, type PluralKeys } from '../../lib/plural';
import { uiLanguage } from '../../lib/i18n';
import { installFakeI18n } from '../fixtures/fake-i18n';
import { issueText, languageName } from '../../components/options/text';

const LANGUAGES = localeLanguages('locales');
const messages: Record<string, ChromeMessages> = Object.fromEntries(LANGUAGES.map((lang) => [lang, mergeLocale(`locales/${lang}`)]));
const en = messages.en!;

/** Source files under `dir` whose names end in one of `exts`, tests excluded. */
function sources(dir: string, exts: string[]): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => exts.some((e) => f.endsWith(e)) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .sort();
}
const CODE = [...sources('components', ['.tsx']), ...sources('entrypoints', ['.ts', '.tsx']), ...sources('lib', ['.ts', '.tsx'])];
const code = Object.fromEntries(CODE.map((f) => [f, readFileSync(f, 'utf8')]));

/** `$1`..`$9` a message substitutes, as a sorted list (`$$` is a literal dollar). */
const substitutions = (message: string) => [...new Set([...message.replace(/\$\$/g, '').matchAll(/\$([1-9])/g)].map((m) => m[1]!))].sort();

/** Area prefixes of keys (`options_`, `popup_`, ...): a string in the code starting so is a key. */
const PREFIXES = [...new Set(Object.keys(en).flatMap((k) => /^([a-z]+)_/.exec(k)?.[1] ?? []))].sort();

describe('the locale files', () => {
  it('exist for English and Ukrainian', () => {
    expect(LANGUAGES).toEqual(expect.arrayContaining(['en', 'uk']));
    expect(Object.keys(en).length).toBeGreaterThan(200);
  });

  it('exist for every interface language of issue 15', () => {
    expect(LANGUAGES).toEqual(['de', 'en', 'es', 'fr', 'it', 'lt', 'pl', 'ru', 'uk']);
  });

  it.each(LANGUAGES)('%s names itself (uiLanguage: the pages\u2019 lang and the plural rules follow the words shown)', (lang) => {
    expect(messages[lang]!.uiLanguage?.message).toBe(lang);
  });

  it.each(LANGUAGES)('%s: the store listing fits the stores\u2019 limits (name 75, description 132 characters)', (lang) => {
    expect([...messages[lang]!.extName!.message].length).toBeLessThanOrEqual(75);
    expect([...messages[lang]!.extDescription!.message].length).toBeLessThanOrEqual(132);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the English keys', (lang) => {
    const keys = Object.keys(messages[lang]!);
    expect(Object.keys(en).filter((k) => !keys.includes(k)), `missing in ${lang}`).toEqual([]);
    expect(keys.filter((k) => !(k in en)), `only in ${lang}`).toEqual([]);
  });

  it.each(LANGUAGES)('%s has no empty message', (lang) => {
    const empty = Object.entries(messages[lang]!).filter(([, v]) => typeof v?.message !== 'string' || v.message.trim() === '');
    expect(empty.map(([k]) => k)).toEqual([]);
  });

  it('every message takes the same $1..$9 substitutions in every language', () => {
    const differ: string[] = [];
    for (const [key, value] of Object.entries(en)) {
      for (const lang of LANGUAGES) {
        const other = messages[lang]![key];
        if (other && substitutions(other.message).join() !== substitutions(value.message).join()) {
          differ.push(`${key}: en ${substitutions(value.message).join() || '-'}, ${lang} ${substitutions(other.message).join() || '-'}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it('named $placeholders$ are declared wherever they are used', () => {
    const undeclared: string[] = [];
    for (const lang of LANGUAGES) {
      for (const [key, value] of Object.entries(messages[lang]!)) {
        for (const [, name] of value.message.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\$/g)) {
          if (!value.placeholders?.[name!.toLowerCase()] && !value.placeholders?.[name!]) undeclared.push(`${lang}:${key}:$${name}$`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});

describe('keys the code uses', () => {
  it('finds the code to check', () => {
    expect(CODE).toEqual(expect.arrayContaining(['components/options/OptionsApp.tsx', 'entrypoints/background.ts', 'lib/i18n.ts']));
  });

  it('every t("key") exists in every language', () => {
    const missing: string[] = [];
    let calls = 0;
    for (const [file, text] of Object.entries(code)) {
      for (const [, , key] of text.matchAll(/\bt\(\s*(['"])([^'"\n]+)\1/g)) {
        calls++;
        for (const lang of LANGUAGES) if (!messages[lang]![key!]) missing.push(`${file}: ${key} (${lang})`);
      }
    }
    expect(missing).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });

  it('every t(`prefix_${value}`) names at least one key in every language', () => {
    const missing: string[] = [];
    let templates = 0;
    for (const [file, text] of Object.entries(code)) {
      for (const [, template] of text.matchAll(/\bt\(\s*`([^`]*)`/g)) {
        templates++;
        const pattern = new RegExp(`^${template!.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^$()[\]\\|{}]/g, '\\$&')).join('[A-Za-z0-9_]+')}$`);
        for (const lang of LANGUAGES) if (!Object.keys(messages[lang]!).some((k) => pattern.test(k))) missing.push(`${file}: \`${template}\` (${lang})`);
      }
    }
    expect(missing).toEqual([]);
    expect(templates).toBeGreaterThan(10);
  });

  it('every key-shaped string in the code (passed on, mapped, chosen by a ternary) exists in every language', () => {
    const keyShaped = new RegExp(`['"\`]((?:${PREFIXES.join('|')})_[A-Za-z0-9_]*[A-Za-z0-9])['"\`]`, 'g');
    const missing: string[] = [];
    for (const [file, text] of Object.entries(code)) {
      for (const [, key] of text.matchAll(keyShaped)) {
        for (const lang of LANGUAGES) if (!messages[lang]![key!]) missing.push(`${file}: ${key} (${lang})`);
      }
    }
    expect(PREFIXES).toEqual(expect.arrayContaining(['options', 'popup', 'popover']));
    expect(missing).toEqual([]);
  });

  it('every __MSG_key__ in wxt.config.ts exists in every language', () => {
    const keys = [...readFileSync('wxt.config.ts', 'utf8').matchAll(/__MSG_(\w+?)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    const missing = keys.flatMap((key) => LANGUAGES.filter((lang) => !messages[lang]![key]).map((lang) => `${key} (${lang})`));
    expect(missing).toEqual([]);
  });
});

describe('the manifest', () => {
  type Manifest = {
    name: string;
    description: string;
    default_locale: string;
    action?: { default_title?: string };
    commands?: Record<string, { description?: string }>;
  };
  const manifestFor = async (browser: string, manifestVersion: 2 | 3): Promise<Manifest> => {
    const m = config.manifest;
    return (typeof m === 'function' ? await m({ browser, manifestVersion, mode: 'production', command: 'build' } as never) : m) as Manifest;
  };
  const MSG = /^__MSG_\w+__$/;

  it.each([
    ['chrome', 3],
    ['firefox', 2],
  ] as const)('%s MV%i takes its name, description, button title and command descriptions from the locales', async (browser, version) => {
    const manifest = await manifestFor(browser, version);
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toMatch(MSG);
    expect(manifest.description).toMatch(MSG);
    expect(manifest.action?.default_title).toMatch(MSG);
    const commands = Object.entries(manifest.commands ?? {});
    expect(commands.length).toBeGreaterThan(0);
    for (const [name, command] of commands) {
      // The browser names the toolbar-button command itself, in its own language.
      if (name.startsWith('_execute_')) continue;
      expect(command.description, name).toMatch(MSG);
    }
  });
});

describe('no words hard-coded in the interface', () => {
  /**
   * Text that is the same in every language: the product's name, and format examples typed as they
   * are whatever the language (a URL scheme, site patterns).
   */
  const SAME_IN_EVERY_LANGUAGE = new Set(['Factlight', 'https://', 'example.com, *.example.com']);
  /** Attributes a reader sees or hears. */
  const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
  const hasWords = (s: string) => /\p{L}{2,}/u.test(s);

  /** JSX text and visible attributes given as literals, and literal text written into the DOM. */
  function hardCoded(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const found: string[] = [];
    const report = (node: ts.Node, value: string) => {
      const trimmed = value.replace(/\s+/g, ' ').trim();
      if (hasWords(trimmed) && !SAME_IN_EVERY_LANGUAGE.has(trimmed)) {
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${JSON.stringify(trimmed)}`);
      }
    };
    const literal = (node: ts.Node | undefined): string | null =>
      node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node)) report(node, node.text);
      else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
        const init = node.initializer;
        const value = literal(init) ?? (init && ts.isJsxExpression(init) ? literal(init.expression) : null);
        if (value !== null) report(node, value);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
        const value = literal(node.right);
        if (value !== null && ['textContent', 'innerText', 'title', 'placeholder', 'ariaLabel', 'alt'].includes(node.left.name.text)) report(node, value);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setAttribute') {
        const [name, value] = node.arguments;
        if (literal(name) !== null && VISIBLE_ATTRIBUTES.has(literal(name)!) && literal(value) !== null) report(node, literal(value)!);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('the checker finds hard-coded words (so an empty result means something)', () => {
    const sample = `const a = <p title="Close the thing">Hello there<b>{t('x')}</b></p>;\nel.textContent = 'Loading…';\nel.setAttribute('aria-label', 'Next mention');\nconst ok = <h1>Factlight</h1>;`;
    expect(hardCoded('sample.tsx', sample)).toEqual([
      'sample.tsx:1: "Close the thing"',
      'sample.tsx:1: "Hello there"',
      'sample.tsx:2: "Loading…"',
      'sample.tsx:3: "Next mention"',
    ]);
  });

  it('no component, entry point or page script writes words past t()', () => {
    const found = Object.entries(code).flatMap(([file, text]) => hardCoded(file, text));
    expect(found).toEqual([]);
  });

  it('extension pages\u2019 HTML holds no words but the product name (each page sets its own title)', () => {
    const pages = sources('entrypoints', ['.html']);
    expect(pages.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, '');
      for (const [, words] of html.matchAll(/>([^<]+)</g)) {
        const text = words!.trim();
        if (hasWords(text) && !SAME_IN_EVERY_LANGUAGE.has(text)) found.push(`${file}: ${JSON.stringify(text)}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('counted phrases (issue 15: plurals through Intl.PluralRules)', () => {
  /** Every family of plural keys: `popup_mentions` for popup_mentions_one/_few/_many/_other. */
  const FAMILIES = Object.keys(en)
    .filter((k) => k.endsWith('_one'))
    .map((k) => k.slice(0, -'_one'.length));
  const keysOf = (family: string): PluralKeys => ({ one: `${family}_one`, few: `${family}_few`, many: `${family}_many`, other: `${family}_other` });

  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('every counted message of the popup, options page and badge is a plural family', () => {
    expect(FAMILIES).toEqual(
      expect.arrayContaining([
        'badge_title',
        'popup_mentions',
        'options_import_will_add',
        'options_import_will_replace',
        'options_import_unchanged',
        'options_import_added',
        'options_import_replaced',
        'options_export_done',
        'options_invalid_too_long',
        'options_invalid_min_items',
        'options_invalid_max_items',
      ]),
    );
    for (const family of FAMILIES) for (const key of Object.values(keysOf(family))) expect(en[key], key).toBeDefined();
    // The code asks for the families, never for a count-less message.
    const all = Object.values(code).join('\n');
    for (const gone of ['badge_title', 'popup_mentions', 'options_import_will_add', 'options_export_done']) expect(all).not.toMatch(new RegExp(`['"\`]${gone}['"\`]`));
  });

  it('English uses one text for few, many and other', () => {
    for (const family of FAMILIES) {
      const { few, many, other } = keysOf(family);
      expect([en[few]!.message, en[many]!.message], family).toEqual([en[other]!.message, en[other]!.message]);
    }
  });

  /** The words a count of 1, 2, 5, 21, 22 (and 11, for the languages where it differs) must come with. */
  const EXPECTED: Record<string, { mentions: Record<number, string>; added: Record<number, string> }> = {
    en: {
      mentions: { 1: '1 mention', 2: '2 mentions', 5: '5 mentions', 11: '11 mentions', 21: '21 mentions', 22: '22 mentions' },
      added: { 1: '1 topic added', 2: '2 topics added', 5: '5 topics added', 21: '21 topics added', 22: '22 topics added' },
    },
    uk: {
      mentions: { 1: '1 згадка', 2: '2 згадки', 5: '5 згадок', 11: '11 згадок', 21: '21 згадка', 22: '22 згадки' },
      added: { 1: 'додано 1 тему', 2: 'додано 2 теми', 5: 'додано 5 тем', 21: 'додано 21 тему', 22: 'додано 22 теми' },
    },
    ru: {
      mentions: { 1: '1 упоминание', 2: '2 упоминания', 5: '5 упоминаний', 11: '11 упоминаний', 21: '21 упоминание', 22: '22 упоминания' },
      added: { 1: 'добавлена 1 тема', 2: 'добавлены 2 темы', 5: 'добавлено 5 тем', 21: 'добавлена 21 тема', 22: 'добавлены 22 темы' },
    },
    pl: {
      mentions: { 1: '1 wzmianka', 2: '2 wzmianki', 5: '5 wzmianek', 11: '11 wzmianek', 21: '21 wzmianek', 22: '22 wzmianki' },
      added: { 1: 'dodano 1 temat', 2: 'dodano 2 tematy', 5: 'dodano 5 tematów', 21: 'dodano 21 tematów', 22: 'dodano 22 tematy' },
    },
    lt: {
      mentions: { 1: '1 paminėjimas', 2: '2 paminėjimai', 5: '5 paminėjimai', 10: '10 paminėjimų', 11: '11 paminėjimų', 21: '21 paminėjimas', 22: '22 paminėjimai' },
      added: { 1: 'pridėta 1 tema', 2: 'pridėtos 2 temos', 5: 'pridėtos 5 temos', 12: 'pridėta 12 temų', 21: 'pridėta 21 tema', 22: 'pridėtos 22 temos' },
    },
    de: {
      mentions: { 1: '1 Erwähnung', 2: '2 Erwähnungen', 5: '5 Erwähnungen', 21: '21 Erwähnungen', 22: '22 Erwähnungen' },
      added: { 1: '1 Thema hinzugefügt', 2: '2 Themen hinzugefügt', 5: '5 Themen hinzugefügt', 21: '21 Themen hinzugefügt', 22: '22 Themen hinzugefügt' },
    },
    fr: {
      // French counts 0 and 1 as singular.
      mentions: { 0: '0 mention', 1: '1 mention', 2: '2 mentions', 5: '5 mentions', 21: '21 mentions', 22: '22 mentions' },
      added: { 0: '0 sujet ajouté', 1: '1 sujet ajouté', 2: '2 sujets ajoutés', 5: '5 sujets ajoutés', 21: '21 sujets ajoutés', 22: '22 sujets ajoutés' },
    },
    es: {
      mentions: { 1: '1 mención', 2: '2 menciones', 5: '5 menciones', 21: '21 menciones', 22: '22 menciones' },
      added: { 1: '1 tema añadido', 2: '2 temas añadidos', 5: '5 temas añadidos', 21: '21 temas añadidos', 22: '22 temas añadidos' },
    },
    it: {
      mentions: { 1: '1 menzione', 2: '2 menzioni', 5: '5 menzioni', 21: '21 menzioni', 22: '22 menzioni' },
      added: { 1: '1 argomento aggiunto', 2: '2 argomenti aggiunti', 5: '5 argomenti aggiunti', 21: '21 argomenti aggiunti', 22: '22 argomenti aggiunti' },
    },
  };

  it('has expectations for every language', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(LANGUAGES);
  });

  it.each(LANGUAGES)('%s: tPlural gives the right form for 1, 2, 5, 21 and 22', (lang) => {
    installFakeI18n(lang);
    // No language passed: tPlural takes the rules of the language whose words are shown.
    expect(uiLanguage()).toBe(lang);
    const expected = EXPECTED[lang]!;
    const got = (family: string, counts: Record<number, string>) =>
      Object.fromEntries(Object.keys(counts).map((n) => [n, tPlural(keysOf(family), Number(n))]));
    expect(got('popup_mentions', expected.mentions)).toEqual(expected.mentions);
    expect(got('options_import_added', expected.added)).toEqual(expected.added);
    // The badge's tooltip carries the same count and the same form.
    for (const [n, words] of Object.entries(expected.mentions)) expect(tPlural(keysOf('badge_title'), Number(n))).toContain(words);
  });

  it.each(LANGUAGES)('%s: every plural family is written out for each category its language uses', (lang) => {
    installFakeI18n(lang);
    const rules = new Intl.PluralRules(lang);
    for (const family of FAMILIES) {
      const keys = keysOf(family);
      for (const n of [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1_000_000, 1.5]) {
        const text = tPlural(keys, n);
        expect(text, `${family} ${n}`).not.toBe(keys[rules.select(n) as keyof PluralKeys] ?? keys.other);
        expect(text, `${family} ${n}`).toContain(new Intl.NumberFormat(lang).format(n));
      }
      // Where the language has a `many` form for whole numbers (uk, ru, pl: 5 згадок), it is not the singular.
      if (rules.select(5) === 'many') expect(messages[lang]![keys.many]!.message, family).not.toBe(messages[lang]![keys.one]!.message);
    }
  });
});

describe('the options page\u2019s language names and counted problems', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('names a pack language in the reader\u2019s language, for tags the locales have no word for too', () => {
    installFakeI18n('de');
    expect(['en', 'uk', 'ru', 'lt', 'pt-BR'].map(languageName)).toEqual(['Englisch', 'Ukrainisch', 'Russisch', 'Litauisch', 'Portugiesisch (Brasilien)']);
    installFakeI18n('pl');
    expect(['uk', 'de'].map(languageName)).toEqual(['Ukraiński', 'Niemiecki']);
  });

  it('a validation limit reads in the plural form of its number', () => {
    installFakeI18n('ru');
    expect(issueText({ key: 'options_invalid_too_long', substitutions: ['1'] })).toBe('слишком длинное (не более 1 символа)');
    expect(issueText({ key: 'options_invalid_too_long', substitutions: ['200'] })).toBe('слишком длинное (не более 200 символов)');
    expect(issueText({ key: 'options_invalid_min_items', substitutions: ['1'] })).toBe('должно содержать хотя бы 1 запись');
    installFakeI18n('en');
    expect(issueText({ key: 'options_invalid_max_items', substitutions: ['1'] })).toBe('can have at most 1 entry');
    expect(issueText({ key: 'options_invalid_too_long', substitutions: ['80'] })).toBe('is too long (at most 80 characters)');
    // Not a number: the plain message.
    expect(issueText({ key: 'options_invalid_too_long', substitutions: [''] })).toBe('is too long (at most  characters)');
  });
});

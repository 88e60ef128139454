/**
 * Issue 7: "no string left hard-coded; a test fails on a missing key in either language".
 * Checks the interface strings (locales/<lang>/<area>.json, merged as the build merges them) against
 * each other and against the code: every key the code asks for exists in every language, every
 * message says something and takes the same substitutions everywhere, the manifest's words come
 * from the locales, and no component writes visible words past `t()`.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { localeLanguages, mergeLocale, type ChromeMessages } from '../../lib/locales';
import config from '../../wxt.config';

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

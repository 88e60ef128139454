/**
 * The extension's own words in a UI language, for page objects and assertions: the same merged
 * `locales/<lang>/*.json` the build writes to `_locales`, with `$1`..`$9` substituted the way the
 * browser does, and counted phrases in the form `Intl.PluralRules` picks (as `lib/plural.ts` does).
 */
import { join } from 'node:path';
import { mergeLocale, type ChromeMessages } from '../../../lib/locales';
import { REPO_ROOT } from '../harness/server';

export interface Words {
  lang: string;
  messages: ChromeMessages;
  /** The message `key` with its substitutions. */
  say(key: string, ...substitutions: string[]): string;
  /** The counted message of a plural family (`popup_mentions` → popup_mentions_one, ...) for `count`. */
  count(family: string, count: number, ...rest: string[]): string;
}

const cache = new Map<string, Words>();

export function wordsFor(lang = 'en'): Words {
  const cached = cache.get(lang);
  if (cached) return cached;
  const messages = mergeLocale(join(REPO_ROOT, 'locales', lang));
  const say = (key: string, ...substitutions: string[]) => {
    const entry = messages[key];
    if (!entry) throw new Error(`no message "${key}" in ${lang}`);
    return entry.message.replace(/\$(\d|\$)/g, (_, d: string) => (d === '$' ? '$' : (substitutions[Number(d) - 1] ?? '')));
  };
  const words: Words = {
    lang,
    messages,
    say,
    count: (family, count, ...rest) =>
      say(`${family}_${new Intl.PluralRules(lang).select(count)}`, new Intl.NumberFormat(lang).format(count), ...rest),
  };
  cache.set(lang, words);
  return words;
}

/**
 * Which of a topic's terms a page needs. A pack keys its aliases by language (`aliases.de`) and may
 * add anchors and exclusions per language (`context.languages.de`). The content script carries the
 * terms of the languages Factlight has always spoken (en, uk, ru: `CARRIED_LANGUAGES`) and asks the
 * background for those of any other language a page uses (`topic-terms`), so a page pays only for
 * its own languages. See docs/decisions/014-languages-by-need.md.
 */
import { PACK_LANGUAGES, type Aliases, type LanguageContext } from '../pack/schema';
import type { LeanTopic } from '../pack/lean';
import { normalizeTerm, wordSource } from './pattern';

/** Languages whose terms the content script always carries. */
export const CARRIED_LANGUAGES: readonly string[] = PACK_LANGUAGES;

/** The primary subtag of a language tag, lower case (`pt` for `pt-BR`, `sr` for `sr-Latn`). */
export function baseLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** True when pack language `tag` is one of `languages` (primary subtags): `pt-BR` is spoken where `pt` is. */
export function speaks(tag: string, languages: ReadonlySet<string>): boolean {
  return languages.has(baseLanguage(tag));
}

const carried = new Set(CARRIED_LANGUAGES);

/** The terms of one topic in some languages: what the background sends for a page's languages. */
export interface LanguageTerms {
  aliases: Aliases;
  languages: Record<string, LanguageContext>;
  /** The topic's title in those languages (the popup and the highlights' names use it). */
  title?: Record<string, string>;
}

/**
 * `topic` with only the terms a page in `languages` needs: aliases of the carried languages and of
 * `languages`, per-language context of `languages`. The top-level anchors and exclusions stay.
 */
export function topicForLanguages<T extends LeanTopic>(topic: T, languages: ReadonlySet<string>): T {
  const keep = (tag: string) => speaks(tag, carried) || speaks(tag, languages);
  const aliases = Object.fromEntries(Object.entries(topic.aliases).filter(([tag]) => keep(tag)));
  const context = topic.context && {
    ...topic.context,
    ...(topic.context.languages && {
      languages: Object.fromEntries(Object.entries(topic.context.languages).filter(([tag]) => speaks(tag, languages))),
    }),
  };
  // Titles too: each language's title costs the content script bytes on every page.
  const title = Object.fromEntries(Object.entries(topic.title).filter(([tag]) => keep(tag))) as T['title'];
  return { ...topic, title, aliases, ...(context && { context }) };
}

/**
 * RegExp source (flags `iu`) of the longest literal stem of every alias of `topics` in the languages
 * beyond the carried ones (`fuego` for `alto el fuego`, `czerwon` for `czerwon* lini*`): a page whose
 * text holds none of them cannot mention a topic in those languages, so its languages need not be
 * worked out. Empty when there are none.
 */
export function extraAliasLiterals(topics: readonly LeanTopic[]): string {
  const stems = topics.flatMap((topic) =>
    Object.entries(topic.aliases).flatMap(([tag, list]) =>
      speaks(tag, carried)
        ? []
        : list.map((alias) =>
            normalizeTerm(alias)
              .split(/[\s\-\u2010\u2011*]+/)
              .reduce((best, stem) => ([...stem].length >= [...best].length ? stem : best), ''),
          ),
    ),
  );
  return [...new Set(stems.map((stem) => (stem.length >= 2 ? wordSource(stem) : '[\\s\\S]')))].sort().join('|');
}

/** The languages (primary subtags) `topic` has terms in beyond the carried ones. */
export function extraLanguagesOf(topic: LeanTopic): string[] {
  const tags = [...Object.keys(topic.aliases), ...Object.keys(topic.context?.languages ?? {})];
  return [...new Set(tags.map(baseLanguage))].filter((l) => !carried.has(l)).sort();
}

/**
 * The terms of `topics` in `languages` (primary subtags; anything that is not a short string is
 * ignored: the list comes in a message), per topic id. Topics with none are left out.
 */
export function termsFor(topics: readonly LeanTopic[], languages: unknown): Record<string, LanguageTerms> {
  const wanted = new Set(
    (Array.isArray(languages) ? languages : []).filter((l): l is string => typeof l === 'string' && /^[a-z]{2,3}$/.test(l)).slice(0, 20),
  );
  const out: Record<string, LanguageTerms> = {};
  for (const topic of topics) {
    const aliases = Object.fromEntries(Object.entries(topic.aliases).filter(([tag]) => speaks(tag, wanted)));
    const context = Object.fromEntries(Object.entries(topic.context?.languages ?? {}).filter(([tag]) => speaks(tag, wanted)));
    const title = Object.fromEntries(Object.entries(topic.title).filter(([tag]) => speaks(tag, wanted) && !speaks(tag, carried)));
    if (Object.keys(aliases).length || Object.keys(context).length || Object.keys(title).length) {
      out[topic.id] = { aliases, languages: context, ...(Object.keys(title).length && { title }) };
    }
  }
  return out;
}

/** `a` and `b`, the terms of one topic from two answers, as one: `b` wins where both have a language. */
export function mergeTerms(a: LanguageTerms | undefined, b: LanguageTerms): LanguageTerms {
  if (!a) return b;
  const title = { ...a.title, ...b.title };
  return {
    aliases: { ...a.aliases, ...b.aliases },
    languages: { ...a.languages, ...b.languages },
    ...(Object.keys(title).length && { title }),
  };
}

/**
 * `topics` with `terms` (from `termsFor`) added: each topic's aliases and per-language context get
 * the languages it was sent. A topic the answer does not name is unchanged.
 */
export function withTerms<T extends LeanTopic>(topics: readonly T[], terms: Record<string, LanguageTerms>): T[] {
  return topics.map((topic) => {
    const more = Object.prototype.hasOwnProperty.call(terms, topic.id) ? terms[topic.id] : undefined;
    if (!more) return topic;
    const context = topic.context ?? (Object.keys(more.languages).length ? { anchors: [] } : undefined);
    return {
      ...topic,
      ...(more.title && { title: { ...more.title, ...topic.title } }),
      aliases: { ...topic.aliases, ...more.aliases },
      ...(context && { context: { ...context, languages: { ...context.languages, ...more.languages } } }),
    };
  });
}

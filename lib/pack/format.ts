/**
 * The canonical written form of pack files, so a data file's diff shows only real changes: two-space
 * JSON with a final newline, term lists sorted case-insensitively and free of duplicates.
 */
import { normalizeTerm } from '../matcher/pattern';
import type { Topic, TopicPack } from './schema';

/** Order of terms in a written pack: case-insensitive code-point order, then the exact spelling. */
export function compareTerms(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Terms of `list` that are out of order or repeat an earlier term (as the matcher reads them). */
export function termListProblems(list: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((term, i) => {
    const key = normalizeTerm(term);
    if (seen.has(key)) problems.push(`duplicate: ${term}`);
    seen.add(key);
    if (i > 0 && compareTerms(list[i - 1]!, term) > 0) problems.push(`out of order: ${list[i - 1]} before ${term}`);
  });
  return problems;
}

/** Every term list of a topic, named by its path, for checks over all of them. */
export function topicTermLists(topic: Topic): [string, readonly string[]][] {
  const perLanguage = Object.entries(topic.context?.languages ?? {}).flatMap(([lang, c]): [string, readonly string[]][] => [
    [`context.languages.${lang}.anchors`, c.anchors ?? []],
    [`context.languages.${lang}.exclude`, c.exclude ?? []],
  ]);
  return [
    ...Object.entries(topic.aliases).map(([lang, list]): [string, readonly string[]] => [`aliases.${lang}`, list]),
    ['context.anchors', topic.context?.anchors ?? []],
    ['context.exclude', topic.context?.exclude ?? []],
    ...perLanguage,
  ];
}

/** The pack with every term list sorted and de-duplicated, and timelines and quotes in date order. */
export function canonicalPack(pack: TopicPack): TopicPack {
  const tidy = (list?: string[]) => {
    if (!list) return list;
    const seen = new Set<string>();
    return [...list].sort(compareTerms).filter((t) => !seen.has(normalizeTerm(t)) && seen.add(normalizeTerm(t)));
  };
  const byDate = <T extends { date: string }>(list?: T[]) => (list ? [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) : list);
  return {
    ...pack,
    topics: pack.topics.map((t) => ({
      ...t,
      aliases: Object.fromEntries(Object.entries(t.aliases).map(([lang, list]) => [lang, tidy(list)!])),
      ...(t.context && {
        context: {
          ...t.context,
          anchors: tidy(t.context.anchors)!,
          ...(t.context.exclude && { exclude: tidy(t.context.exclude) }),
          ...(t.context.languages && {
            languages: Object.fromEntries(
              Object.entries(t.context.languages).map(([lang, c]) => [
                lang,
                { ...c, ...(c.anchors && { anchors: tidy(c.anchors) }), ...(c.exclude && { exclude: tidy(c.exclude) }) },
              ]),
            ),
          }),
        },
      }),
      ...(t.timeline && { timeline: byDate(t.timeline) }),
      ...(t.quotes && { quotes: byDate(t.quotes) }),
    })),
  };
}

/** A pack written in the canonical form of `data/*.json`. */
export function formatPack(pack: unknown): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

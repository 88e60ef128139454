/**
 * Compiles a pack's topics once: one combined RegExp for the aliases of every topic (run over every
 * segment, so a page without a candidate costs one regex pass) and a word table for the context terms
 * (anchors and exclusions, looked up only around candidates and over the article body once there is
 * at least one candidate).
 */
import type { LeanTopic as Topic } from '../pack/lean';
import { AFTER_WORD, literalCoreSource, normalizeTerm, stripInvisible, termMinLength, termRegExp, termSource } from './pattern';
import { buildTermIndex, type TermIndex } from './term-index';

/** How a context term bears on one topic. */
export type TermRole = 'anchor' | 'exclude';

/** One distinct context term across the pack. */
export interface ContextTerm {
  /** The term as written in the pack (first spelling seen). */
  term: string;
  /** Its role per topic index; `undefined` where the topic does not list it. */
  roles: (TermRole | undefined)[];
}

/** One topic, ready for matching. */
export interface CompiledTopic {
  id: string;
  index: number;
  topic: Topic;
  /**
   * Aliases in every language, longest first, each with a whole-text RegExp to name the alias a
   * match came from, and the fewest characters a match of it can have.
   */
  aliases: CompiledAlias[];
  /** Articles published before this day (YYYY-MM-DD) get no mention of the topic. */
  eventsBegin?: string;
  /** Distinct anchors a mention's evidence needs. */
  requireAnchors: number;
  /** True when the topic has anchors (in any language): without them its alias alone decides. */
  anchored: boolean;
}

/** An alias, with its whole-text RegExp (made on first use) and the shortest text it can match. */
export interface CompiledAlias {
  alias: string;
  readonly re: RegExp;
  /** Characters (code points) in the shortest text `re` matches: its letters, and one per gap between words. */
  minLength: number;
}

/** A pack compiled for matching. Build once per pack and reuse: compiling costs far more than a search. */
export interface CompiledTopics {
  topics: CompiledTopic[];
  /**
   * Every alias of every topic; capturing group `i + 1` is topic `i`. Flags `giu`. It has no leading
   * lookbehind: `findCandidates` checks the character before a match itself, because a lookbehind
   * tried at every position made the scan about ten times slower in V8.
   */
  readonly aliasRe: RegExp;
  /**
   * Every alias without the word boundaries, not global (flags `iu`): for asking a whole page's text
   * at once whether any alias can match in it. Text that holds a match of `aliasRe` matches this;
   * the reverse may not hold ("jeddahs"), which only costs a closer look. Null for a pack with no
   * aliases.
   */
  coreRe: RegExp | null;
  /**
   * The longest literal run of every alias (flags `giu`): a plain alternation of words, fast over
   * megabytes, that finds the places where `coreRe` can match. Null when some alias has no literal
   * letters (then `coreRe` runs over the whole text).
   */
  literalRe: RegExp | null;
  /** Lookup table of every context term; hit ids index `terms`. Built on first read. */
  readonly contextIndex: TermIndex;
  terms: ContextTerm[];
}

const byLengthDesc = (a: string, b: string) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);

function allAliases(topic: Topic): string[] {
  return [...new Set(Object.values(topic.aliases).flat().map(normalizeTerm))].filter(Boolean).sort(byLengthDesc);
}

/**
 * Compiles `topics` for `findCandidates` and `findContextHits`: every alias and context term they
 * hold, in every language (narrow them first with `topicForLanguages` for one page). Throws only if
 * a term cannot be compiled, which `parsePack` rules out for packs that passed validation.
 */
export function compileTopics(topics: readonly Topic[]): CompiledTopics {
  const compiled: CompiledTopic[] = topics.map((topic, index) => ({
    id: topic.id,
    index,
    topic,
    aliases: allAliases(topic).map(lazyAlias),
    eventsBegin: topic.eventsBegin,
    requireAnchors: topic.context?.requireAnchors ?? 1,
    anchored: !!topic.context?.anchors.length || Object.values(topic.context?.languages ?? {}).some((c) => !!c.anchors?.length),
  }));

  // A topic without aliases still gets a group (that never matches) so group i + 1 stays topic i.
  const groups = compiled.map((t) =>
    t.aliases.length ? `(${t.aliases.map((a) => termSource(a.alias)).join('|')})` : '(?!)',
  );
  let aliasRe: RegExp | null = null;
  const cores = compiled.flatMap((t) => t.aliases.map((a) => termSource(a.alias)));
  const coreRe = cores.length ? new RegExp(cores.join('|'), 'iu') : null;
  const literals = compiled.flatMap((t) => t.aliases.map((a) => literalCoreSource(a.alias)));
  const literalRe = literals.length && literals.every(Boolean) ? new RegExp([...new Set(literals)].join('|'), 'giu') : null;

  const termIndex = new Map<string, number>();
  const terms: ContextTerm[] = [];
  const addTerm = (raw: string, topicIndex: number, role: TermRole) => {
    const key = normalizeTerm(raw);
    if (!key) return;
    let i = termIndex.get(key);
    if (i === undefined) {
      i = terms.length;
      termIndex.set(key, i);
      terms.push({ term: raw.trim(), roles: compiled.map(() => undefined) });
    }
    // A term listed as both anchor and exclusion for one topic is an exclusion: be quiet when unsure.
    if (terms[i]!.roles[topicIndex] !== 'exclude') terms[i]!.roles[topicIndex] = role;
  };
  compiled.forEach((t) => {
    const perLanguage = Object.values(t.topic.context?.languages ?? {});
    for (const a of [...(t.topic.context?.anchors ?? []), ...perLanguage.flatMap((c) => c.anchors ?? [])]) addTerm(a, t.index, 'anchor');
    for (const x of [...(t.topic.context?.exclude ?? []), ...perLanguage.flatMap((c) => c.exclude ?? [])]) addTerm(x, t.index, 'exclude');
  });
  let contextIndex: TermIndex | null = null;
  return {
    topics: compiled,
    // Made on first use too: the quick check, which rules out most pages, needs only the two below.
    get aliasRe() {
      return (aliasRe ??= new RegExp(`(?:${groups.join('|')})${AFTER_WORD}`, 'giu'));
    },
    coreRe,
    literalRe,
    // Built on first use: a page the quick check rules out never needs it, and building it (with
    // the three patterns above) made one slice of 30-60 ms on a cold page.
    get contextIndex() {
      return (contextIndex ??= buildTermIndex(terms.map((t) => t.term)));
    },
    terms,
  };
}

/**
 * An alias with its whole-text RegExp, made on first use: it only names the alias a candidate came
 * from, and a `u`-flag RegExp with Unicode classes costs a fraction of a millisecond to make.
 */
function lazyAlias(alias: string): CompiledAlias {
  let re: RegExp | null = null;
  return {
    alias,
    minLength: termMinLength(alias),
    get re() {
      return (re ??= termRegExp(alias));
    },
  };
}

/**
 * Everything `compileTopics` makes on first use, made now: so a validator sees any term that would
 * not compile.
 */
export function compileFully(topics: readonly Topic[]): CompiledTopics {
  const compiled = compileTopics(topics);
  void compiled.contextIndex;
  void compiled.aliasRe;
  for (const topic of compiled.topics) for (const a of topic.aliases) void a.re;
  return compiled;
}

/**
 * The alias of `topic` that `text` (a match) is a form of, or the text itself if none matches whole:
 * the first, longest first, whose RegExp matches it. Aliases that need more characters than the text
 * has are passed over without making their RegExp: making and compiling every longer alias of a
 * topic (dozens, in nine languages) before a short one took 20 ms of the first judgement on a page.
 */
export function aliasOf(topic: CompiledTopic, text: string): string {
  const flat = stripInvisible(text).text;
  let length = 0;
  for (const _ of flat) length++;
  return topic.aliases.find((a) => a.minLength <= length && a.re.test(flat))?.alias ?? flat;
}

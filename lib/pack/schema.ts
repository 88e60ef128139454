/**
 * The published topic-pack schema (version 1), written with valibot because it validates without
 * `eval` (MV3 pages forbid it) and gives a path for every problem it reports.
 * `docs/topic-pack.md` documents it for people; `docs/topic-pack.schema.json` is generated from it.
 */
import * as v from 'valibot';

/**
 * The pack format version this build writes. Bump with a migration when the shape changes
 * (`migratePack` in lib/pack/migrate.ts): version 2 added dated roles (`people`, `quote.person`) and
 * quote notes; every version-1 pack is a valid version-2 pack once its number is changed.
 */
export const PACK_SCHEMA_VERSION = 2;
/** Every version `migratePack` turns into the current one. */
export const READABLE_PACK_VERSIONS: readonly number[] = [1, 2];
/**
 * The languages Factlight's own pack has always been written in, and whose terms the content script
 * carries on every page. A pack may speak any language (keys are BCP 47 tags: `de`, `pt-BR`,
 * `sr-Latn`); English is required in localized text, the others fall back to it.
 */
export const PACK_LANGUAGES = ['en', 'uk', 'ru'] as const;
/** A language a pack speaks: a BCP 47 tag (`en`, `uk`, `pt-BR`, `sr-Latn`). */
export type PackLanguage = string;

/**
 * The shape of a BCP 47 language tag as packs write them: a primary language (2-3 letters), then an
 * optional script (4 letters), region (2 letters or 3 digits) and variants, joined by hyphens.
 * Case-insensitive (`pt-br` reads as `pt-BR`). Private-use and extension subtags are not accepted.
 */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$/;
const LANGUAGE_TAG_MESSAGE = 'must be a BCP 47 language tag, like en, de, pt-BR or sr-Latn';
export const LanguageTagSchema = v.pipe(v.string(), v.regex(LANGUAGE_TAG, LANGUAGE_TAG_MESSAGE), v.maxLength(35));
/** True when every key of `record` is a language tag. */
const languageKeys = (record: object) => Object.keys(record).every((key) => LANGUAGE_TAG.test(key));

const MAX_TEXT = 2000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Text a user may type: no markup, so nothing can ever be mistaken for HTML by a later reader. */
const NO_MARKUP = /^[^<>]*$/;

const plainText = (max = MAX_TEXT) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.regex(NO_MARKUP, 'must not contain < or > (no HTML or script)'),
  );

const isoDate = v.pipe(v.string(), v.regex(ISO_DATE, 'must be a date written YYYY-MM-DD'));
const httpsUrl = v.pipe(
  v.string(),
  v.url('must be a URL'),
  v.regex(/^https?:\/\//, 'must start with https:// or http://'),
  v.maxLength(MAX_TEXT),
);

/**
 * Text with an English original and versions in any other languages, keyed by BCP 47 tag
 * (`{ "en": "...", "uk": "...", "de": "..." }`).
 */
export const LocalizedTextSchema = v.pipe(
  v.objectWithRest({ en: plainText() }, plainText()),
  v.check((text) => languageKeys(text), `every key ${LANGUAGE_TAG_MESSAGE}`),
);

/** Where a fact or quote comes from. */
export const SourceSchema = v.strictObject({
  outlet: plainText(200),
  title: v.optional(plainText(400)),
  url: v.optional(httpsUrl),
  date: v.optional(isoDate),
});

export const TimelineEntrySchema = v.strictObject({
  date: isoDate,
  text: LocalizedTextSchema,
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'every timeline entry names a source')),
});

/** Ids of topics and of people: lowercase words joined by hyphens (also read from addresses: lib/timeline-url.ts). */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * One office a person held. `from` and `until` are the first and last day (inclusive); a missing
 * bound means "before (or after) every date the pack speaks of".
 */
export const RoleSchema = v.pipe(
  v.strictObject({
    title: LocalizedTextSchema,
    from: v.optional(isoDate),
    until: v.optional(isoDate),
  }),
  v.check((role) => !role.from || !role.until || role.from <= role.until, 'a role cannot end before it begins'),
);

/**
 * Someone a topic quotes, with the offices they held over time, so a quote shows the role its
 * speaker held on the day the words were said (Yermak in March 2025, Budanov in January 2026).
 */
export const PersonSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(SLUG, 'must be lowercase words joined by hyphens, like andriy-yermak'), v.maxLength(64)),
  name: LocalizedTextSchema,
  roles: v.pipe(v.array(RoleSchema), v.minLength(1, 'a person has at least one role'), v.maxLength(50)),
});

export const QuoteSchema = v.pipe(
  v.strictObject({
    /** Verbatim, in the language it was published in. */
    text: plainText(),
    lang: LanguageTagSchema,
    /** The speaker as the source names them (a person, or a body such as a joint statement). */
    speaker: plainText(200),
    /** A person of the topic's `people`: their role on `date` is shown. */
    person: v.optional(v.pipe(v.string(), v.regex(SLUG, 'must be the id of one of the topic\'s people'))),
    /** The speaker's role in words, for speakers that are not in `people` (and for version-1 packs). */
    role: v.optional(plainText(300)),
    date: isoDate,
    source: SourceSchema,
    /** A reader's note, for example where a translation can mislead. */
    note: v.optional(LocalizedTextSchema),
  }),
  v.check((quote) => !!quote.person || !!quote.role, 'a quote names its speaker\'s role: give "role", or "person" with dated roles'),
);

/**
 * Alias syntax: a phrase of words separated by spaces or hyphens. A word ending in `*` matches that
 * stem plus any letters (for inflections: `червон* ліні*`); the stem needs at least two characters so
 * a term can never match every word. Case, apostrophe kind, hyphen or space between words, soft
 * hyphens and line breaks are all matched loosely by the matcher.
 */
export const ALIAS_SYNTAX = /^[^\s*]{2,}\*?(?:[\s-]+[^\s*]+\*?)*$|^[^\s*]+(?:[\s-]+[^\s*]+\*?)+$|^[^\s*]+$/u;
const alias = v.pipe(
  plainText(120),
  v.regex(ALIAS_SYNTAX, 'write words separated by spaces; `*` may only end a word of at least two letters, like червон*'),
);
const aliasList = v.array(alias);

/** Aliases per language, keyed by BCP 47 tag: `{ "en": [...], "uk": [...], "de": [...] }`. */
export const AliasesSchema = v.record(LanguageTagSchema, aliasList);

/** Anchors and exclusions of one language (see `ContextSchema.languages`). */
export const LanguageContextSchema = v.strictObject({
  anchors: v.optional(aliasList),
  exclude: v.optional(aliasList),
});

/**
 * What ties a mention to this topic's events rather than another story. Terms use the alias syntax.
 * - `anchors`: words of this story (Ukraine, Zelenskyy, Kremlin, ...); a mention needs them near it
 *   or, failing that, throughout the article.
 * - `exclude`: words that mark another story (Gaza, Grand Prix, Sudan, ...); they outweigh anchors
 *   that are farther from the mention, and an exclusion that contains the mention itself
 *   ("Jeddah Tower", "thin red line") always vetoes it.
 * - `requireAnchors`: how many distinct anchors near the mention are enough on their own (default 1);
 *   below that the article as a whole must name at least this many (and at least two).
 * - `languages`: more anchors and exclusions, per language (BCP 47 tag), used only on pages that
 *   use that language; `anchors` and `exclude` above apply on every page.
 * See docs/decisions/002-matcher-context-rules.md and 014-languages-by-need.md.
 */
export const ContextSchema = v.strictObject({
  anchors: aliasList,
  exclude: v.optional(aliasList),
  requireAnchors: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10))),
  languages: v.optional(v.record(LanguageTagSchema, LanguageContextSchema)),
});

export const TopicIdSchema = v.pipe(
  v.string(),
  v.regex(SLUG, 'must be lowercase words joined by hyphens, like my-topic'),
  v.maxLength(64),
);

export const TopicSchema = v.strictObject({
  id: TopicIdSchema,
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  /** When the context was last checked. */
  asOf: isoDate,
  /** The day the topic's events begin: articles published before it get no popover. */
  eventsBegin: v.optional(isoDate),
  aliases: AliasesSchema,
  context: v.optional(ContextSchema),
  timeline: v.optional(v.array(TimelineEntrySchema)),
  quotes: v.optional(v.array(QuoteSchema)),
  /** The people its quotes name by `person`, with their dated roles. */
  people: v.optional(v.pipe(v.array(PersonSchema), v.maxLength(200))),
  notes: v.optional(plainText(4000)),
});

export const TopicPackSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.string()),
    format: v.literal('factlight-topic-pack', 'must be "factlight-topic-pack"'),
    version: v.literal(PACK_SCHEMA_VERSION, `must be ${PACK_SCHEMA_VERSION} (this Factlight reads version ${PACK_SCHEMA_VERSION})`),
    id: TopicIdSchema,
    name: plainText(200),
    asOf: isoDate,
    topics: v.pipe(v.array(TopicSchema), v.minLength(1, 'a pack has at least one topic'), v.maxLength(200)),
  }),
  v.check(
    (pack) => new Set(pack.topics.map((t) => t.id)).size === pack.topics.length,
    'topic ids must be unique within a pack',
  ),
);

export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;
export type TimelineEntry = v.InferOutput<typeof TimelineEntrySchema>;
export type Quote = v.InferOutput<typeof QuoteSchema>;
export type Role = v.InferOutput<typeof RoleSchema>;
export type Person = v.InferOutput<typeof PersonSchema>;
export type Aliases = v.InferOutput<typeof AliasesSchema>;
export type TopicContext = v.InferOutput<typeof ContextSchema>;
export type LanguageContext = v.InferOutput<typeof LanguageContextSchema>;
export type Topic = v.InferOutput<typeof TopicSchema>;
export type TopicPack = v.InferOutput<typeof TopicPackSchema>;

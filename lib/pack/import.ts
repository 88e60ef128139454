/**
 * Import and export of topic packs as JSON files following the published schema (lib/pack/schema.ts,
 * docs/topic-pack.md). A bad file changes nothing and gets messages naming what is wrong and where;
 * a good one is turned into a plan (what it adds, what it replaces) that the reader confirms.
 *
 * Messages are i18n keys plus substitutions (`locales/<lang>/options.json`), so the options page
 * shows them in the reader's language; a `path` (`topics[2].quotes[0].source.url`) names the place.
 */
import * as v from 'valibot';
import { PACK_SCHEMA_VERSION, READABLE_PACK_VERSIONS, TopicPackSchema, type Topic, type TopicPack } from './schema';
import { migratePack } from './migrate';
import { parsePack } from './validate';
import { loadUserTopics, saveUserTopics, type SaveResult } from '../settings/store';

/** Files above this are refused before a byte is read (the shipped pack is a few hundred KB). */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;
/** At most this many problems are listed for one file: enough to fix, not a wall of text. */
export const MAX_LISTED_ISSUES = 10;
/** The `format` every pack carries. */
export const PACK_FORMAT = 'factlight-topic-pack';

/** One problem, as an i18n key with substitutions, and where it is (`topics[0].title.en`) when known. */
export interface ImportMessage {
  key: string;
  substitutions: string[];
  path?: string;
}

/** What reading a file gave: a valid pack, or the problems (none of which changed anything). */
export type ImportResult = { ok: true; pack: TopicPack } | { ok: false; errors: ImportMessage[] };

/** The part of `File` we use, so tests and callers can pass plain objects. */
export interface PackFileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** What an import will do, shown to the reader before anything is written. */
export interface ImportPlan {
  /** Topics with ids not present now. */
  add: Topic[];
  /** Topics whose id exists now (shipped or the reader's) and whose content differs: the file's wins. */
  replace: Topic[];
  /** Topics identical to what is there now: nothing to do. */
  unchanged: Topic[];
}

// ---------------------------------------------------------------------------------------------
// Paths and issue messages

/** `['topics', 2, 'quotes', 0]` → `topics[2].quotes[0]`. */
export function formatPath(keys: readonly unknown[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  return formatPath((issue.path ?? []).map((item) => item.key));
}

/** Which rule a schema regex enforces, told apart by probing it (the schema's messages are English). */
function regexKind(re: RegExp): string {
  if (!re.test('<') && re.test('plain text')) return 'options_invalid_markup';
  if (re.test('my-topic') && !re.test('My Topic')) return 'options_invalid_id';
  if (re.test('2025-03-11') && !re.test('11.03.2025')) return 'options_invalid_date';
  if (re.test('https://example.com') && !re.test('ftp://example.com')) return 'options_invalid_http';
  return 'options_invalid_value';
}

/**
 * Translate a valibot issue into a message key: the schema's own messages are English, the reader
 * may not be. Exported for the options page's topic form, which validates with the same schema.
 */
export function issueMessage(issue: v.BaseIssue<unknown>): ImportMessage {
  const path = issuePath(issue);
  const req = issue.requirement;
  const base = (key: string, substitutions: string[] = []): ImportMessage => ({ key, substitutions, path });
  if (issue.received === 'undefined' && issue.kind === 'schema') return base('options_invalid_missing');
  switch (issue.type) {
    case 'min_length':
      return req === 1 && issue.expected === '>=1' && typeof issue.input === 'string'
        ? base('options_invalid_empty')
        : base(typeof issue.input === 'string' ? 'options_invalid_empty' : 'options_invalid_min_items', [String(req)]);
    case 'max_length':
      return base(Array.isArray(issue.input) ? 'options_invalid_max_items' : 'options_invalid_too_long', [String(req)]);
    case 'regex':
      return base(req instanceof RegExp ? regexKind(req) : 'options_invalid_value');
    case 'url':
      return base('options_invalid_url');
    case 'strict_object':
      return base('options_invalid_unknown_field');
    case 'picklist':
    case 'literal':
      return base('options_invalid_choice', [issue.expected ?? '']);
    case 'integer':
    case 'min_value':
    case 'max_value':
      return base('options_invalid_number');
    case 'check':
      return base('options_invalid_value');
    default:
      if (issue.kind === 'schema') return base('options_invalid_type', [issue.expected ?? '', issue.received]);
      return base('options_invalid_value');
  }
}

// ---------------------------------------------------------------------------------------------
// JSON syntax errors with a place

/**
 * Where the first JSON syntax error in `text` is (1-based line and column), found by a small
 * scanner because each browser words `JSON.parse` errors differently and some give no position.
 * `null` if the scanner finds the text well-formed.
 */
export function locateJsonError(text: string): { line: number; column: number } | null {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail();
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail();
      }
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
    return null;
  } catch (at) {
    if (typeof at !== 'number') return null;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return { line, column };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a file

/** `52428800` → `50.0 MB`. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Every string value (and key) containing `<` or `>`, by path: markup has no place in a pack. */
function findMarkup(value: unknown, keys: (string | number)[], out: ImportMessage[]): void {
  if (out.length >= MAX_LISTED_ISSUES) return;
  if (typeof value === 'string') {
    if (/[<>]/.test(value)) out.push({ key: 'options_import_markup', substitutions: [], path: formatPath(keys) });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findMarkup(item, [...keys, i], out));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (/[<>]/.test(key)) out.push({ key: 'options_import_markup', substitutions: [], path: formatPath([...keys, key]) });
      else findMarkup(item, [...keys, key], out);
    }
  }
}

/** Topic ids that appear more than once in the file, with every place they appear. */
function findDuplicateIds(topics: unknown[]): ImportMessage[] {
  const places = new Map<string, number[]>();
  topics.forEach((topic, i) => {
    if (isRecord(topic) && typeof topic.id === 'string') places.set(topic.id, [...(places.get(topic.id) ?? []), i]);
  });
  return [...places]
    .filter(([, at]) => at.length > 1)
    .map(([id, at]) => ({
      key: 'options_import_duplicate_id',
      substitutions: [id, at.map((i) => `topics[${i}]`).join(', ')],
      path: `topics[${at[1]}].id`,
    }));
}

/**
 * Check a parsed value as a pack: format, version, markup in any text, duplicate ids, then the full
 * schema and `parsePack`'s checks (lib/pack/validate.ts). Each check names what is wrong and where. Pure.
 */
export function checkPack(input: unknown): ImportResult {
  // A pack exported by an earlier Factlight is first brought to today's format.
  const data = migratePack(input);
  if (!isRecord(data)) return { ok: false, errors: [{ key: 'options_import_not_pack', substitutions: [] }] };
  if (data.format !== PACK_FORMAT) {
    return {
      ok: false,
      errors: [{ key: 'options_import_wrong_format', substitutions: [PACK_FORMAT, JSON.stringify(data.format ?? null).slice(0, 60)], path: 'format' }],
    };
  }
  if (data.version !== PACK_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [{ key: 'options_import_wrong_version', substitutions: [JSON.stringify(data.version ?? null).slice(0, 20), READABLE_PACK_VERSIONS.join(', ')], path: 'version' }],
    };
  }
  const markup: ImportMessage[] = [];
  findMarkup(data, [], markup);
  if (markup.length > 0) return { ok: false, errors: markup };
  if (Array.isArray(data.topics)) {
    const duplicates = findDuplicateIds(data.topics);
    if (duplicates.length > 0) return { ok: false, errors: duplicates.slice(0, MAX_LISTED_ISSUES) };
  }
  // The schema pass here, rather than parsePack's, because its issues are turned into messages in the
  // reader's language; parsePack then adds what a schema cannot say (terms that do not compile, dates
  // out of order), in the matcher's English words.
  const parsed = v.safeParse(TopicPackSchema, data);
  if (!parsed.success) return { ok: false, errors: parsed.issues.slice(0, MAX_LISTED_ISSUES).map(issueMessage) };
  const checked = parsePack(data);
  if (!checked.ok) {
    return {
      ok: false,
      errors: checked.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({
        key: 'options_import_pack_issue',
        substitutions: [issue.message],
        path: dotPathToBrackets(issue.path),
      })),
    };
  }
  return { ok: true, pack: checked.pack };
}

/** `topics.1.aliases.uk.0` (parsePack's paths) → `topics[1].aliases.uk[0]` (ours). */
export function dotPathToBrackets(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/**
 * Read a pack file chosen by the reader. Refuses a file over {@link MAX_PACK_BYTES} before reading
 * it (so a 50 MB file is answered at once), an empty file, text that is not JSON (with line and
 * column), and anything {@link checkPack} refuses. Never rejects.
 */
export async function readPackFile(file: PackFileLike): Promise<ImportResult> {
  const tooBig = (bytes: number): ImportResult => ({
    ok: false,
    errors: [{ key: 'options_import_too_big', substitutions: [formatMegabytes(bytes), formatMegabytes(MAX_PACK_BYTES)] }],
  });
  if (file.size > MAX_PACK_BYTES) return tooBig(file.size);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, errors: [{ key: 'options_import_unreadable', substitutions: [file.name] }] };
  }
  if (text.length > MAX_PACK_BYTES) return tooBig(text.length);
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, errors: [{ key: 'options_import_empty', substitutions: [] }] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    return {
      ok: false,
      errors: [
        where
          ? { key: 'options_import_not_json_at', substitutions: [String(where.line), String(where.column)] }
          : { key: 'options_import_not_json', substitutions: [] },
      ],
    };
  }
  return checkPack(data);
}

// ---------------------------------------------------------------------------------------------
// Plan, apply, export

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What importing `pack` would do given the topics there now (shipped and the reader's, as the
 * matcher sees them): ids that exist are replaced (the file's version wins; deleting the imported
 * topic later brings a shipped one back), new ids are added, identical topics are left alone. Pure.
 */
export function planImport(pack: Pick<TopicPack, 'topics'>, existingTopics: readonly Topic[]): ImportPlan {
  const existing = new Map(existingTopics.map((topic) => [topic.id, topic]));
  const plan: ImportPlan = { add: [], replace: [], unchanged: [] };
  for (const topic of pack.topics) {
    const now = existing.get(topic.id);
    if (!now) plan.add.push(topic);
    else if (sameJson(now, topic)) plan.unchanged.push(topic);
    else plan.replace.push(topic);
  }
  return plan;
}

/**
 * Carry out a plan the reader confirmed: added and replacing topics are stored among the reader's
 * topics (`local:userTopics`), replacing ones in place. One write: on a quota or storage error,
 * nothing changes and the result says why. Never rejects.
 */
export async function applyImport(plan: ImportPlan): Promise<SaveResult> {
  const user = await loadUserTopics();
  const incoming = [...plan.replace, ...plan.add];
  const byId = new Map(incoming.map((topic) => [topic.id, topic]));
  const next = user.map((topic) => byId.get(topic.id) ?? topic);
  const kept = new Set(next.map((topic) => topic.id));
  for (const topic of incoming) if (!kept.has(topic.id)) next.push(topic);
  return saveUserTopics(next);
}

/** Today as `YYYY-MM-DD` (UTC), for a pack's `asOf`. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A pack file for `topics`, as pretty JSON that {@link readPackFile} reads back to the same topics.
 * @param meta `id` (default `my-topics`), `name` (required: shown when someone imports it) and
 *   `asOf` (default: today).
 */
export function exportPack(topics: readonly Topic[], meta: { name: string; id?: string; asOf?: string }): string {
  const pack: TopicPack = {
    format: PACK_FORMAT,
    version: PACK_SCHEMA_VERSION,
    id: meta.id ?? 'my-topics',
    name: meta.name,
    asOf: meta.asOf ?? today(),
    topics: [...topics],
  };
  return `${JSON.stringify(pack, null, 2)}\n`;
}

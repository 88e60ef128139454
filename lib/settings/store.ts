/**
 * Typed, versioned storage for settings and topics. See docs/decisions/003-settings-storage.md.
 *
 * - `sync:settings` (storage.sync, follows the reader across browsers): small preferences only.
 *   Version 2; version 1 is migrated on first read.
 * - `local:userTopics`: topics the reader wrote or imported (can be megabytes: storage.local).
 * - `local:topicOverrides`: the reader's alias edits to shipped topics, by topic id.
 *
 * Nothing here throws on bad stored data: every read is repaired field by field to the defaults, and
 * every write returns a {@link SaveResult} instead of rejecting, so a full quota is a message, not a
 * lost change of state.
 */
import { storage } from 'wxt/utils/storage';
import * as v from 'valibot';
import { t } from '../i18n';
import type { LeanTopic } from '../pack/lean';
import { PACK_SCHEMA_VERSION, TopicSchema, type Aliases, type Topic, AliasesSchema, TopicIdSchema } from '../pack/schema';
import { parsePack } from '../pack/validate';
import {
  COLOR_PRESET_IDS,
  DEFAULT_SETTINGS,
  SITE_MODES,
  SitePatternSchema,
  defaultTopicPrefs,
  type Settings,
  type TopicPrefs,
} from './schema';
import { FILE_SITE, hostPatternMatches, normalizeSitePattern } from '../sites';

// ---------------------------------------------------------------------------------------------
// Settings: versions and migration

/** The version of `sync:settings` this build writes. */
export const SETTINGS_VERSION = 2;

/**
 * What version 1 (Factlight 0.0.x) stored under `sync:settings`: one on/off switch and a map of
 * hosts the reader had switched on or off. Kept as a type so the migration says what it reads.
 */
export interface SettingsV1 {
  enabled?: boolean;
  sites?: Record<string, boolean>;
  /** 0.0.x opened the popover on hover when this was set. */
  hoverPopover?: boolean;
}

/**
 * v1 → v2: `enabled: false` becomes `paused`; `sites[host] = true|false` become the "always on" /
 * "never on" lists (hosts that are not valid sites are dropped); `hoverPopover` moves into
 * `popover.openOnHover`. Everything v1 did not know gets its default. Never throws: a value that is
 * not a v1 object migrates to the defaults.
 */
export function migrateSettingsV1(old: unknown): Settings {
  const v1 = (typeof old === 'object' && old !== null ? old : {}) as SettingsV1;
  const alwaysOn: string[] = [];
  const neverOn: string[] = [];
  if (typeof v1.sites === 'object' && v1.sites !== null) {
    for (const [host, on] of Object.entries(v1.sites)) {
      const pattern = normalizeSitePattern(host);
      if (pattern === null || typeof on !== 'boolean') continue;
      const list = on ? alwaysOn : neverOn;
      if (!list.includes(pattern)) list.push(pattern);
    }
  }
  return {
    ...structuredClone(DEFAULT_SETTINGS),
    paused: v1.enabled === false,
    alwaysOn,
    neverOn,
    popover: { ...DEFAULT_SETTINGS.popover, openOnHover: v1.hoverPopover === true },
  };
}

/**
 * The stored settings item. Its value may be anything a past build, another device or a corrupt
 * sync wrote, so read it through {@link loadSettings} (which repairs) rather than `getValue()`.
 */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: { 2: migrateSettingsV1 },
});

// ---------------------------------------------------------------------------------------------
// Settings: repair

const FALLBACK_PREFS: TopicPrefs = defaultTopicPrefs(0);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Make any stored value into valid {@link Settings}, field by field: each field that is valid is
 * kept, each that is missing or wrong gets its default, and its name is reported. Site lists keep
 * their valid entries and drop the rest (`alwaysOn[2]`); per-topic preferences are repaired per
 * property (`topics.my-topic.color`). Unknown fields are dropped (`unknown: foo`). Never throws.
 */
export function repairSettings(raw: unknown): { settings: Settings; repaired: string[] } {
  const repaired: string[] = [];
  const src = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) repaired.push('(all)');
  const out = structuredClone(DEFAULT_SETTINGS);

  const bool = (value: unknown, fallback: boolean, name: string): boolean => {
    if (typeof value === 'boolean') return value;
    if (isRecord(raw)) repaired.push(name);
    return fallback;
  };
  const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string): T => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    if (isRecord(raw)) repaired.push(name);
    return fallback;
  };

  out.paused = bool(src.paused, DEFAULT_SETTINGS.paused, 'paused');
  out.siteMode = pick(src.siteMode, SITE_MODES, DEFAULT_SETTINGS.siteMode, 'siteMode');
  for (const list of ['alwaysOn', 'neverOn'] as const) {
    const value = src[list];
    if (!Array.isArray(value)) {
      if (isRecord(raw)) repaired.push(list);
      continue;
    }
    const kept: string[] = [];
    value.forEach((entry, i) => {
      const parsed = v.safeParse(SitePatternSchema, entry);
      if (!parsed.success) repaired.push(`${list}[${i}]`);
      else if (!kept.includes(parsed.output)) kept.push(parsed.output);
    });
    out[list] = kept;
  }

  if (isRecord(src.topics)) {
    for (const [id, prefs] of Object.entries(src.topics)) {
      if (!isRecord(prefs)) {
        repaired.push(`topics.${id}`);
        continue;
      }
      const name = `topics.${id}`;
      out.topics[id] = {
        enabled: bool(prefs.enabled, FALLBACK_PREFS.enabled, `${name}.enabled`),
        color: pick(prefs.color, COLOR_PRESET_IDS, FALLBACK_PREFS.color, `${name}.color`),
        style: pick(prefs.style, ['background', 'underline'] as const, FALLBACK_PREFS.style, `${name}.style`),
      };
    }
  } else if (isRecord(raw)) {
    repaired.push('topics');
  }

  const popover = isRecord(src.popover) ? src.popover : {};
  if (!isRecord(src.popover) && isRecord(raw)) repaired.push('popover');
  for (const key of Object.keys(DEFAULT_SETTINGS.popover) as (keyof Settings['popover'])[]) {
    if (!isRecord(src.popover)) break;
    out.popover[key] = bool(popover[key], DEFAULT_SETTINGS.popover[key], `popover.${key}`);
  }
  out.highlightMode = pick(src.highlightMode, ['first-per-section', 'every'] as const, DEFAULT_SETTINGS.highlightMode, 'highlightMode');
  out.theme = pick(src.theme, ['auto', 'light', 'dark'] as const, DEFAULT_SETTINGS.theme, 'theme');

  for (const key of Object.keys(src)) if (!(key in DEFAULT_SETTINGS)) repaired.push(`unknown: ${key}`);
  return { settings: out, repaired };
}

/** Settings as stored, repaired, plus the names of fields that had to be repaired (for the options page). */
export async function loadSettingsWithReport(): Promise<{ settings: Settings; repaired: string[] }> {
  try {
    const raw: unknown = await settingsItem.getValue();
    return repairSettings(raw);
  } catch {
    // Storage itself failed (extension context gone, profile locked): run on the defaults.
    return { settings: structuredClone(DEFAULT_SETTINGS), repaired: ['(unreadable)'] };
  }
}

/** The current settings, always valid (repaired to defaults field by field). Never rejects. */
export async function loadSettings(): Promise<Settings> {
  return (await loadSettingsWithReport()).settings;
}

// ---------------------------------------------------------------------------------------------
// Saving, and quota errors

/**
 * How a save went. On failure nothing was written (the previous value is still stored) and
 * `message` is a sentence for the reader, already translated; `messageKey` is its i18n key.
 */
export type SaveResult = { ok: true } | { ok: false; reason: 'quota' | 'error'; message: string; messageKey: string };

/** storage.sync's per-item limit in Chrome (Firefox uses the same number). */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;

/** Bytes storage.sync counts for one item: the key plus the JSON of the value, in UTF-8. */
export function syncItemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

function failure(reason: 'quota' | 'error', messageKey: string, detail?: string | string[]): SaveResult {
  const subs = detail === undefined ? undefined : Array.isArray(detail) ? detail : [detail];
  return { ok: false, reason, messageKey, message: t(messageKey, subs) };
}

/**
 * Turn a storage rejection into a result. Chrome says `QUOTA_BYTES_PER_ITEM quota exceeded`,
 * `QUOTA_BYTES quota exceeded`, `MAX_ITEMS quota exceeded` or `MAX_WRITE_OPERATIONS_PER_MINUTE quota
 * exceeded`; Firefox says `QuotaExceededError: storage.sync API call exceeded its quota limitations.`
 */
export function saveErrorResult(error: unknown, area: 'sync' | 'local'): SaveResult {
  const text = error instanceof Error ? error.message : String(error);
  if (/MAX_WRITE_OPERATIONS/i.test(text)) return failure('quota', 'options_error_quota_rate');
  if (/quota/i.test(text)) return failure('quota', area === 'sync' ? 'options_error_quota_sync' : 'options_error_quota_local');
  return failure('error', 'options_error_save', text.slice(0, 200));
}

let settingsQueue: Promise<unknown> = Promise.resolve();

/**
 * Change settings. `update` is a partial object merged over the current settings, or a function of
 * them. The result is repaired before it is written, so a caller cannot store an invalid value.
 * Saves from one page run one after another, so two quick clicks never lose one of the changes.
 * Never rejects: a quota or storage error returns `{ ok: false }` and leaves the stored value as it was.
 */
export function saveSettings(update: Partial<Settings> | ((s: Settings) => Settings)): Promise<SaveResult> {
  const run = async (): Promise<SaveResult> => {
    const current = await loadSettings();
    let next: Settings;
    try {
      next = typeof update === 'function' ? update(structuredClone(current)) : { ...current, ...structuredClone(update) };
    } catch (error) {
      return failure('error', 'options_error_save', String(error).slice(0, 200));
    }
    const { settings } = repairSettings(next);
    if (syncItemBytes('settings', settings) > SYNC_QUOTA_BYTES_PER_ITEM) return failure('quota', 'options_error_quota_sync');
    try {
      await settingsItem.setValue(settings);
      return { ok: true };
    } catch (error) {
      return saveErrorResult(error, 'sync');
    }
  };
  const result = settingsQueue.then(run, run);
  settingsQueue = result;
  return result;
}

/**
 * Call `cb` with the repaired settings whenever they change, in this page or any other (options
 * page, popup, another device through sync): how changes reach open tabs live. Returns the unwatch.
 */
export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((value) => cb(repairSettings(value).settings));
}

// ---------------------------------------------------------------------------------------------
// Per-site switch and per-topic preferences (pure)

/**
 * Turn a site on or off for good, as the popup's switch and the keyboard shortcut do. Pure.
 * - on: every "never on" pattern that covers the host is removed (a `*.example.com` too: otherwise
 *   the switch would not work, since "never" beats "always"), and the host is added to "always on"
 *   unless a pattern there already covers it;
 * - off: "always on" entries that name exactly this site are removed (wildcards stay: "never" beats
 *   them), and the host is added to "never on" unless a pattern there already covers it.
 * Returns `settings` unchanged when `host` names no site (`''`, as `siteKey` gives for restricted
 * pages, or a wildcard).
 * @param host a page's site from `siteKey(url)` (lib/sites.ts), or a host (`URL.hostname`);
 *   {@link FILE_SITE} for local files.
 */
export function setSiteEnabled(settings: Settings, host: string, enabled: boolean): Settings {
  const isFile = host === FILE_SITE;
  const normal = isFile ? FILE_SITE : host.trim() === '' ? null : normalizeSitePattern(host);
  if (normal === null || normal.startsWith('*.')) return settings;
  const site = normal === FILE_SITE ? FILE_SITE : normal.replace(/^www\./, '');
  const probe = isFile ? '' : normal;
  const covers = (p: string) => hostPatternMatches(p, probe);
  const same = (p: string) => !p.startsWith('*.') && covers(p);
  if (enabled) {
    const neverOn = settings.neverOn.filter((p) => !covers(p));
    const alwaysOn = settings.alwaysOn.some(covers) ? settings.alwaysOn : [...settings.alwaysOn, site];
    return { ...settings, alwaysOn, neverOn };
  }
  const alwaysOn = settings.alwaysOn.filter((p) => !same(p));
  const neverOn = settings.neverOn.some(covers) ? settings.neverOn : [...settings.neverOn, site];
  return { ...settings, alwaysOn, neverOn };
}

/** A topic's on/off, colour and style: the stored choice, or the default for its place in the list. */
export function topicPrefs(settings: Settings, topicId: string, index: number): TopicPrefs {
  return settings.topics[topicId] ?? defaultTopicPrefs(index);
}

// ---------------------------------------------------------------------------------------------
// Topics in storage.local

/** The reader's alias edits to shipped topics, by topic id. */
export type TopicOverrides = Record<string, { aliases?: Aliases }>;

/** Topics the reader wrote or imported (validated on every read; see {@link loadUserTopics}). */
export const userTopicsItem = storage.defineItem<Topic[]>('local:userTopics', { fallback: [], version: 1 });

/** Alias edits to shipped topics. */
export const topicOverridesItem = storage.defineItem<TopicOverrides>('local:topicOverrides', { fallback: {}, version: 1 });

/**
 * Keep the valid topics of a stored list, first of each id; report the indexes dropped. Pure.
 */
export function repairUserTopics(raw: unknown): { topics: Topic[]; dropped: number[] } {
  if (!Array.isArray(raw)) return { topics: [], dropped: raw == null ? [] : [-1] };
  const topics: Topic[] = [];
  const dropped: number[] = [];
  raw.forEach((item, i) => {
    const parsed = v.safeParse(TopicSchema, item);
    if (!parsed.success || topics.some((t) => t.id === parsed.output.id)) dropped.push(i);
    else topics.push(parsed.output);
  });
  return { topics, dropped };
}

/** Keep the valid entries of stored alias overrides. Pure. */
export function repairOverrides(raw: unknown): TopicOverrides {
  const out: TopicOverrides = {};
  if (!isRecord(raw)) return out;
  for (const [id, entry] of Object.entries(raw)) {
    if (!v.is(TopicIdSchema, id) || !isRecord(entry)) continue;
    const aliases = v.safeParse(AliasesSchema, entry.aliases);
    if (aliases.success) out[id] = { aliases: aliases.output };
  }
  return out;
}

/** The reader's own and imported topics, valid ones only. Never rejects. */
export async function loadUserTopics(): Promise<Topic[]> {
  try {
    return repairUserTopics(await userTopicsItem.getValue()).topics;
  } catch {
    return [];
  }
}

/** Alias overrides for shipped topics, valid ones only. Never rejects. */
export async function loadTopicOverrides(): Promise<TopicOverrides> {
  try {
    return repairOverrides(await topicOverridesItem.getValue());
  } catch {
    return {};
  }
}

/**
 * Store the reader's topics (replacing the list). Each must already be valid, for the schema and for
 * the matcher (`parsePack`'s checks): an invalid one is refused with `options_error_invalid_topic` and
 * nothing is written. Never rejects.
 */
export async function saveUserTopics(topics: Topic[]): Promise<SaveResult> {
  const seen = new Set<string>();
  for (const topic of topics) {
    if (!v.is(TopicSchema, topic) || seen.has(topic.id)) return failure('error', 'options_error_invalid_topic', [topic?.id ?? '', '']);
    seen.add(topic.id);
  }
  if (topics.length > 0) {
    // The checks a schema cannot make (every alias compiles, dates in order): a topic that passes the
    // schema but not the matcher must never reach the content script.
    const checked = parsePack({ format: 'factlight-topic-pack', version: PACK_SCHEMA_VERSION, id: 'user-topics', name: 'User topics', asOf: '2000-01-01', topics });
    if (!checked.ok) {
      const issue = checked.issues[0]!;
      const index = /^topics\.(\d+)/.exec(issue.path)?.[1];
      const id = index === undefined ? '' : (topics[Number(index)]?.id ?? '');
      return failure('error', 'options_error_invalid_topic', [id, issue.message]);
    }
  }
  try {
    await userTopicsItem.setValue(topics);
    return { ok: true };
  } catch (error) {
    return saveErrorResult(error, 'local');
  }
}

/** Store alias overrides (replacing them). Never rejects. */
export async function saveTopicOverrides(overrides: TopicOverrides): Promise<SaveResult> {
  try {
    await topicOverridesItem.setValue(repairOverrides(overrides));
    return { ok: true };
  } catch (error) {
    return saveErrorResult(error, 'local');
  }
}

/**
 * The topics the matcher uses, in order: shipped topics (a user or imported topic with the same id
 * takes its place; otherwise the reader's alias override, if any, replaces its aliases), then the
 * reader's other topics in their order. Overrides apply to shipped topics only: the reader edits
 * their own topics directly. Pure; inputs are not changed.
 */
export function effectiveTopics<T extends LeanTopic = Topic>(shipped: readonly T[], user: readonly Topic[], overrides: TopicOverrides): Array<T | Topic> {
  const userById = new Map(user.map((topic) => [topic.id, topic]));
  const result: Array<T | Topic> = shipped.map((topic) => {
    const replacement = userById.get(topic.id);
    if (replacement) return replacement;
    const aliases = overrides[topic.id]?.aliases;
    return aliases ? { ...topic, aliases } : topic;
  });
  const shippedIds = new Set(shipped.map((topic) => topic.id));
  for (const topic of user) if (!shippedIds.has(topic.id)) result.push(topic);
  return result;
}

/** Shipped topics plus the reader's, as stored now (see {@link effectiveTopics}). Never rejects. */
export async function loadEffectiveTopics<T extends LeanTopic = Topic>(shipped: readonly T[]): Promise<Array<T | Topic>> {
  const [user, overrides] = await Promise.all([loadUserTopics(), loadTopicOverrides()]);
  return effectiveTopics(shipped, user, overrides);
}

/** Call `cb` when the reader's topics or alias overrides change anywhere. Returns the unwatch. */
export function watchTopics(cb: () => void): () => void {
  const a = userTopicsItem.watch(() => cb());
  const b = topicOverridesItem.watch(() => cb());
  return () => {
    a();
    b();
  };
}

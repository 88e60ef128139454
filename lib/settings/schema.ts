/**
 * The shape of every stored setting and its defaults. Types are derived from the defaults' schema so
 * there is one source of truth. Small preferences live in `storage.sync`; topic packs (large) live in
 * `storage.local`.
 */
import * as v from 'valibot';
import { TopicSchema } from '../pack/schema';
import { normalizeSitePattern } from '../sites';

/** Highlight colour presets: each pair (background, text) meets WCAG AA on itself in light and dark. */
export const COLOR_PRESETS = {
  amber: { background: '#fde68a', text: '#1c1917', underline: '#b45309' },
  sky: { background: '#bae6fd', text: '#0c1a2b', underline: '#0369a1' },
  rose: { background: '#fecdd3', text: '#2a0a12', underline: '#be123c' },
  lime: { background: '#d9f99d', text: '#14210a', underline: '#4d7c0f' },
  violet: { background: '#ddd6fe', text: '#1e1238', underline: '#6d28d9' },
  slate: { background: '#e2e8f0', text: '#0f172a', underline: '#334155' },
} as const;
export type ColorPreset = keyof typeof COLOR_PRESETS;
export const COLOR_PRESET_IDS = Object.keys(COLOR_PRESETS) as ColorPreset[];

export const SITE_MODES = ['news', 'all', 'listed'] as const;
export type SiteMode = (typeof SITE_MODES)[number];

export const TopicPrefsSchema = v.object({
  enabled: v.boolean(),
  color: v.picklist(COLOR_PRESET_IDS),
  style: v.picklist(['background', 'underline']),
});
export type TopicPrefs = v.InferOutput<typeof TopicPrefsSchema>;

/**
 * Site patterns: a host (`example.com`, which also covers `www.`), `*.example.com` for subdomains, or
 * `file://` for local files; stored in the normal form {@link normalizeSitePattern} gives (lib/sites.ts).
 */
export const SitePatternSchema = v.pipe(
  v.string(),
  v.check((s) => normalizeSitePattern(s) !== null, 'must be a site such as example.com or *.example.com'),
  v.transform((s) => normalizeSitePattern(s) ?? s),
);

/** Settings kept in storage.sync (small: the whole object stays well under the 8 KB item quota). */
export const SettingsSchema = v.object({
  /** Pause highlighting everywhere. */
  paused: v.boolean(),
  /** Where to highlight when a site is in neither list. */
  siteMode: v.picklist(SITE_MODES),
  alwaysOn: v.array(SitePatternSchema),
  neverOn: v.array(SitePatternSchema),
  /** Per-topic on/off, colour and style, by topic id. Topics missing here use defaultTopicPrefs(). */
  topics: v.record(v.string(), TopicPrefsSchema),
  popover: v.object({
    openOnHover: v.boolean(),
    showTimeline: v.boolean(),
    showQuotes: v.boolean(),
    showInArticle: v.boolean(),
  }),
  /** Highlight every mention, or only the first of each topic per section (less noise: default). */
  highlightMode: v.picklist(['first-per-section', 'every']),
  theme: v.picklist(['auto', 'light', 'dark']),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  paused: false,
  siteMode: 'news',
  alwaysOn: [],
  neverOn: [],
  topics: {},
  popover: { openOnHover: false, showTimeline: true, showQuotes: true, showInArticle: true },
  highlightMode: 'first-per-section',
  theme: 'auto',
};

/** Colour given to topics in order, so the shipped three read apart at a glance. */
const TOPIC_COLOR_ORDER: ColorPreset[] = ['amber', 'sky', 'rose', 'lime', 'violet', 'slate'];

/** Preferences for a topic the user has not customised. */
export function defaultTopicPrefs(index: number): TopicPrefs {
  return { enabled: true, color: TOPIC_COLOR_ORDER[index % TOPIC_COLOR_ORDER.length]!, style: 'background' };
}

/** Topics the user wrote or imported, kept in storage.local. Same shape as pack topics. */
export const UserTopicsSchema = v.array(TopicSchema);

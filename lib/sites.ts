/**
 * Which pages get highlights: one pure rule, tested over a long table of URLs (tests/unit/sites.test.ts).
 *
 * Site patterns, as the reader writes them in the options page or as the popup's switch adds them:
 * - `example.com` matches `example.com` and `www.example.com` (and `www.example.com` matches both too:
 *   a leading `www.` never makes two sites);
 * - `*.example.com` matches every subdomain at any depth and `example.com` itself;
 * - comparison ignores case, a trailing dot, a port and a scheme or path typed by mistake; Unicode
 *   (IDN) names are compared in their punycode form, which is what `URL` gives for a page's host;
 * - `file://` names local files. A `file:` URL has an empty host, so "the site" of every local file
 *   is the same one; it is not restricted, so the reader (and our end-to-end tests, which load
 *   `file://` pages) can turn it on or off like any other site.
 * A site in both lists is off: "never" beats "always".
 */
import type { Settings } from './settings/schema';

/** What the rule decided for a URL, in the order it is checked. */
export type SiteDecision = 'on' | 'paused' | 'site-off' | 'not-news' | 'restricted';

/** The pattern that stands for local files (`file:` URLs, whose host is empty). */
export const FILE_SITE = 'file://';

/**
 * Hosts where browsers forbid extensions to run scripts (their add-on stores and, in Firefox, its
 * account pages: `extensions.webextensions.restrictedDomains`). We say "restricted" there instead of
 * promising highlights that cannot appear.
 */
const RESTRICTED_HOSTS = new Set([
  'chromewebstore.google.com',
  'addons.mozilla.org',
  'accounts-static.cdn.mozilla.net',
  'accounts.firefox.com',
  'addons.cdn.mozilla.net',
  'api.accounts.firefox.com',
  'content.cdn.mozilla.net',
  'discovery.addons.mozilla.org',
  'install.mozilla.org',
  'oauth.accounts.firefox.com',
  'profile.accounts.firefox.com',
  'support.mozilla.org',
  'sync.services.mozilla.com',
  'microsoftedge.microsoft.com',
]);

/** The old Chrome Web Store lives under a path of a host that is otherwise open. */
function isRestrictedPath(host: string, pathname: string): boolean {
  return host === 'chrome.google.com' && (pathname === '/webstore' || pathname.startsWith('/webstore/'));
}

/** Lower-case, no trailing dot(s), punycode for Unicode names; `''` when it is not a usable host. */
function canonicalHost(host: string): string {
  let h = host.trim().toLowerCase().replace(/\.+$/, '');
  if (h === '') return '';
  if (/[^\x20-\x7e]/.test(h)) {
    try {
      h = new URL(`http://${h}/`).hostname.replace(/\.+$/, '');
    } catch {
      return '';
    }
  }
  return h;
}

/** `www.example.com` and `example.com` are one site. */
function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * The site of a URL as used in the lists: its host (lower-case, no trailing dot, punycode), or
 * {@link FILE_SITE} for a local file; `null` for URLs that have no site we act on (restricted ones
 * included), so the popup hides its per-site switch there.
 */
export function siteOfUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'file:') return FILE_SITE;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = canonicalHost(parsed.hostname);
  if (host === '' || RESTRICTED_HOSTS.has(host) || isRestrictedPath(host, parsed.pathname)) return null;
  return host;
}

/**
 * The key of a URL's site in the lists, as the popup's switch and the keyboard shortcut store it:
 * the host without `www.` (lower-case, no trailing dot, punycode), {@link FILE_SITE} for a local file,
 * or `''` when the URL has no site we act on (restricted, not a web page, not a URL).
 * Pass it to `setSiteEnabled` (lib/settings/store.ts); test membership with {@link listMatches},
 * not `includes`, so wildcards and `www.` count.
 */
export function siteKey(url: string): string {
  const site = siteOfUrl(url);
  if (site === null) return '';
  return site.startsWith('www.') ? site.slice(4) : site;
}

/**
 * Turn what a reader typed into a stored pattern, or `null` when it cannot name a site.
 * Accepts `Example.COM`, `https://www.example.com/path`, `*.example.com`, `example.com:8080`,
 * `пример.рф`, `file://`; rejects `*`, `*example.com`, `a*.b.com`, spaces inside, empty text.
 */
export function normalizeSitePattern(input: string): string | null {
  let text = input.trim();
  if (text === '') return null;
  if (/^file:/i.test(text)) return FILE_SITE;
  let wildcard = false;
  if (text.startsWith('*.')) {
    wildcard = true;
    text = text.slice(2);
  }
  if (text.includes('*')) return null;
  // A full URL or host:port pasted in: keep only the host.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let host: string;
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null;
    host = canonicalHost(parsed.hostname);
  } catch {
    return null;
  }
  if (host === '' || host.length > 253) return null;
  // Names like `localhost`, `intranet`, IPv4 and [IPv6] are fine; labels are letters, digits, - and _.
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9_-]+(\.[a-z0-9_-]+)*)$/.test(host)) return null;
  if (wildcard && host.startsWith('[')) return null;
  return wildcard ? `*.${host}` : host;
}

/**
 * Whether a list pattern covers a host (`''` = a local file). Invalid patterns match nothing.
 * @param pattern as stored (see {@link normalizeSitePattern}); normalised again here, so a
 *   hand-edited or synced list with `Example.com.` still works.
 * @param host a page's `URL.hostname` (any case, trailing dot and punycode as the browser gives it).
 */
export function hostPatternMatches(pattern: string, host: string): boolean {
  const p = normalizeSitePattern(pattern);
  if (p === null) return false;
  const h = canonicalHost(host);
  if (p === FILE_SITE) return h === '' || host === FILE_SITE;
  if (h === '') return false;
  if (p.startsWith('*.')) {
    const base = p.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return withoutWww(p) === withoutWww(h);
}

/** Whether any pattern of a list covers the host. */
export function listMatches(patterns: readonly string[], host: string): boolean {
  return patterns.some((p) => hostPatternMatches(p, host));
}

/**
 * Decide whether a page is highlighted. Pure: same inputs, same answer; no storage, no DOM.
 *
 * Order: `restricted` (a URL extensions cannot touch, or not a web page at all) → `paused` (the
 * global pause) → `site-off` (in "never on") → `on` (in "always on") → by mode: "All sites" → `on`;
 * "Only sites I list" → `site-off`; "News pages" → `on` if `isNewsPage`, else `not-news`.
 *
 * @param url the page's address (`location.href`).
 * @param isNewsPage what the page detector found; only read in "News pages" mode.
 */
export function siteDecision(url: string, settings: Pick<Settings, 'paused' | 'siteMode' | 'alwaysOn' | 'neverOn'>, isNewsPage: boolean): SiteDecision {
  const site = siteOfUrl(url);
  if (site === null) return 'restricted';
  if (settings.paused) return 'paused';
  const host = site === FILE_SITE ? '' : site;
  if (listMatches(settings.neverOn, host)) return 'site-off';
  if (listMatches(settings.alwaysOn, host)) return 'on';
  switch (settings.siteMode) {
    case 'all':
      return 'on';
    case 'listed':
      return 'site-off';
    default:
      return isNewsPage ? 'on' : 'not-news';
  }
}

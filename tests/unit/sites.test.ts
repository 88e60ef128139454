import { describe, expect, it } from 'vitest';
import { FILE_SITE, hostPatternMatches, normalizeSitePattern, siteDecision, siteKey, siteOfUrl, type SiteDecision } from '../../lib/sites';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';

const base: Settings = structuredClone(DEFAULT_SETTINGS);
const s = (patch: Partial<Settings>): Settings => ({ ...base, ...patch });

describe('hostPatternMatches', () => {
  // [pattern, host, expected]
  const cases: [string, string, boolean][] = [
    ['example.com', 'example.com', true],
    ['example.com', 'www.example.com', true],
    ['www.example.com', 'example.com', true],
    ['www.example.com', 'www.example.com', true],
    ['example.com', 'news.example.com', false],
    ['example.com', 'www.news.example.com', false],
    ['example.com', 'example.com.evil.net', false],
    ['example.com', 'notexample.com', false],
    ['example.com', 'example.co', false],
    ['example.com', 'wwwexample.com', false],
    ['*.example.com', 'example.com', true],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'news.example.com', true],
    ['*.example.com', 'a.b.c.example.com', true],
    ['*.example.com', 'badexample.com', false],
    ['*.example.com', 'example.com.evil.net', false],
    ['*.example.com', 'example.org', false],
    ['*.news.example.com', 'news.example.com', true],
    ['*.news.example.com', 'example.com', false],
    ['*.news.example.com', 'sport.example.com', false],
    // Case, trailing dots, ports, schemes and paths in what was typed.
    ['Example.COM', 'example.com', true],
    ['example.com', 'EXAMPLE.com', true],
    ['example.com.', 'example.com', true],
    ['example.com', 'example.com.', true],
    ['*.Example.Com.', 'News.Example.com.', true],
    ['example.com:8080', 'example.com', true],
    ['https://www.example.com/world/article', 'example.com', true],
    ['  example.com  ', 'example.com', true],
    // IDN: the page gives punycode; the reader may type Unicode or punycode.
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai', true],
    ['xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai', true],
    ['*.пример.рф', 'news.xn--e1afmkfd.xn--p1ai', true],
    ['ПРИМЕР.РФ', 'пример.рф', true],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai.', true],
    // Hosts that are not domain names.
    ['localhost', 'localhost', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['[::1]', '[::1]', true],
    // Local files: the pattern `file://`, the empty host of a file: URL.
    [FILE_SITE, '', true],
    [FILE_SITE, FILE_SITE, true],
    [FILE_SITE, 'example.com', false],
    ['example.com', '', false],
    // Invalid patterns match nothing.
    ['*', 'example.com', false],
    ['*example.com', 'example.com', false],
    ['a*.example.com', 'a.example.com', false],
    ['', '', false],
    ['', 'example.com', false],
    ['exa mple.com', 'example.com', false],
    ['javascript:alert(1)', 'example.com', false],
    ['user@example.com', 'example.com', false],
  ];
  it.each(cases)('%j covers %j: %s', (pattern, host, expected) => {
    expect(hostPatternMatches(pattern, host)).toBe(expected);
  });
});

describe('normalizeSitePattern', () => {
  const cases: [string, string | null][] = [
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    ['https://www.example.com/path?q=1', 'www.example.com'],
    ['example.com:8443', 'example.com'],
    ['*.Example.com', '*.example.com'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['*.пример.рф', '*.xn--e1afmkfd.xn--p1ai'],
    ['file:///home/me/page.html', FILE_SITE],
    ['FILE://', FILE_SITE],
    ['localhost', 'localhost'],
    ['[::1]', '[::1]'],
    ['', null],
    ['   ', null],
    ['*', null],
    ['*.', null],
    ['*.*.example.com', null],
    ['ex*ample.com', null],
    ['ftp://example.com', null],
    ['chrome://settings', null],
    ['a b.com', null],
    ['<script>.com', null],
    ['user:pass@example.com', null],
    ['*.[::1]', null],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, null],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(normalizeSitePattern(input)).toBe(expected);
  });
});

describe('siteOfUrl / siteKey', () => {
  const cases: [string, string | null, string][] = [
    ['https://www.example.com/a', 'www.example.com', 'example.com'],
    ['http://News.Example.com:8080/x', 'news.example.com', 'news.example.com'],
    ['https://example.com./a', 'example.com', 'example.com'],
    ['https://пример.рф/', 'xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai'],
    ['file:///tmp/article.html', FILE_SITE, FILE_SITE],
    ['chrome://extensions', null, ''],
    ['https://chromewebstore.google.com/detail/x', null, ''],
    ['not a url', null, ''],
  ];
  it.each(cases)('%s', (url, site, key) => {
    expect(siteOfUrl(url)).toBe(site);
    expect(siteKey(url)).toBe(key);
  });
});

describe('siteDecision', () => {
  const news = s({});
  const all = s({ siteMode: 'all' });
  const listed = s({ siteMode: 'listed' });
  // [description, url, settings, isNewsPage, expected]
  const cases: [string, string, Settings, boolean, SiteDecision][] = [
    // Restricted: not web pages, and the browsers' stores.
    ['chrome page', 'chrome://settings/', all, true, 'restricted'],
    ['chrome new tab', 'chrome://newtab/', all, true, 'restricted'],
    ['about:blank', 'about:blank', all, true, 'restricted'],
    ['about:addons', 'about:addons', all, true, 'restricted'],
    ['firefox extension page', 'moz-extension://1234/options.html', all, true, 'restricted'],
    ['chrome extension page', 'chrome-extension://abcdef/popup.html', all, true, 'restricted'],
    ['edge page', 'edge://settings', all, true, 'restricted'],
    ['view-source', 'view-source:https://example.com/', all, true, 'restricted'],
    ['data URL', 'data:text/html,<p>hi</p>', all, true, 'restricted'],
    ['blob URL', 'blob:https://example.com/1234', all, true, 'restricted'],
    ['javascript URL', 'javascript:alert(1)', all, true, 'restricted'],
    ['ftp', 'ftp://example.com/file', all, true, 'restricted'],
    ['empty string', '', all, true, 'restricted'],
    ['garbage', 'not a url', all, true, 'restricted'],
    ['old Chrome Web Store', 'https://chrome.google.com/webstore/detail/abc', all, true, 'restricted'],
    ['old Chrome Web Store root', 'https://chrome.google.com/webstore', all, true, 'restricted'],
    ['chrome.google.com outside the store', 'https://chrome.google.com/intl/en/chrome/', all, true, 'on'],
    ['new Chrome Web Store', 'https://chromewebstore.google.com/detail/abc', all, true, 'restricted'],
    ['AMO', 'https://addons.mozilla.org/en-US/firefox/addon/x/', all, true, 'restricted'],
    ['AMO with trailing dot and caps', 'https://ADDONS.mozilla.org./', all, true, 'restricted'],
    ['Mozilla accounts', 'https://accounts.firefox.com/', all, true, 'restricted'],
    ['Edge add-ons', 'https://microsoftedge.microsoft.com/addons/detail/x', all, true, 'restricted'],
    ['restricted beats always on', 'https://addons.mozilla.org/', s({ alwaysOn: ['addons.mozilla.org'] }), true, 'restricted'],
    ['restricted beats paused', 'chrome://settings', s({ paused: true }), true, 'restricted'],
    // Paused beats everything but restricted.
    ['paused news page', 'https://example.com/a', s({ paused: true }), true, 'paused'],
    ['paused always-on site', 'https://example.com/a', s({ paused: true, alwaysOn: ['example.com'] }), true, 'paused'],
    ['paused never-on site', 'https://example.com/a', s({ paused: true, neverOn: ['example.com'] }), true, 'paused'],
    // News mode (default).
    ['news page in news mode', 'https://www.bbc.com/news/world-1', news, true, 'on'],
    ['not news in news mode', 'https://www.bbc.com/weather', news, false, 'not-news'],
    ['always on skips news detection', 'https://wiki.example.org/x', s({ alwaysOn: ['wiki.example.org'] }), false, 'on'],
    ['never on in news mode', 'https://www.bbc.com/news/x', s({ neverOn: ['bbc.com'] }), true, 'site-off'],
    ['never on by wildcard', 'https://news.bbc.co.uk/x', s({ neverOn: ['*.bbc.co.uk'] }), true, 'site-off'],
    ['never on wildcard covers the bare domain', 'https://bbc.co.uk/x', s({ neverOn: ['*.bbc.co.uk'] }), true, 'site-off'],
    ['never beats always (same host)', 'https://example.com/', s({ alwaysOn: ['example.com'], neverOn: ['example.com'] }), true, 'site-off'],
    ['never wildcard beats always host', 'https://news.example.com/', s({ alwaysOn: ['news.example.com'], neverOn: ['*.example.com'] }), true, 'site-off'],
    ['never host does not cover a subdomain', 'https://news.example.com/', s({ neverOn: ['example.com'] }), true, 'on'],
    ['always on www form', 'https://www.example.com/', s({ alwaysOn: ['example.com'] }), false, 'on'],
    ['lists compare case-insensitively', 'https://WWW.EXAMPLE.COM/', s({ alwaysOn: ['Example.Com'] }), false, 'on'],
    ['port ignored', 'https://example.com:8443/a', s({ alwaysOn: ['example.com'] }), false, 'on'],
    ['trailing dot in URL', 'https://example.com./a', s({ neverOn: ['example.com'] }), true, 'site-off'],
    ['IDN host listed in Unicode', 'https://пример.рф/статья', s({ alwaysOn: ['пример.рф'] }), false, 'on'],
    ['IDN host listed in punycode', 'https://пример.рф/', s({ neverOn: ['xn--e1afmkfd.xn--p1ai'] }), true, 'site-off'],
    ['lookalike domain not covered', 'https://example.com.evil.net/', s({ alwaysOn: ['example.com'] }), false, 'not-news'],
    ['http is a site too', 'http://example.com/', news, true, 'on'],
    ['IP address', 'http://192.168.1.10/page', s({ alwaysOn: ['192.168.1.10'] }), false, 'on'],
    ['localhost with port', 'http://localhost:3000/article', s({ alwaysOn: ['localhost'] }), false, 'on'],
    // All sites.
    ['all sites: any page', 'https://shop.example.com/', all, false, 'on'],
    ['all sites: never on still off', 'https://shop.example.com/', s({ siteMode: 'all', neverOn: ['*.example.com'] }), false, 'site-off'],
    // Only listed.
    ['listed: unlisted news page', 'https://www.bbc.com/news/x', listed, true, 'site-off'],
    ['listed: listed page', 'https://www.bbc.com/news/x', s({ siteMode: 'listed', alwaysOn: ['bbc.com'] }), false, 'on'],
    ['listed: wildcard', 'https://edition.cnn.com/x', s({ siteMode: 'listed', alwaysOn: ['*.cnn.com'] }), false, 'on'],
    ['listed: listed and never', 'https://cnn.com/x', s({ siteMode: 'listed', alwaysOn: ['cnn.com'], neverOn: ['cnn.com'] }), true, 'site-off'],
    // Local files: a site named by the empty host, written `file://` in the lists.
    ['file, news mode, news page', 'file:///tmp/article.html', news, true, 'on'],
    ['file, news mode, not news', 'file:///tmp/notes.html', news, false, 'not-news'],
    ['file, always on', 'file:///tmp/notes.html', s({ alwaysOn: [FILE_SITE] }), false, 'on'],
    ['file, never on', 'file:///tmp/article.html', s({ neverOn: [FILE_SITE] }), true, 'site-off'],
    ['file, listed mode, not listed', 'file:///tmp/article.html', listed, true, 'site-off'],
    ['file not covered by a host pattern', 'file:///tmp/a.html', s({ siteMode: 'listed', alwaysOn: ['example.com'] }), true, 'site-off'],
    // Bad entries in lists are ignored, not fatal.
    ['invalid list entries ignored', 'https://example.com/', s({ alwaysOn: ['*', '', 'exa mple.com'] }), false, 'not-news'],
  ];
  it.each(cases)('%s', (_name, url, settings, isNews, expected) => {
    expect(siteDecision(url, settings, isNews)).toBe(expected);
  });

  it('reads nothing but its arguments (same inputs, same answer)', () => {
    const settings = s({ alwaysOn: ['example.com'] });
    const before = JSON.stringify(settings);
    expect(siteDecision('https://example.com/', settings, false)).toBe(siteDecision('https://example.com/', settings, false));
    expect(JSON.stringify(settings)).toBe(before);
  });
});

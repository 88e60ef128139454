#!/usr/bin/env node
// Makes sure the browsers the demo and the tests drive are installed: Debian's chromium and
// firefox-esr, plus Xvfb and xdotool for the keyboard-shortcut tests. Installs what is missing with
// apt-get when running as root on Debian; elsewhere says what to install and which variables
// (CHROMIUM_PATH, FIREFOX_PATH) point the tests at a browser installed another way.
// Usage: node scripts/ensure-browsers.mjs [chromium] [firefox] [xvfb]   (default: all three)
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ['chromium', 'firefox', 'xvfb'];
const needs = {
  // chromium-l10n: Debian's Chromium shows only en-US without it, and the interface tests run it in
  // each language we ship (tests/e2e/ui-languages.e2e.ts).
  chromium: {
    found: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
    packages: ['chromium', 'chromium-l10n'],
    also: process.env.CHROMIUM_PATH ? [] : ['/usr/lib/chromium/locales/de.pak'],
  },
  // The language packs: the interface tests start Firefox in each language we ship
  // (tests/e2e/firefox-ui-languages.e2e.ts).
  firefox: {
    found: [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'],
    packages: ['firefox-esr', ...['de', 'es-es', 'fr', 'it', 'lt', 'pl', 'ru', 'uk'].map((code) => `firefox-esr-l10n-${code}`)],
    also: process.env.FIREFOX_PATH ? [] : ['/usr/lib/firefox-esr/browser/extensions/langpack-lt@firefox-esr.mozilla.org.xpi'],
  },
  xvfb: { found: ['/usr/bin/xvfb-run'], packages: ['xvfb', 'xauth', 'xdotool'], also: ['/usr/bin/xdotool'] },
};
const missing = wanted.flatMap((name) => {
  const need = needs[name];
  if (!need) throw new Error(`unknown browser "${name}"`);
  const ok = need.found.some((p) => p && existsSync(p)) && (need.also ?? []).every((p) => existsSync(p));
  return ok ? [] : need.packages;
});
if (!missing.length) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(`Missing: ${missing.join(', ')}. Install them (on Debian: sudo apt-get install -y ${missing.join(' ')}),`);
  console.error('or set CHROMIUM_PATH / FIREFOX_PATH to a browser you have.');
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} from Debian's packages...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing, 'fonts-dejavu-core'], { stdio: 'inherit', env });

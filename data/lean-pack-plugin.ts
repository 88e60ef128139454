/**
 * A Vite plugin that serves `virtual:factlight/lean-topics`: the shipped pack's topics without
 * their details and with the terms of en, uk and ru only (`leanTopic`), made from `data/pack.json`
 * at build time, the other languages the shipped topics have terms in (`extraLanguages`), and the
 * literal cores of those languages' aliases (`extraLiterals`, for telling in one pass whether a
 * page may need them). The
 * content script imports it, so the timelines, quotes and other languages' terms never enter its
 * bundle: it asks the background for a language's terms when a page uses it (decision 014).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { leanTopic } from '../lib/pack/lean';
import { extraAliasLiterals, extraLanguagesOf } from '../lib/matcher/languages';
import type { TopicPack } from '../lib/pack/schema';

const ID = 'virtual:factlight/lean-topics';
const RESOLVED = `\0${ID}`;
const PACK = fileURLToPath(new URL('./pack.json', import.meta.url));

/** See the module comment. */
export function leanTopicsPlugin(): Plugin {
  return {
    name: 'factlight-lean-topics',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(PACK);
      const pack = JSON.parse(readFileSync(PACK, 'utf8')) as TopicPack;
      const extra = [...new Set(pack.topics.flatMap(extraLanguagesOf))].sort();
      return [
        `export default ${JSON.stringify(pack.topics.map(leanTopic))};`,
        `export const extraLanguages = ${JSON.stringify(extra)};`,
        `export const extraLiterals = ${JSON.stringify(extraAliasLiterals(pack.topics))};`,
      ].join('\n');
    },
  };
}

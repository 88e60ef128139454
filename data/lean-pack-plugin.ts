/**
 * A Vite plugin that serves `virtual:factlight/lean-topics`: the shipped pack's topics without
 * their details (`leanTopic`), made from `data/pack.json` at build time. The content script
 * imports it, so the timelines and quotes never enter its bundle (about 5 kB gzipped).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { leanTopic } from '../lib/pack/lean';
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
      return `export default ${JSON.stringify(pack.topics.map(leanTopic))};`;
    },
  };
}

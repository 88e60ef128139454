/**
 * The pack that ships with Factlight, parsed and typed. It goes through the same `parsePack` as a
 * user's import, so a broken edit to `pack.json` fails loudly in tests instead of silently in a page.
 */
import { parsePack } from '../lib/pack/validate';
import type { TopicPack } from '../lib/pack/schema';
import raw from './pack.json';

function load(): TopicPack {
  const result = parsePack(raw);
  if (!result.ok) {
    throw new Error(`data/pack.json is invalid: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  return result.pack;
}

/** The shipped topic pack (the Jeddah talks, the ceasefire, Ukraine's red lines). */
export const SHIPPED_PACK: TopicPack = load();

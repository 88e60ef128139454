/**
 * The pack that ships with Factlight, typed. It is checked once, by the unit tests, with the same
 * `parsePack` as a user's import (and must come out of it unchanged), so a broken edit to
 * `pack.json` fails loudly there; the extension itself does not re-validate it on every page load
 * (that put the whole schema and a compile of the pack into the content script's start).
 */
import type { TopicPack } from '../lib/pack/schema';
import raw from './pack.json';

/** The shipped topic pack (the Jeddah talks, the ceasefire, Ukraine's red lines). */
export const SHIPPED_PACK: TopicPack = raw as TopicPack;

/**
 * Packs written by earlier versions of Factlight, brought to the current format before they are
 * checked. Each step is a pure function from one version to the next, so a file exported years ago
 * still imports. Unknown versions are left alone for the checker to name.
 */
import { PACK_SCHEMA_VERSION } from './schema';

type Step = (pack: Record<string, unknown>) => Record<string, unknown>;

/**
 * `steps[n]` turns version n into n + 1.
 * 1 → 2: version 2 only added optional fields (`people`, `quote.person`, `quote.note`), and a
 * version-1 quote's `role` stays valid, so the number is all that changes.
 */
const steps: Record<number, Step> = {
  1: (pack) => ({ ...pack, version: 2 }),
};

/** `data` in the current format when it is a pack of a version we can migrate; otherwise unchanged. */
export function migratePack(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  let pack = data as Record<string, unknown>;
  while (typeof pack.version === 'number' && pack.version < PACK_SCHEMA_VERSION && steps[pack.version]) {
    pack = steps[pack.version]!(pack);
  }
  return pack;
}

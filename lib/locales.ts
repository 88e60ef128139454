/**
 * Builds the browser's `_locales/<lang>/messages.json` from `locales/<lang>/*.json`. Each area of the
 * extension (popup, options, popover, ...) owns one file, so parallel work never edits the same JSON,
 * and a duplicate key across areas fails the build instead of silently winning.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type ChromeMessages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;

/** Merge every area file of one language; throws on a key defined twice. */
export function mergeLocale(dir: string): ChromeMessages {
  const merged: ChromeMessages = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ChromeMessages;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`locale key "${key}" is defined twice (again in ${join(dir, file)})`);
      merged[key] = value;
    }
  }
  return merged;
}

/** Every language folder under `root`. */
export function localeLanguages(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

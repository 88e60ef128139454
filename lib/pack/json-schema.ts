/**
 * The published JSON Schema of topic packs, generated from the valibot schema so the two cannot
 * drift: `scripts/gen-pack-schema.ts` writes it to docs/topic-pack.schema.json and a test checks the
 * committed file equals a fresh generation.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { LANGUAGE_TAG, TopicPackSchema } from './schema';

/** Where the schema is published (its `$id`). */
export const PACK_JSON_SCHEMA_ID = 'https://factlight.invalid/schemas/topic-pack-v2.json';

/**
 * The JSON Schema (draft-07) for topic packs. Checks valibot cannot express in JSON Schema (unique
 * topic ids, trimming) are left out ("ignore"); `parsePack` is the full validator.
 */
export function packJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = toJsonSchema(TopicPackSchema, { errorMode: 'ignore', target: 'draft-07' }) as Record<string, unknown>;
  addLanguageKeys(schema);
  return {
    $schema,
    $id: PACK_JSON_SCHEMA_ID,
    title: 'Factlight topic pack (version 2)',
    description: 'Topics Factlight highlights on news pages, with their context. See docs/topic-pack.md.',
    ...schema,
  };
}

/** The schema as written to docs/topic-pack.schema.json. */
export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}

/**
 * Localized text is an object with a required `en` and any other language tags as keys; valibot
 * checks its keys in code, which JSON Schema cannot see: give such objects the same `propertyNames`
 * as the records keyed by language (aliases), so editors flag a key like `english` too.
 */
function addLanguageKeys(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(addLanguageKeys);
  const obj = node as Record<string, unknown>;
  const props = obj.properties as Record<string, unknown> | undefined;
  if (obj.type === 'object' && props && Object.keys(props).length === 1 && 'en' in props && obj.additionalProperties && !obj.propertyNames) {
    obj.propertyNames = { type: 'string', pattern: LANGUAGE_TAG.source, maxLength: 35 };
  }
  for (const value of Object.values(obj)) addLanguageKeys(value);
}

/**
 * Writes docs/topic-pack.schema.json from the valibot schema in lib/pack/schema.ts.
 * Run `npx tsx scripts/gen-pack-schema.ts` after changing the schema; tests/unit/pack.test.ts fails
 * while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packJsonSchemaText } from '../lib/pack/json-schema';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/topic-pack.schema.json');
writeFileSync(out, packJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), out)}`);

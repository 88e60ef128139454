/**
 * `npm run eval`: precision and recall of the matcher on the labelled pages in tests/eval/pages, per
 * topic and language and overall. Each page is judged with the terms the content script would load
 * for it (the carried en/uk/ru terms and those of the languages the page uses). Exits non-zero when
 * any topic in any language, any language, any topic over all languages, or the whole falls below
 * the targets: precision 0.98, recall 0.95.
 */
import { SHIPPED_PACK } from '../data/shipped-pack';
import { compileTopics } from '../lib/analyze';
import { EVAL_LANGUAGES, evaluateAll, score, sum, type Counts } from '../tests/eval/harness';

const TARGET_PRECISION = 0.98;
const TARGET_RECALL = 0.95;

const compiled = compileTopics(SHIPPED_PACK.topics);
const started = performance.now();
const results = evaluateAll(compiled, undefined, { topics: SHIPPED_PACK.topics });
const elapsed = performance.now() - started;

const fmt = (x: number) => x.toFixed(3);
const row = (topic: string, lang: string, c: Counts) => {
  const s = score(c);
  return [topic.padEnd(14), lang.padEnd(5), String(c.tp).padStart(4), String(c.fp).padStart(4), String(c.fn).padStart(4), fmt(s.precision).padStart(9), fmt(s.recall).padStart(7)].join(' ');
};

console.log(`Factlight eval: ${results.length} pages (${EVAL_LANGUAGES.map((l) => `${l} ${results.filter((r) => r.lang === l).length}`).join(', ')}), ${elapsed.toFixed(0)} ms\n`);
console.log(['topic'.padEnd(14), 'lang'.padEnd(5), '  tp', '  fp', '  fn', 'precision', ' recall'].join(' '));
let failed = false;
for (const t of compiled.topics) {
  for (const lang of EVAL_LANGUAGES) {
    const c = sum(results, lang, t.id);
    console.log(row(t.id, lang, c));
    const s = score(c);
    if (s.precision < TARGET_PRECISION || s.recall < TARGET_RECALL) failed = true;
  }
  const all = sum(results, undefined, t.id);
  console.log(row(t.id, 'all', all));
  const s = score(all);
  if (s.precision < TARGET_PRECISION || s.recall < TARGET_RECALL) failed = true;
}
for (const lang of EVAL_LANGUAGES) {
  const c = sum(results, lang);
  console.log(row('(all topics)', lang, c));
  const s = score(c);
  if (s.precision < TARGET_PRECISION || s.recall < TARGET_RECALL) failed = true;
}
const overall = sum(results);
console.log(row('(all topics)', 'all', overall));
const o = score(overall);
if (o.precision < TARGET_PRECISION || o.recall < TARGET_RECALL) failed = true;

const problems = results.filter((r) => r.errors.length);
if (problems.length) {
  console.log('\nErrors:');
  for (const r of problems) for (const e of r.errors) console.log(`  ${r.file}: ${e}`);
}
console.log(`\nTarget: precision >= ${TARGET_PRECISION}, recall >= ${TARGET_RECALL} per topic and language, per topic, per language and overall: ${failed ? 'NOT MET' : 'met'}`);
process.exitCode = failed ? 1 : 0;

/**
 * Experiment for issue 14: what the extension keeps alive once its scan is done. Takes a heap
 * snapshot of the live blog (PAGE=sectioned: the 10 MB article) 6 s after the load event, with the
 * built extension on (every mention) and paused, and prints the object kinds whose retained self
 * size differs most between the two.
 *   npm run build && npx tsx scripts/experiments/heap-snapshot-diff.ts
 */
import { liveBlog, sectionedArticle } from '../../tests/bench/pages';
import { collectedAfterScan, eachLoad } from './each-load';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

const html = process.env.PAGE === 'sectioned' ? sectionedArticle() : liveBlog();
const byMode = new Map<string, Map<string, { count: number; bytes: number }>>();
await eachLoad(['on', 'paused'], 1, html, async (load) => {
  const { mode } = load;
  const cdp = await collectedAfterScan(load);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false } as never);
  const snap = JSON.parse(chunks.join('')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt!]!]!;
    let name = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '' : snap.strings[snap.nodes[i + nameAt!]!]!;
    if (name.length > 60) name = name.slice(0, 60);
    const key = `${type}:${name}`;
    const kind = kinds.get(key) ?? { count: 0, bytes: 0 };
    kind.count++;
    kind.bytes += snap.nodes[i + sizeAt!]!;
    kinds.set(key, kind);
  }
  byMode.set(mode, kinds);
  const total = [...kinds.values()].reduce((a, k) => a + k.bytes, 0);
  console.log(`${mode}: ${(total / 1e6).toFixed(1)} MB in the snapshot`);
});
const on = byMode.get('on')!;
const paused = byMode.get('paused')!;
const diffs = [...new Set([...on.keys(), ...paused.keys()])].map((key) => {
  const a = on.get(key) ?? { count: 0, bytes: 0 };
  const b = paused.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: a.count - b.count, bytes: a.bytes - b.bytes };
});
diffs.sort((x, y) => Math.abs(y.bytes) - Math.abs(x.bytes));
for (const d of diffs.slice(0, 40)) console.log(`${(d.bytes / 1e3).toFixed(0).padStart(8)} kB ${String(d.count).padStart(8)}  ${d.key}`);

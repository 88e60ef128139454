/**
 * Reads a V8 CPU profile (CDP `Profiler.stop`) for the benchmark: how much of the samples ran our
 * content script (any frame of `content-scripts/content.js` on the stack), and where that time goes,
 * by the innermost frame of ours (so a DOM call or a RegExp exec is charged to our function calling it).
 * The bundle is minified: each function is named with its line:column in
 * `.output/chrome-mv3/content-scripts/content.js` and a snippet of the source there.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  oursMs: number;
  /** By innermost frame of ours: ms inclusive of the non-ours frames it called. */
  byOurFunction: { fn: string; ms: number; selfMs: number; snippet: string }[];
  /** By the innermost frame overall, for ours samples (e.g. "matches", "(garbage collector)", our fn). */
  byLeaf: { fn: string; ms: number }[];
}

export function summarizeProfile(profile: CpuProfile, scriptFile: string, marker = 'content-scripts/content.js'): ProfileSummary {
  const source = readFileSync(scriptFile, 'utf8').split('\n');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isOurs = (n: ProfileNode) => n.callFrame.url.includes(marker);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  const snippet = (n: ProfileNode) => (source[n.callFrame.lineNumber] ?? '').slice(Math.max(0, n.callFrame.columnNumber - 10), n.callFrame.columnNumber + 70);
  const mine = new Map<string, { ms: number; selfMs: number; snippet: string }>();
  const leaves = new Map<string, number>();
  let total = 0;
  let ours = 0;
  // timeDeltas[i] is the time before sample i; charge each sample the delta that follows it.
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    total += ms;
    let node = byId.get(profile.samples[i]!);
    const leaf = node;
    while (node && !isOurs(node)) node = byId.get(parent.get(node.id) ?? -1);
    if (!node || !leaf) continue;
    ours += ms;
    const key = label(node);
    const entry = mine.get(key) ?? { ms: 0, selfMs: 0, snippet: snippet(node) };
    entry.ms += ms;
    if (node === leaf) entry.selfMs += ms;
    mine.set(key, entry);
    const leafKey = isOurs(leaf) ? `ours: ${label(leaf)}` : leaf.callFrame.functionName || '(anonymous native)';
    leaves.set(leafKey, (leaves.get(leafKey) ?? 0) + ms);
  }
  return {
    totalMs: total,
    oursMs: ours,
    byOurFunction: [...mine].map(([fn, v]) => ({ fn, ...v })).sort((a, b) => b.ms - a.ms),
    byLeaf: [...leaves].map(([fn, ms]) => ({ fn, ms })).sort((a, b) => b.ms - a.ms),
  };
}

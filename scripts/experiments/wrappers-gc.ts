/**
 * Experiment for issue 14: what a content script's walk of the page leaves for every later garbage
 * collection of the page. With the extension paused, a script walks the live blog's every node
 * (firstChild / nextSibling, keeping nothing) in a world of its own, as a content script does, or
 * in the page's main world; then a forced full collection is timed, 5 times.
 * WALK=none|isolated|main|held|held-text|held-elements|keyed|expando|collections (held: each node kept in an array across young collections, then dropped; keyed: each node also a key of a Set that is dropped; expando: each given a property, then deleted; collections: `getElementsByTagName('p')` on each article and
 * `children` of each, in an isolated world, walking nothing else).
 *   npx tsx scripts/experiments/wrappers-gc.ts [loads]
 */
import { liveBlog } from '../../tests/bench/pages';
import { eachLoad } from './each-load';

const loads = Number(process.argv[2] ?? 2);
const walks = (process.env.WALK ?? 'none,isolated,main,collections').split(',');
const WALK_ALL = `(() => {
  let count = 0;
  let node = document.documentElement;
  while (node) {
    count++;
    if (node.firstChild) { node = node.firstChild; continue; }
    while (node && !node.nextSibling) node = node.parentNode;
    node = node && node.nextSibling;
  }
  return count;
})()`;
// The same walk, with each node a key of a Set that is then dropped (an object given an identity hash).
const WALK_KEYED = WALK_ALL.replace('count++;', 'count++; keys.add(node);').replace('let count = 0;', 'let count = 0; const keys = new Set();');
// The same walk, each node held in an array across many young collections, then dropped.
const WALK_HELD = WALK_ALL.replace('count++;', 'count++; held.push(node);').replace('let count = 0;', 'let count = 0; const held = []; ').replace('return count;', 'for (let i = 0; i < 200; i++) new Array(50000).fill({}); return count;');
// Held, but only the text nodes, or only the elements.
const WALK_HELD_TEXT = WALK_HELD.replace('held.push(node);', 'if (node.nodeType === 3) held.push(node);');
const WALK_HELD_ELEMENTS = WALK_HELD.replace('held.push(node);', 'if (node.nodeType === 1) held.push(node);');
// The same walk, each node given a property (an expando) that is then deleted.
const WALK_EXPANDO = WALK_ALL.replace('count++;', 'count++; node.__x = 1; delete node.__x;');
const COLLECTIONS = `(() => {
  let count = 0;
  for (const a of document.querySelectorAll('article')) { count += a.getElementsByTagName('p').length + a.children.length; }
  return count;
})()`;
await eachLoad(['paused'], loads, liveBlog(), async ({ page, url, n, session }) => {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(3000);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  for (const walk of walks) {
    let touched = 0;
    if (walk !== 'none') {
      const where = walk === 'main' ? {} : { contextId: ((await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `walk${Math.random()}` })) as { executionContextId: number }).executionContextId };
      const { result } = (await cdp.send('Runtime.evaluate', { expression: walk === 'collections' ? COLLECTIONS : walk === 'keyed' ? WALK_KEYED : walk === 'expando' ? WALK_EXPANDO : walk === 'held' ? WALK_HELD : walk === 'held-text' ? WALK_HELD_TEXT : walk === 'held-elements' ? WALK_HELD_ELEMENTS : WALK_ALL, returnByValue: true, ...where })) as { result: { value: number } };
      touched = result.value;
    }
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const start = performance.now();
      await cdp.send('HeapProfiler.collectGarbage');
      times.push(performance.now() - start);
    }
    times.shift();
    times.sort((a, b) => a - b);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
    console.log(`load ${n}, after walk "${walk}" (${touched} nodes): V8 ${(heap.usedSize / 1e6).toFixed(1)} MB, DOM ${((heap.embedderHeapUsedSize ?? 0) / 1e6).toFixed(1)} MB; a forced full collection ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  }
});

/**
 * What a reader sees painted, read from the page the way the browser paints it: the entries of
 * `CSS.highlights` that are ours (`factlight-<colour>[-underline]`, one per look in use), each
 * range with its text and its first box. `readPainted` runs in the page (Playwright's or
 * Puppeteer's `evaluate`), so it must be self-contained.
 */
import { SHIPPED_PACK } from '../../../data/shipped-pack';
import { defaultTopicPrefs } from '../../../lib/settings/schema';
import { highlightName } from '../../../lib/dom/highlight-style';


/** One painted mention as the page shows it. */
export interface PaintedOnPage {
  /** The look it is painted in: `amber`, `sky-underline`... (the registry name without `factlight-`). */
  look: string;
  /** The shipped topic whose default look that is (null for another look). */
  topic: string | null;
  text: string;
  /** The highlight's registry name. */
  name: string;
  /** The centre of its first box, in viewport coordinates (null when it has no box). */
  x: number | null;
  y: number | null;
  /** Where its text is: 'document' or the tag name of the shadow host around it. */
  tree: string;
  /** The tag names of the elements around its start, innermost first, across shadow hosts. */
  path: string[];
}

/** In the page: every painted mention of ours, in document order. */
export function readPainted(): PaintedOnPage[] {
  const out: Array<PaintedOnPage & { node: Node; offset: number; top: Node }> = [];
  for (const [name, highlight] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
    const m = /^factlight-(.+)$/.exec(name);
    if (!m) continue;
    for (const r of highlight) {
      const range = document.createRange();
      try {
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
      } catch {
        continue;
      }
      const box = [...range.getClientRects()].find((b) => b.width > 0);
      const root = r.startContainer.getRootNode() as Document | ShadowRoot;
      out.push({
        look: m[1]!,
        topic: null,
        name,
        text: range.toString(),
        x: box ? box.left + box.width / 2 : null,
        y: box ? box.top + box.height / 2 : null,
        tree: 'host' in root ? root.host.localName : 'document',
        path: (() => {
          const tags: string[] = [];
          for (let n: Node | null = r.startContainer.parentNode; n; ) {
            if (n.nodeType === 1) tags.push((n as Element).localName);
            n = n.parentNode ?? ((n as ShadowRoot).host || null);
          }
          return tags;
        })(),
        node: r.startContainer,
        offset: r.startOffset,
        top: r.startContainer,
      });
    }
  }
  // No named functions inside: tsx (the demo script) would wrap them in a helper the page lacks.
  for (const m of out) {
    let top: Node = m.node;
    for (let root = top.getRootNode() as ShadowRoot; root.host; root = top.getRootNode() as ShadowRoot) top = root.host;
    m.top = top;
  }
  out.sort((a, b) => (a.top === b.top ? a.offset - b.offset : a.top.compareDocumentPosition(b.top) & 4 ? -1 : 1));
  return out.map(({ node: _node, offset: _offset, top: _top, ...rest }) => rest);
}

/** The shipped topics by their default looks (the settings every suite starts from). */
const TOPIC_BY_LOOK = new Map(SHIPPED_PACK.topics.map((t, i) => [highlightName(defaultTopicPrefs(i)).slice('factlight-'.length), t.id]));

/** `painted` with each mention's topic, told by its look under the default settings. */
export function withTopics(painted: PaintedOnPage[]): PaintedOnPage[] {
  return painted.map((m) => ({ ...m, topic: TOPIC_BY_LOOK.get(m.look) ?? null }));
}

/** What Playwright's and Puppeteer's pages share, for the helpers below. */
interface AnyPage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  mouse: { click(x: number, y: number): Promise<unknown> };
}

/** The painted mentions of `page` (its top document). */
export async function paintedOn(page: AnyPage): Promise<PaintedOnPage[]> {
  return withTopics(await page.evaluate(readPainted));
}

/**
 * Clicks the painted mention `which` (its index, or the first one of a topic) where a reader would:
 * the middle of its first box, scrolled into view first if it is off screen.
 */
export async function clickPainted(page: AnyPage, which: number | { topic: string } | { look: string } = 0): Promise<PaintedOnPage> {
  const pick = (all: PaintedOnPage[]) =>
    typeof which === 'number' ? all[which] : all.find((m) => ('topic' in which ? m.topic === which.topic : m.look === which.look));
  let target = pick(await paintedOn(page));
  if (!target) throw new Error(`no painted mention ${JSON.stringify(which)}`);
  const height = await page.evaluate(() => innerHeight);
  if (target.y === null || target.y < 0 || target.y > height) {
    await page.evaluate((dy: number) => window.scrollBy(0, dy), (target.y ?? 0) - height / 2);
    target = pick(await paintedOn(page))!;
  }
  await page.mouse.click(target.x!, target.y!);
  return target;
}

/** The accessible name of our keyboard control when it has focus, else null. */
export function focusedControl(page: AnyPage): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active?.localName !== 'factlight-focus') return null;
    return active.shadowRoot?.activeElement?.getAttribute('aria-label') ?? null;
  });
}

/** In the page: how many ranges of ours are registered (what is painted, or about to be). */
export function paintedCount(): number {
  let n = 0;
  for (const [name, highlight] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) if (name.startsWith('factlight-')) n += highlight.size;
  return n;
}

/** In the page: the accessible name of our keyboard control when it has focus, else ''. */
export function controlLabel(): string {
  const active = document.activeElement;
  return active?.localName === 'factlight-focus' ? (active.shadowRoot?.activeElement?.getAttribute('aria-label') ?? '') : '';
}

/** What a keyboard and Playwright's or Puppeteer's pages share. */
interface KeyboardPage extends AnyPage {
  keyboard: { press(key: string): Promise<unknown> };
}

/**
 * Presses Tab from the top of the page until our control has named `count` mentions (or 40
 * presses): the names a screen reader hears, in the order it hears them.
 */
export async function tabThroughMentions(page: KeyboardPage, count: number): Promise<string[]> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
  });
  // A click at the very top puts the browser's starting point for Tab there, as a reader's would.
  await page.mouse.click(1, 1);
  await page.evaluate(() => getSelection()?.removeAllRanges());
  const heard: string[] = [];
  for (let i = 0; i < 40 && heard.length < count; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(controlLabel);
    if (label) heard.push(label);
  }
  return heard;
}

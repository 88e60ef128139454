/**
 * Watches the page for new or changed text (infinite scroll, single-page-app navigation, live
 * blogs) and reports, every ~250 ms at most, the smallest set of elements to rescan. One
 * MutationObserver for the page and every open shadow root we meet; our own DOM writes are run
 * inside `mute()` and never reported; a churn guard stops us re-highlighting a block the page
 * keeps changing.
 *
 * The caller's loop per reported root: `painter.removeWithin(root)`, read the root again, match,
 * `painter.add(...)`. Painting adds no node to the page; the few writes we make (our UI's hosts,
 * a `<style>` where a stylesheet cannot be adopted) run inside `watcher.mute(...)`.
 */
import { OWN_TAGS } from './own';
import { isInForbiddenElement, isInlineElement } from './segments';

/** Options of {@link watchPage}. */
export interface WatchOptions {
  /** What to observe, usually `document.body`. */
  root: Node;
  /** Disconnects everything and drops pending work when aborted. */
  signal: AbortSignal;
  /** Elements to rescan: connected, not nested in one another, not in forbidden or quarantined blocks. */
  onChange: (roots: Element[]) => void;
  /**
   * The page moved to another URL without loading (path or query changed; a hash change within
   * the page does not count). Pending roots are dropped: the caller rescans the whole page.
   */
  onNavigate?: (url: string) => void;
  /** Longest time from the first unreported change to its report (default 250 ms). */
  delayMs?: number;
  churn?: ChurnOptions;
  /** True for nodes that are ours (default: our UI hosts, `[data-factlight-ui]` and `[data-factlight]`). */
  isOwn?: (node: Node) => boolean;
  /**
   * Walk `root` at start for the open shadow roots already in it (default true). A caller that
   * reads the page itself turns this off and passes each shadow root its reader enters to
   * `observe()`: the walk visits every element, a long task on a 10 MB page.
   */
  findShadowRoots?: boolean;
  /** Seam for tests. */
  now?: () => number;
}

/** Limits that keep a page that fights our highlights from making us spin. */
export interface ChurnOptions {
  /** Reports per block tolerated within `windowMs` (default 3). */
  maxAttempts?: number;
  /** Default 10,000 ms. */
  windowMs?: number;
  /** Roots reported per second over the whole page (default 200); the rest wait for the next second. */
  maxRootsPerSecond?: number;
}

/** Handle returned by {@link watchPage}. */
export interface PageWatcher {
  /**
   * Runs `write` (our own DOM changes) so the observer never reports it: page changes made before
   * it are kept, everything recorded during it is discarded. Synchronous writes only.
   */
  mute<T>(write: () => T): T;
  /** Also watch `root` (an open shadow root found outside the roots we report). */
  observe(root: Node): void;
  /** Reports pending changes now instead of at the end of the delay. */
  flush(): void;
  /** True when `el` is in a block the churn guard has given up on (until the next navigation). */
  isQuarantined(el: Element): boolean;
}

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  // Text that becomes visible: expanded sections, dismissed overlays. Not `class`/`style`: pages
  // toggle those for every animation frame, and most of those changes reveal no new text.
  attributes: true,
  attributeFilter: ['hidden', 'aria-hidden', 'inert', 'open'],
};

function defaultIsOwn(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return OWN_TAGS.includes(el.localName) || el.hasAttribute('data-factlight-ui') || el.hasAttribute('data-factlight');
}

/** Parent across a shadow boundary (a shadow root's parent is its host). */
function composedParent(node: Node): Node | null {
  return node.parentNode ?? ((node as ShadowRoot).host || null);
}

/** The block a node's text belongs to (the element whose segments change when it changes). */
function blockOf(node: Node | null): Element | null {
  let n = node;
  while (n && n.nodeType !== 1) n = composedParent(n); // text, or a shadow root: go to the host
  let el = n as Element | null;
  while (el && (isInlineElement(el) || el.localName === 'br' || el.localName === 'wbr') && el.parentElement) el = el.parentElement;
  return el;
}

/** URL without the hash: what counts as "another page" in a single-page app. */
function pageUrl(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}

/**
 * Counts attempts per element within a sliding window and gives up on an element (and everything
 * inside it) once there were more than `maxAttempts`. Exported for tests.
 */
export class ChurnGuard {
  private readonly attempts = new WeakMap<Element, number[]>();
  private quarantined = new Set<Element>();
  private readonly maxAttempts: number;
  private readonly windowMs: number;

  constructor(options: ChurnOptions = {}, private readonly now: () => number = () => Date.now()) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.windowMs = options.windowMs ?? 10_000;
  }

  /** Records an attempt on `el`; returns false (and quarantines it) past the limit. */
  attempt(el: Element): boolean {
    if (this.quarantined.has(el)) return false;
    const t = this.now();
    const recent = (this.attempts.get(el) ?? []).filter((at) => t - at < this.windowMs);
    recent.push(t);
    this.attempts.set(el, recent);
    if (recent.length > this.maxAttempts) {
      this.quarantined.add(el);
      return false;
    }
    return true;
  }

  /** True when `el` or a composed ancestor is quarantined. */
  isQuarantined(el: Element): boolean {
    if (this.quarantined.size === 0) return false;
    for (let n: Node | null = el; n; n = composedParent(n)) if (this.quarantined.has(n as Element)) return true;
    return false;
  }

  /** Forgets quarantines (after navigation the page's blocks are new). */
  reset(): void {
    this.quarantined = new Set();
  }
}

/**
 * Starts watching. Cost is proportional to what changed: records are reduced to their blocks as
 * they arrive; nested roots are dropped at report time by walking each root's ancestors.
 */
export function watchPage(options: WatchOptions): PageWatcher {
  const { root, signal, onChange, onNavigate, delayMs = 250, isOwn = defaultIsOwn } = options;
  const now = options.now ?? (() => Date.now());
  // How often we re-report a root: a page that rewrites a block on every frame is given up on
  // (quarantined) rather than read again and again.
  const reported = new ChurnGuard(options.churn, now);
  const maxPerSecond = options.churn?.maxRootsPerSecond ?? 200;
  const win = (root.ownerDocument ?? (root as Document)).defaultView;
  let lastUrl = win ? pageUrl(win.location.href) : '';
  let pending = new Set<Element>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sentThisSecond = 0;
  let secondStart = now();
  const observed = new WeakSet<Node>();

  const observer = new MutationObserver((records) => take(records));

  const schedule = (ms = delayMs) => {
    if (timer === undefined && !signal.aborted) timer = setTimeout(flush, ms);
  };

  /** Inside our UI: nothing there is page text. */
  const inOwnUi = (n: Node | null) => {
    for (let el = n?.nodeType === 1 ? (n as Element) : (n?.parentElement ?? null); el; el = el.parentElement) {
      if (isOwn(el)) return true;
    }
    return false;
  };

  function take(records: MutationRecord[]): void {
    for (const r of records) {
      const target = r.target;
      if (inOwnUi(target)) continue;
      if (r.type === 'attributes') {
        pending.add(target as Element);
        continue;
      }
      if (r.type === 'characterData') {
        const block = blockOf(target);
        if (block) pending.add(block);
        continue;
      }
      for (const n of r.removedNodes) {
        if (isOwn(n)) continue; // our UI host going away
        // Removed inline content can join two pieces of text into a new match; removed blocks cannot.
        if (n.nodeType !== 1 || isInlineElement(n as Element)) {
          const block = blockOf(target);
          if (block) pending.add(block);
        }
      }
      for (const n of r.addedNodes) {
        if (isOwn(n)) continue;
        if (n.nodeType === 1 && !isInlineElement(n as Element)) pending.add(n as Element);
        else if (n.nodeType === 1 || n.nodeType === 3) {
          const block = blockOf(target);
          if (block) pending.add(block);
        }
      }
    }
    if (pending.size > 0) schedule();
  }

  function checkNavigation(): boolean {
    if (!win) return false;
    const url = pageUrl(win.location.href);
    if (url === lastUrl) return false;
    lastUrl = url;
    pending = new Set();
    reported.reset();
    onNavigate?.(win.location.href);
    return true;
  }

  function observeShadowRoots(el: Element): void {
    const doc = el.ownerDocument;
    const walker = doc.createTreeWalker(el, 0x1 /* SHOW_ELEMENT */);
    for (let n: Node | null = el; n; n = walker.nextNode()) {
      const shadow = (n as Element).shadowRoot;
      if (shadow) {
        observe(shadow);
        observeShadowRoots(shadow as unknown as Element);
      }
    }
  }

  function observe(node: Node): void {
    if (signal.aborted || observed.has(node)) return;
    observed.add(node);
    observer.observe(node, OBSERVE);
  }

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (signal.aborted) return;
    take(observer.takeRecords());
    if (timer !== undefined) clearTimeout(timer); // take() may have scheduled: we are flushing now
    timer = undefined;
    if (checkNavigation()) return;
    if (pending.size === 0) return;

    const candidates = pending;
    pending = new Set();
    const roots: Element[] = [];
    for (const el of candidates) {
      if (!el.isConnected || isOwn(el) || inOwnUi(el) || isInForbiddenElement(el) || isQuarantined(el)) continue;
      // Nested: an ancestor is rescanned anyway.
      let nested = false;
      for (let n = composedParent(el); n && !nested; n = composedParent(n)) nested = candidates.has(n as Element);
      if (!nested) roots.push(el);
    }
    // Global cap per second; the overflow waits for the next second instead of being lost.
    const t = now();
    if (t - secondStart >= 1000) [secondStart, sentThisSecond] = [t, 0];
    const room = Math.max(0, maxPerSecond - sentThisSecond);
    const overflow = roots.splice(room);
    for (const el of overflow) pending.add(el);
    if (overflow.length > 0) schedule(Math.max(delayMs, 1000 - (t - secondStart)));

    const report = roots.filter((el) => reported.attempt(el));
    sentThisSecond += report.length;
    if (report.length === 0) return;
    for (const el of report) observeShadowRoots(el);
    onChange(report);
  }

  function isQuarantined(el: Element): boolean {
    return reported.isQuarantined(el);
  }

  const onHistory = () => {
    // Let the page render the new view first; the flush checks the URL.
    if (timer === undefined) schedule();
  };

  if (!signal.aborted) {
    observe(root);
    if (options.findShadowRoots !== false && (root.nodeType === 1 || root.nodeType === 11)) observeShadowRoots(root as Element);
    win?.addEventListener('popstate', onHistory, { signal });
    // `history.pushState` from the page is invisible to an isolated world; the Navigation API
    // (Chrome) reports it, and without it the URL is checked at every flush of page mutations,
    // which a client-side navigation always causes.
    const navigation = (win as unknown as { navigation?: EventTarget } | null)?.navigation;
    navigation?.addEventListener?.('navigatesuccess', onHistory, { signal });
    signal.addEventListener(
      'abort',
      () => {
        observer.disconnect();
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        pending = new Set();
      },
      { once: true },
    );
  }

  return {
    mute<T>(write: () => T): T {
      const before = observer.takeRecords();
      if (before.length > 0) take(before);
      try {
        return write();
      } finally {
        observer.takeRecords(); // ours: discarded
      }
    },
    observe,
    flush,
    isQuarantined,
  };
}

/**
 * The keyboard's and screen reader's way to a painted mention. Painting with the Highlight API
 * puts no element in the page, so nothing there can take focus; instead one button of ours, in a
 * shadow root, sits over the current mention: Tab reaches it in reading order, Enter opens the
 * popover, arrow keys (and Tab, where no link of the page comes first) move it to the next or
 * previous mention, and its name says what the mention is.
 *
 * Its host is put in the page right before the text node the mention starts in, so the browser's
 * own Tab order passes through it at the mention's place; the host has `display: contents` and the
 * button is fixed-positioned over the mention, so nothing of the page's layout moves. It is there
 * only while the reader is on it (keyboard use), and removed when focus leaves.
 */
import { autoUpdate, computePosition, offset } from '@floating-ui/dom';
import { FOCUS_TAG, UI_TAG } from '../dom/own';
import { compareComposedOrder } from '../dom/composed';
import { mentionRects, type PaintedMention } from '../dom/painter';
import { adoptStyles } from '../dom/shadow-styles';

const HOST_STYLE = 'all: initial !important; display: contents !important;';
const CSS = `
button { position: fixed; top: 0; left: 0; margin: 0; padding: 0; border: 0; background: transparent; pointer-events: none;
  border-radius: 3px; color: transparent; font: 0/0 a; }
button:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
.hint { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
/** Elements looked at between two mentions for a focusable one of the page; past this, assume there is one. */
const MAX_WALK = 400;

/** What the control needs from its owner. */
export interface MentionControlEvents {
  /** The painted mentions in reading order. */
  mentions(): readonly PaintedMention[];
  /** The reader pressed Enter or Space (or clicked) on the control over `id`. */
  activate(id: string): void;
  /** The hint read after the mention's name: its place among `count`. */
  hint(index: number, count: number): string;
  /** Runs our DOM writes unseen by the page watcher. */
  guard(write: () => void): void;
  /** True while a popover is open (Tab then belongs to it, not to the page). */
  popoverOpen(): boolean;
}

/** One focusable button over the current mention, placed and moved in the page's reading order. */
export class MentionControl {
  private host: HTMLElement | null = null;
  private button: HTMLButtonElement | null = null;
  private hintEl: HTMLElement | null = null;
  private stopUpdate: (() => void) | null = null;
  private current: PaintedMention | null = null;

  constructor(
    private readonly doc: Document,
    private readonly events: MentionControlEvents,
    signal: AbortSignal,
  ) {
    // Tab from the page: put the control at the mention the browser's next step may reach.
    doc.addEventListener('keydown', (e) => this.onPageKeydown(e), { capture: true, signal });
    signal.addEventListener('abort', () => this.remove(), { once: true });
  }

  /** The id of the mention the control is over, if it is in the page. */
  get currentId(): string | null {
    return this.host?.isConnected ? (this.current?.id ?? null) : null;
  }

  /** The control's button (the popover's anchor and focus return when opened from the keyboard). */
  get element(): HTMLButtonElement | null {
    return this.host?.isConnected ? this.button : null;
  }

  /** True when `node` is the control or inside it. */
  contains(node: unknown): boolean {
    return !!this.host && node instanceof Node && (node === this.host || node === this.button || this.host.contains(node));
  }

  /** Puts the control over `mention` and focuses it. */
  focusOn(mention: PaintedMention): void {
    this.place(mention);
    this.button?.focus({ preventScroll: true });
  }

  /** Marks the control as having its popover open or not. */
  setExpanded(open: boolean): void {
    if (open) this.button?.setAttribute('aria-expanded', 'true');
    else this.button?.removeAttribute('aria-expanded');
  }

  /** Takes the control out of the page unless it has focus. */
  removeUnlessFocused(): void {
    if (this.host && this.doc.activeElement !== this.host) this.remove();
  }

  /** Takes the control out of the page. */
  remove(): void {
    this.stopUpdate?.();
    this.stopUpdate = null;
    const host = this.host;
    this.host = this.button = this.hintEl = null;
    this.current = null;
    if (host?.isConnected) this.events.guard(() => host.remove());
  }

  /** Places the control (without focusing it) right before the text `mention` starts in. */
  private place(mention: PaintedMention): void {
    const start = mention.range.startContainer;
    const parent = start.parentNode;
    if (!parent || !start.isConnected) return;
    this.ensure();
    const host = this.host!;
    if (host.nextSibling !== start || host.parentNode !== parent) this.events.guard(() => parent.insertBefore(host, start));
    this.current = mention;
    const list = this.events.mentions();
    const index = list.indexOf(mention);
    this.button!.setAttribute('aria-label', mention.label);
    this.hintEl!.textContent = this.events.hint(index + 1, list.length);
    this.stopUpdate?.();
    const reference = {
      getBoundingClientRect: () => rectOf(mention) ?? new DOMRect(),
      contextElement: mention.segment.block,
    };
    this.stopUpdate = autoUpdate(reference, this.button!, () => {
      const rect = reference.getBoundingClientRect();
      void computePosition(reference, this.button!, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(-rect.height)],
      }).then(({ x, y }) => {
        if (!this.button) return;
        Object.assign(this.button.style, { left: `${x}px`, top: `${y}px`, width: `${rect.width}px`, height: `${rect.height}px` });
      });
    });
  }

  private ensure(): void {
    if (this.host) return;
    const host = this.doc.createElement(FOCUS_TAG);
    host.setAttribute('data-factlight-ui', '');
    host.setAttribute('style', HOST_STYLE);
    const shadow = host.attachShadow({ mode: 'open' });
    const button = this.doc.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'dialog');
    const hint = this.doc.createElement('span');
    hint.className = 'hint';
    hint.id = 'hint';
    button.setAttribute('aria-describedby', 'hint');
    adoptStyles(shadow, this.doc, CSS);
    shadow.append(button, hint);
    button.addEventListener('keydown', (e) => this.onKeydown(e));
    button.addEventListener('click', (e) => {
      // Only the keyboard reaches it (it takes no pointer events: a click on the mention is the page's).
      e.preventDefault();
      if (this.current) this.events.activate(this.current.id);
    });
    button.addEventListener('blur', (e) => {
      // Focus went into the popover (our other host), or back to us: stay. Anywhere else: the reader left.
      const to = e.relatedTarget;
      if (this.contains(to) || (to instanceof Element && to.localName === UI_TAG)) return;
      setTimeout(() => {
        if (this.doc.activeElement !== host) this.remove();
      }, 0);
    });
    Object.assign(this, { host, button, hintEl: hint });
  }

  private onKeydown(e: KeyboardEvent): void {
    const list = this.events.mentions();
    const at = this.current ? list.indexOf(this.current) : -1;
    if (at < 0) return;
    const move = (to: number) => {
      const next = list[to];
      if (!next) return false;
      this.focusOn(next);
      const block = next.segment.block;
      const reduce = this.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      const rect = rectOf(next);
      const height = this.doc.defaultView?.innerHeight ?? 0;
      if (!rect || rect.top < 0 || rect.bottom > height) block.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
      return true;
    };
    // Enter and Space need nothing here: on a button they make the click that activates it.
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') {
      e.preventDefault();
      move(at + 1);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
      e.preventDefault();
      move(at - 1);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(e.key === 'Home' ? 0 : list.length - 1);
    } else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // Tab walks the mentions in reading order, unless a link or field of the page comes first.
      const to = at + (e.shiftKey ? -1 : 1);
      const next = list[to];
      if (!next) return;
      const [a, b] = e.shiftKey ? [next.range.startContainer, list[at]!.range.startContainer] : [list[at]!.range.startContainer, next.range.startContainer];
      if (focusableBetween(a, b)) return;
      e.preventDefault();
      e.stopPropagation();
      move(to);
    }
  }

  /**
   * Tab or Shift+Tab in the page: the control goes to the first mention after (or the last before)
   * where focus is, and the browser's own step then lands on it if nothing focusable of the page
   * comes first.
   */
  private onPageKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const from = e.composedPath()[0];
    if (this.contains(from) || this.events.popoverOpen()) return;
    const list = this.events.mentions();
    if (!list.length) return;
    const origin = focusOrigin(this.doc, from);
    if (!origin) return;
    // The first mention whose start comes after the origin (binary search in reading order).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareComposedOrder(origin, list[mid]!.range.startContainer) < 0) hi = mid;
      else lo = mid + 1;
    }
    const target = list[e.shiftKey ? lo - 1 : lo];
    if (target) this.place(target);
  }
}

/** Where a Tab press starts from: the focused element, else the reader's caret or selection. */
function focusOrigin(doc: Document, from: EventTarget | undefined): Node | null {
  const active = from instanceof Node ? from : null;
  if (active && active !== doc.body && active !== doc.documentElement && active !== doc) return active;
  const selection = doc.getSelection();
  return selection?.focusNode ?? null;
}

/** True when an element the browser's Tab would stop at lies between nodes `a` and `b` (in that order). */
export function focusableBetween(a: Node, b: Node): boolean {
  const doc = a.ownerDocument;
  if (!doc || a.getRootNode() !== b.getRootNode()) return true;
  const walker = doc.createTreeWalker(a.getRootNode(), 0x1 /* SHOW_ELEMENT */);
  walker.currentNode = a;
  for (let n = walker.nextNode(), seen = 0; n; n = walker.nextNode(), seen++) {
    if (seen > MAX_WALK) return true;
    if (n === b || (n.compareDocumentPosition(b) & 2) /* b precedes n */) return false;
    if (isTabStop(n as Element)) return true;
  }
  return false;
}

function isTabStop(el: Element): boolean {
  const html = el as HTMLElement;
  if (typeof html.tabIndex !== 'number' || html.tabIndex < 0) return false;
  if ((html as HTMLButtonElement).disabled) return false;
  // A link without href, a plain div: tabIndex 0 only when set.
  if (html.tabIndex === 0 && !el.hasAttribute('tabindex') && el.localName === 'a' && !el.hasAttribute('href')) return false;
  if (el.shadowRoot) return true;
  return typeof html.checkVisibility === 'function' ? html.checkVisibility() : true;
}

/** A mention's first box, in viewport coordinates. */
function rectOf(m: PaintedMention): DOMRect | null {
  return mentionRects(m)[0] ?? null;
}

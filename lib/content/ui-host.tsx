/**
 * Factlight's own UI on the page: one shadow-root host holding the popover and a screen-reader live
 * region. The host exists only while it has something to show, so a page without an open popover
 * carries no trace of us beyond the highlights themselves.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, hide, offset, shift, size } from '@floating-ui/dom';
import { Popover, type PopoverProps } from '../../components/popover/Popover';
import css from '../../components/popover/popover.css?inline';
import { UI_TAG } from '../dom/own';
import { adoptStyles } from '../dom/shadow-styles';

export { UI_TAG };
const HOST_STYLE = 'all: initial !important; display: block !important; position: static !important; contain: none !important;';
const ANNOUNCE_MS = 6000;

export type Theme = 'light' | 'dark';

/**
 * What a popover points at: a painted mention, which is not an element (its box comes from its
 * range), and, when it was opened from the keyboard, our control over it, which gets focus back.
 */
export interface PopoverAnchor {
  /** The mention's id. */
  id: string;
  /** The mention's box in viewport coordinates (empty when the page removed it). */
  rect(): DOMRect;
  /** An element of the page around the mention: its scrolling ancestors move the popover along. */
  context: Element;
  /** False once the page removed the mention's text. */
  isConnected(): boolean;
  /** Our control over the mention, when the reader opened from the keyboard. */
  control?: HTMLElement | null;
  /** True when a pointer event with this composed path hit the mention (its own click toggles). */
  hit?(event: Event): boolean;
  /** Gives focus back to the mention when there is no control to return it to (opened by a click). */
  returnFocus?(): void;
  /** Called once the popover is closed. */
  closed?(): void;
}

/** Opens and closes the popover next to a highlight, and speaks short messages to screen readers. */
export class UiHost {
  private host: HTMLElement | null = null;
  private root: HTMLElement | null = null;
  private floating: HTMLElement | null = null;
  private live: HTMLElement | null = null;
  private anchor: PopoverAnchor | null = null;
  /** Whether the open popover's mention has been on screen since it opened (see `position`). */
  private anchorSeen = false;
  private stopAutoUpdate: (() => void) | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new AbortController();

  constructor(private readonly doc: Document = document) {
    // Escape and outside clicks close the popover; registered once, cheap when nothing is open.
    doc.addEventListener('keydown', (e) => this.onKeydown(e), { capture: true, signal: this.listeners.signal });
    doc.addEventListener('pointerdown', (e) => this.onPointerDown(e), { capture: true, signal: this.listeners.signal });
  }

  /** The id of the mention whose popover is open, if any. */
  get openFor(): string | null {
    return this.anchor?.id ?? null;
  }

  /** True when `node` belongs to our UI (events from inside it must not close it). */
  contains(node: EventTarget | null): boolean {
    return !!this.host && node instanceof Node && (node === this.host || this.host.contains(node));
  }

  /** Show the popover for `anchor`; focus moves into it when `focus` (keyboard opening). */
  open(anchor: PopoverAnchor, props: Omit<PopoverProps, 'onClose'>, theme: Theme, focus: boolean): void {
    if (this.anchor && this.anchor.id !== anchor.id) this.close(false);
    this.ensureHost(theme);
    this.anchor = anchor;
    this.anchorSeen = false;
    anchor.control?.setAttribute('aria-expanded', 'true');
    render(<Popover {...props} onClose={() => this.close(true)} />, this.floating!);
    this.floating!.hidden = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = autoUpdate(reference(anchor), this.floating!, () => void this.position());
    if (focus) (this.floating!.querySelector('.title') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /** Close the popover; return focus to its highlight when the reader closed it from the keyboard or the button. */
  close(returnFocus: boolean): void {
    const anchor = this.anchor;
    if (!anchor) return;
    this.anchor = null;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    if (this.floating) {
      render(null, this.floating);
      this.floating.hidden = true;
    }
    anchor.control?.removeAttribute('aria-expanded');
    if (returnFocus && anchor.control?.isConnected) anchor.control.focus({ preventScroll: true });
    else if (returnFocus) anchor.returnFocus?.();
    anchor.closed?.();
    this.removeHostIfIdle();
  }

  /** Say `text` through a polite live region (after the shortcut toggles highlights). */
  announce(text: string, theme: Theme = 'light'): void {
    this.ensureHost(theme);
    const live = this.live!;
    live.textContent = '';
    // A fresh text node a moment later is what screen readers reliably announce.
    setTimeout(() => (live.textContent = text), 50);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      live.textContent = '';
      this.removeHostIfIdle();
    }, ANNOUNCE_MS);
  }

  /** Remove everything we added and stop listening. */
  destroy(): void {
    this.close(false);
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.listeners.abort();
    this.host?.remove();
    this.host = null;
  }

  private ensureHost(theme: Theme): void {
    if (!this.host || !this.host.isConnected) {
      const host = this.doc.createElement(UI_TAG);
      host.setAttribute('data-factlight-ui', '');
      host.setAttribute('style', HOST_STYLE);
      const shadow = host.attachShadow({ mode: 'open' });
      const root = this.doc.createElement('div');
      root.className = 'root';
      const floating = this.doc.createElement('div');
      floating.className = 'floating';
      floating.hidden = true;
      const live = this.doc.createElement('div');
      live.className = 'live';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      root.append(floating, live);
      adoptStyles(shadow, this.doc, css);
      shadow.append(root);
      // documentElement, not body: single-page apps often replace body's children wholesale.
      this.doc.documentElement.append(host);
      Object.assign(this, { host, root, floating, live });
    }
    this.root!.dataset.theme = theme;
  }

  private removeHostIfIdle(): void {
    if (this.anchor || this.announceTimer) return;
    this.host?.remove();
    this.host = this.root = this.floating = this.live = null;
  }

  private async position(): Promise<void> {
    const anchor = this.anchor;
    const floating = this.floating;
    if (!anchor || !floating) return;
    if (!anchor.isConnected()) return this.dismiss();
    const { x, y, middlewareData } = await computePosition(reference(anchor), floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply: ({ availableHeight }) => {
            floating.style.maxHeight = `${Math.max(160, Math.min(520, availableHeight))}px`;
          },
        }),
        hide(),
      ],
    });
    if (this.anchor !== anchor) return;
    // Scrolled away: the mention is off screen, so the card has nothing to point at. Only once it
    // has been seen: the keyboard can open it while a smooth scroll is still bringing it in.
    if (middlewareData.hide?.referenceHidden) {
      if (this.anchorSeen) return this.dismiss();
    } else this.anchorSeen = true;
    Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
  }

  /**
   * Close because the mention went (scrolled away, removed by the page), not because the reader
   * asked. Focus inside the popover goes back to the mention rather than falling to the page's
   * body, where a keyboard reader would be lost.
   */
  private dismiss(): void {
    this.close(!!this.host && this.doc.activeElement === this.host);
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.anchor) {
      e.stopPropagation();
      this.close(true);
    }
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.anchor) return;
    const path = e.composedPath();
    if (this.host && path.includes(this.host)) return;
    if (this.anchor.hit?.(e) || (this.anchor.control && path.includes(this.anchor.control))) return; // the mention's own click toggles
    this.close(false);
  }
}

/** The anchor as Floating UI's virtual element. */
function reference(anchor: PopoverAnchor) {
  return { getBoundingClientRect: () => anchor.rect(), contextElement: anchor.context };
}

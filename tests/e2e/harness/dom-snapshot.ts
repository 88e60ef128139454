/**
 * A structural fingerprint of a page's DOM, taken in the page: every node's type, name, attributes
 * and text, text nodes one by one (so a merged or split text node shows), open shadow roots included.
 * Two equal fingerprints mean the DOM a reader and the page's scripts see is the same.
 */
import type { Page, Frame } from 'playwright-core';

/** Runs in the page. Kept free of closures so it can be serialised by the driver. */
export function fingerprintInPage(): string {
  const out: string[] = [];
  const walk = (node: Node, depth: number) => {
    const pad = depth.toString(36);
    if (node.nodeType === 3) out.push(`${pad}#t${JSON.stringify((node as Text).data)}`);
    else if (node.nodeType === 8) out.push(`${pad}#c${JSON.stringify((node as Comment).data)}`);
    else if (node.nodeType === 1) {
      const el = node as Element;
      const attrs = [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort().join(' ');
      out.push(`${pad}<${el.localName} ${attrs}>`);
      if (el.shadowRoot) {
        out.push(`${pad}#shadow`);
        for (const c of el.shadowRoot.childNodes) walk(c, depth + 1);
      }
      const content = el.localName === 'template' ? (el as HTMLTemplateElement).content : el;
      for (const c of content.childNodes) walk(c, depth + 1);
    }
  };
  walk(document.documentElement, 0);
  return out.join('\n');
}

/** The fingerprint of a page or frame. */
export function fingerprint(target: Page | Frame): Promise<string> {
  return target.evaluate(fingerprintInPage);
}

/** First differing line of two fingerprints, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i}: before ${la[i]?.slice(0, 200)} | after ${lb[i]?.slice(0, 200)}`;
  }
  return 'equal';
}

/**
 * `fingerprint` without the attribute our painting puts on the blocks it paints in (and takes off
 * again): while highlights are on, the page's DOM is otherwise exactly the page's.
 */
export function withoutPaintAttribute(fingerprintText: string): string {
  // A line is `<tag attrs>` with the attributes sorted and joined by spaces (see fingerprintInPage).
  return fingerprintText.replace(/<([a-z0-9-]+) data-factlight-paint="">/g, '<$1 >').replaceAll(' data-factlight-paint=""', '');
}

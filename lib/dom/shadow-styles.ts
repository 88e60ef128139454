/** Our CSS in a shadow root: our own UI's, and the highlight rules in a page's shadow tree we paint in. */

/**
 * Adds `css` to `shadow` as a constructed stylesheet where the browser allows it: those are not
 * subject to the page's Content-Security-Policy `style-src`, and add no node. Firefox's
 * content-script sandbox may refuse to hand one to a page's shadow root: then a `<style>` element
 * does the job. The shadow root's own sheets are kept. Returns what takes ours out again.
 */
export function adoptStyles(shadow: ShadowRoot, doc: Document, css: string): () => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const before = shadow.adoptedStyleSheets.length;
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    if (shadow.adoptedStyleSheets.length === before + 1) {
      return () => {
        try {
          shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((s) => s !== sheet);
        } catch {
          // The tree is gone with its page: nothing to take back.
        }
      };
    }
  } catch {
    // fall through to a <style> element
  }
  const style = doc.createElement('style');
  style.setAttribute('data-factlight', '');
  style.textContent = css;
  shadow.append(style);
  return () => style.remove();
}

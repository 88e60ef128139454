/** Styles for our own shadow roots (the popover's, the keyboard control's). */

/**
 * Our CSS, as a constructed stylesheet where the browser allows it: those are not subject to the
 * page's Content-Security-Policy `style-src`, so a strict-CSP page still gets a styled popover.
 * Firefox's content-script sandbox may refuse to hand one to the page's shadow root: then a
 * <style> element does the job.
 */
export function adoptStyles(shadow: ShadowRoot, doc: Document, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    if (shadow.adoptedStyleSheets.length === 1) return;
  } catch {
    // fall through to a <style> element
  }
  const style = doc.createElement('style');
  style.textContent = css;
  shadow.append(style);
}

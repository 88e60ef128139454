/**
 * Factlight's content script: runs in every frame of every http(s) page once it is idle, and hands
 * the page to PageController, which does nothing unless the site rules say this page is on.
 * Everything it adds is removed when the extension is disabled, updated or uninstalled (ctx).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageController } from '../../lib/content/controller';
// The highlights' looks: injected by the browser from the manifest before the page is built, so
// painting never adds a stylesheet to a built page (see lib/dom/highlight-style.ts).
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // highlights.css goes in the manifest: `::highlight()` rules only, which style nothing until we
  // register a highlight. The popover's CSS is inlined into its shadow root.
  cssInjectionMode: 'manifest',
  main(ctx) {
    const controller = new PageController(document, ctx.signal);
    controller.start().catch((error: unknown) => {
      // A page we cannot read must never break: log for developers, leave the page as it was.
      console.debug('[Factlight] not started:', error);
      controller.stop();
    });
  },
});

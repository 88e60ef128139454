/**
 * Inline styles for highlight wrappers, from a topic's colour preset and style. Every declaration
 * is `!important`: inline important declarations beat every author rule, important or not, layered
 * or not (CSS Cascade 5, "element-attached styles"), so `* { all: unset !important }` or
 * `factlight-mark { display: none !important }` on the page cannot hide or restyle a highlight.
 *
 * Only properties that keep the wrapper a neutral inline box are forced. `visibility` is forced to
 * `inherit`, never `visible`: a rule aimed at our element cannot hide it, while a paragraph the page
 * hides with `visibility: hidden` on an ancestor stays hidden, word for word. Never `pointer-events`.
 */
import { COLOR_PRESETS, type TopicPrefs } from '../settings/schema';

const LAYOUT =
  'display: inline !important; position: static !important; float: none !important; ' +
  'margin: 0 !important; padding: 0 !important; border: 0 !important; ' +
  'font: inherit !important; letter-spacing: inherit !important; opacity: 1 !important; visibility: inherit !important; ' +
  'cursor: pointer !important; box-decoration-break: clone !important; -webkit-box-decoration-break: clone !important;';

/** CSS declarations for a topic's wrappers: pass `(id) => highlightStyle(prefsOf(id))` to `Highlighter`. */
export function highlightStyle(prefs: Pick<TopicPrefs, 'color' | 'style'>): string {
  const preset = COLOR_PRESETS[prefs.color] ?? COLOR_PRESETS.amber;
  if (prefs.style === 'underline') {
    return (
      `${LAYOUT} background: transparent !important; color: inherit !important; ` +
      `text-decoration: underline 0.15em solid ${preset.underline} !important; text-underline-offset: 0.2em !important; border-radius: 0 !important;`
    );
  }
  return (
    `${LAYOUT} background: ${preset.background} !important; color: ${preset.text} !important; ` +
    `text-decoration: none !important; border-radius: 0.2em !important;`
  );
}

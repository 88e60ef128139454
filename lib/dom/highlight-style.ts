/**
 * How highlights look: one `::highlight()` rule per colour preset and style, in a stylesheet the
 * browser injects from the manifest before the page is built (entrypoints/content/highlights.css,
 * checked against {@link highlightSheet} by a unit test). A topic is painted by registering its
 * ranges under the name of its look, so changing a colour moves ranges between highlights and never
 * adds a stylesheet: adding one to a built page makes the browser recompute the style of every
 * element (measured: 250-335 ms on a 10 MB page, docs/decisions/013-highlight-api.md).
 *
 * A highlight pseudo-element takes only a few properties (colours, text decoration, text shadow),
 * none of which can move text, so painting never changes the page's layout. Both the background
 * and the text colour are set, so the pair keeps its AA contrast on any page, light or dark. Every
 * declaration is `!important`, so a page's rule for the same name cannot restyle it by accident.
 */
import { COLOR_PRESETS, COLOR_PRESET_IDS, type TopicPrefs } from '../settings/schema';

/**
 * Set on each block whose mentions are painted (and removed with them): the rules apply only under
 * it. A `::highlight()` rule that any element matches makes the browser work out highlight styles
 * for every element of the page on every style recalculation (measured on a 10 MB page: a full
 * recalculation took 500 ms without our rules, 1,000-3,000 ms with them for every element, 550 ms
 * with them scoped to this attribute), and the manifest's rules are in every page we visit.
 */
export const PAINT_ATTRIBUTE = 'data-factlight-paint';

/** What a topic's highlights look like: its colour preset and its style. */
export type HighlightLook = Pick<TopicPrefs, 'color' | 'style'>;

/** The registry name of the highlight painting `look`. */
export function highlightName(look: HighlightLook): string {
  const color = COLOR_PRESETS[look.color] ? look.color : 'amber';
  return look.style === 'underline' ? `factlight-${color}-underline` : `factlight-${color}`;
}

/** The declarations for highlights of `look`. */
export function highlightDeclarations(look: HighlightLook): string {
  const preset = COLOR_PRESETS[look.color] ?? COLOR_PRESETS.amber;
  if (look.style === 'underline') {
    return (
      `background-color: transparent !important; text-decoration: underline 0.15em solid ${preset.underline} !important; ` +
      'text-underline-offset: 0.2em !important;'
    );
  }
  return `background-color: ${preset.background} !important; color: ${preset.text} !important; text-decoration: none !important;`;
}

/** Every look's rule, scoped to painted blocks: the content of highlights.css, and of the sheet adopted by shadow roots we paint in. */
export function highlightSheet(): string {
  const rules: string[] = [];
  for (const color of COLOR_PRESET_IDS) {
    for (const style of ['background', 'underline'] as const) {
      const name = highlightName({ color, style });
      // The block itself (Chromium passes highlight styles down to inline children), and what is
      // inside it (Firefox does not).
      rules.push(`[${PAINT_ATTRIBUTE}]::highlight(${name}), [${PAINT_ATTRIBUTE}] *::highlight(${name}) { ${highlightDeclarations({ color, style })} }`);
    }
  }
  return `${rules.join('\n')}\n`;
}

/** Light or dark for our UI on this page: the reader's choice, else the page's background, else the OS. */

function parseRgb(color: string): [number, number, number, number] | null {
  const m = color.match(/rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\s*\)/);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** Relative luminance (WCAG) of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number, number?]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The theme our popover should use on `doc`. */
export function pageTheme(doc: Document, preference: 'auto' | 'light' | 'dark'): 'light' | 'dark' {
  if (preference !== 'auto') return preference;
  const win = doc.defaultView;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el || !win) continue;
    const rgb = parseRgb(win.getComputedStyle(el).backgroundColor);
    if (rgb && rgb[3] > 0.5) return luminance(rgb) < 0.3 ? 'dark' : 'light';
  }
  return win?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

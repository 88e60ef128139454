// @vitest-environment jsdom
// jsdom, not happy-dom: happy-dom ignores the case-insensitive flag in `[aria-hidden="true" i]`.
import { describe, expect, it } from 'vitest';

describe('isForbiddenElement', () => {
  it('agrees with FORBIDDEN_SELECTOR on every kind of element and attribute', async () => {
    const { FORBIDDEN_SELECTOR, isForbiddenElement } = await import('../../lib/dom/segments');
    const tags = ['p', 'div', 'span', 'a', 'input', 'code', 'pre', 'section', 'svg', 'my-widget', 'factlight-focus', 'button', 'label', 'article'];
    const attrs: Array<[string, string] | null> = [
      null, ['hidden', ''], ['aria-hidden', 'true'], ['aria-hidden', 'TRUE'], ['aria-hidden', 'false'], ['inert', ''],
      ['contenteditable', ''], ['contenteditable', 'true'], ['contenteditable', 'false'], ['contenteditable', 'FALSE'],
      ['contenteditable', 'plaintext-only'], ['role', 'button'], ['role', 'Navigation'], ['role', 'article'],
      ['href', '/x'], ['data-factlight-ui', ''], ['class', 'ceasefire'],
    ];
    let checked = 0;
    for (const tag of tags) {
      for (const attr of attrs) {
        const el = document.createElement(tag);
        if (attr) el.setAttribute(attr[0], attr[1]);
        expect(isForbiddenElement(el), `<${tag} ${attr?.join('=') ?? ''}>`).toBe(el.matches(FORBIDDEN_SELECTOR));
        checked++;
      }
    }
    expect(checked).toBe(tags.length * attrs.length);
  });
});


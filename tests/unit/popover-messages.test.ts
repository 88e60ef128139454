import { describe, expect, it, vi } from 'vitest';

vi.mock('../../lib/i18n', () => ({ t: (key: string) => `browser:${key}`, uiLanguage: () => 'en' }));
const { isPopoverMessages, popoverMessagesFor, substitute, translator } = await import('../../lib/popover-messages');

const LOCALES = {
  en: { popover_close: { message: 'Close' }, popover_latest: { message: 'Latest developments' } },
  de: { popover_close: { message: 'Schließen' } },
  'pt-BR': { popover_close: { message: 'Fechar' } },
};

describe('popover messages in the page\'s language', () => {
  it('chooses the page\'s tag, else its base language, else none', () => {
    expect(popoverMessagesFor(LOCALES, 'de')).toEqual({ lang: 'de', messages: { popover_close: 'Schließen' } });
    expect(popoverMessagesFor(LOCALES, 'de-AT')?.lang).toBe('de');
    expect(popoverMessagesFor(LOCALES, 'pt_br')?.lang).toBe('pt-BR');
    expect(popoverMessagesFor(LOCALES, 'sv')).toBeNull();
    expect(popoverMessagesFor(LOCALES, '')).toBeNull();
    expect(popoverMessagesFor(LOCALES, undefined)).toBeNull();
  });

  it('substitutes $1..$9 as chrome.i18n does, $$ being a dollar', () => {
    expect(substitute('$1 of $2 ($$)', ['3', '5'])).toBe('3 of 5 ($)');
    expect(substitute('Seit $1', '19. März 2025')).toBe('Seit 19. März 2025');
    expect(substitute('$3 missing', [])).toBe(' missing');
  });

  it('reads its messages first and the browser\'s i18n for the rest', () => {
    const t = translator({ popover_close: 'Schließen' });
    expect(t('popover_close')).toBe('Schließen');
    expect(t('popover_latest')).toBe('browser:popover_latest');
    expect(translator(undefined)('popover_close')).toBe('browser:popover_close');
  });

  it('accepts only a well-formed answer from the message channel', () => {
    expect(isPopoverMessages({ lang: 'de', messages: { a: 'b' } })).toBe(true);
    for (const bad of [null, 'de', { lang: 'de' }, { lang: 1, messages: {} }, { lang: 'de', messages: { a: 1 } }]) expect(isPopoverMessages(bad)).toBe(false);
  });
});

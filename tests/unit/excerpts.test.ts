import { describe, expect, it } from 'vitest';
import { excerptAround, isInsideQuote } from '../../lib/excerpts';
import { formatDate, packLanguage, pick } from '../../lib/format';

describe('excerptAround', () => {
  const text = 'Talks ended. Ukraine backed the ceasefire in Jeddah. Russia hedged.';
  it('returns the sentence around the mention', () => {
    const at = text.indexOf('ceasefire');
    const ex = excerptAround(text, at, at + 9);
    expect(ex.text).toBe('Ukraine backed the ceasefire in Jeddah.');
    expect(text.slice(ex.start, ex.end)).toBe(ex.text);
    expect(ex.quoted).toBe(false);
  });

  it('marks quoted speech', () => {
    const q = '“For us, the red line is recognition,” Zelenskyy said.';
    expect(excerptAround(q, q.indexOf('red'), q.indexOf('red') + 8).quoted).toBe(true);
    const uk = 'Він сказав: «Червона лінія для нас — визнання».';
    expect(isInsideQuote(uk, uk.indexOf('Червона'))).toBe(true);
  });

  it('does not take an apostrophe inside a word for a quote', () => {
    const s = "Ukraine's red lines were restated.";
    expect(isInsideQuote(s, s.indexOf('red'))).toBe(false);
  });

  it('works on Cyrillic sentences', () => {
    const s = 'Переговори завершилися. Україна підтримала перемир’я. Росія вагалася.';
    const at = s.indexOf('перемир');
    expect(excerptAround(s, at, at + 9, 'uk').text).toBe('Україна підтримала перемир’я.');
  });
});

describe('format', () => {
  it('picks the page language, else English', () => {
    expect(packLanguage('uk-UA')).toBe('uk');
    expect(packLanguage('ru')).toBe('ru');
    expect(packLanguage('de')).toBe('de');
    expect(packLanguage('pt-BR')).toBe('pt');
    expect(packLanguage('und')).toBe('en');
    expect(pick({ en: 'Truce', de: 'Waffenruhe' }, 'de')).toBe('Waffenruhe');
    expect(pick({ en: 'Truce', 'pt-BR': 'Trégua' }, 'pt')).toBe('Trégua');
    expect(packLanguage(undefined)).toBe('en');
    expect(pick({ en: 'Truce', uk: 'Перемир’я' }, 'uk')).toBe('Перемир’я');
    expect(pick({ en: 'Truce' }, 'ru')).toBe('Truce');
  });

  it('formats dates in the reader locale without shifting the day', () => {
    expect(formatDate('2025-03-11', 'en-GB')).toBe('11 March 2025');
    expect(formatDate('2025-03-11', 'en-US')).toBe('March 11, 2025');
    expect(formatDate('not a date', 'en-GB')).toBe('not a date');
  });
});

import { describe, expect, it } from 'vitest';
import { peopleQuoted, quoteRole, roleOn } from '../../lib/pack/people';
import type { Person, Quote } from '../../lib/pack/schema';

const yermak: Person = {
  id: 'yermak',
  name: { en: 'Andriy Yermak' },
  roles: [{ title: { en: 'Head of the Office of the President of Ukraine', uk: 'Керівник Офісу Президента України' }, until: '2025-11-28' }],
};
const umerov: Person = {
  id: 'umerov',
  name: { en: 'Rustem Umerov' },
  roles: [
    { title: { en: 'Defence Minister of Ukraine' }, until: '2025-07-16' },
    { title: { en: 'Secretary of the NSDC' }, from: '2025-07-17' },
    { title: { en: 'Head of the delegation (acting)' }, from: '2025-11-29', until: '2025-12-31' },
  ],
};
const quote = (date: string, person?: string, role?: string): Quote => ({ text: 'x', lang: 'en', speaker: 'S', date, source: { outlet: 'O' }, ...(person && { person }), ...(role && { role }) });

describe('dated roles', () => {
  it('gives the role held on the day, both bounds inclusive', () => {
    expect(roleOn(yermak, '2025-03-18')?.title.en).toBe('Head of the Office of the President of Ukraine');
    expect(roleOn(yermak, '2025-11-28')?.title.en).toBe('Head of the Office of the President of Ukraine');
    expect(roleOn(yermak, '2025-11-29')).toBeUndefined();
    expect(roleOn(umerov, '2025-05-16')?.title.en).toBe('Defence Minister of Ukraine');
    expect(roleOn(umerov, '2025-07-23')?.title.en).toBe('Secretary of the NSDC');
  });

  it('prefers the role that began last when two overlap', () => {
    expect(roleOn(umerov, '2025-11-30')?.title.en).toBe('Head of the delegation (acting)');
    expect(roleOn(umerov, '2026-01-05')?.title.en).toBe('Secretary of the NSDC');
  });

  it('a quote shows its person\'s role that day, or its role in words, or nothing', () => {
    expect(quoteRole(quote('2025-05-16', 'umerov'), [yermak, umerov])?.en).toBe('Defence Minister of Ukraine');
    expect(quoteRole(quote('2025-03-11', undefined, 'Joint statement'), [])).toEqual({ en: 'Joint statement' });
    expect(quoteRole(quote('2025-12-01', 'yermak', 'Former head of the Office'), [yermak])).toEqual({ en: 'Former head of the Office' });
    expect(quoteRole(quote('2025-12-01', 'yermak'), [yermak])).toBeUndefined();
  });

  it('lists the people a topic\'s quotes name, once each', () => {
    expect(peopleQuoted([quote('2025-01-01', 'umerov'), quote('2025-01-02', 'yermak'), quote('2025-01-03', 'umerov')], [yermak, umerov]).map((p) => p.id)).toEqual(['umerov', 'yermak']);
  });
});

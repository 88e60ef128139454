/**
 * Who said it, as they were on the day: a quote's speaker shown with the role they held on the
 * quote's date. Roles change (Yermak led the Presidential Office until 28 November 2025; Umerov was
 * defence minister, then NSDC secretary), so a pack models them as dated and the popover and the
 * timeline page ask here instead of printing one role for every date.
 */
import type { LocalizedText, Person, Quote, Role } from './schema';

/** True when `role` was held on `date` (YYYY-MM-DD; both bounds inclusive, a missing bound open). */
export function roleHeldOn(role: Role, date: string): boolean {
  return (!role.from || role.from <= date) && (!role.until || date <= role.until);
}

/**
 * The role `person` held on `date`: the one that covers it, and of several the one that began
 * last (an acting role inside a longer one wins). Undefined when none covers the date.
 */
export function roleOn(person: Person, date: string): Role | undefined {
  let best: Role | undefined;
  for (const role of person.roles) {
    if (!roleHeldOn(role, date)) continue;
    if (!best || (role.from ?? '') > (best.from ?? '')) best = role;
  }
  return best;
}

/** The speaker's role on the quote's date, in every language the pack gives it. */
export function quoteRole(quote: Quote, people: readonly Person[] | undefined): LocalizedText | undefined {
  const person = quote.person ? people?.find((p) => p.id === quote.person) : undefined;
  const role = person && roleOn(person, quote.date);
  if (role) return role.title;
  return quote.role ? { en: quote.role } : undefined;
}

/** The people of `people` that `quotes` name, in the order first named: what a topic must carry. */
export function peopleQuoted(quotes: readonly Quote[], people: readonly Person[]): Person[] {
  const ids = [...new Set(quotes.map((q) => q.person).filter((id): id is string => !!id))];
  return ids.map((id) => people.find((p) => p.id === id)).filter((p): p is Person => !!p);
}

/**
 * Reading publication dates as pages write them: ISO timestamps in metadata, and human dates in
 * bylines ("19 March 2025", "March 19, 2025", "19 березня 2025", "19.03.2025").
 */

/** Month names as datelines write them, in the pack's languages, to their number (1-12). */
export const MONTH_NAMES: Record<string, number> = {};
const addMonths = (names: string[]) => names.forEach((n, i) => n.split('|').forEach((alt) => (MONTH_NAMES[alt] = i + 1)));
addMonths(['january|jan', 'february|feb', 'march|mar', 'april|apr', 'may', 'june|jun', 'july|jul', 'august|aug', 'september|sep|sept', 'october|oct', 'november|nov', 'december|dec']);
addMonths(['січня|січень', 'лютого|лютий', 'березня|березень', 'квітня|квітень', 'травня|травень', 'червня|червень', 'липня|липень', 'серпня|серпень', 'вересня|вересень', 'жовтня|жовтень', 'листопада|листопад', 'грудня|грудень']);
addMonths(['января|январь', 'февраля|февраль', 'марта|март', 'апреля|апрель', 'мая|май', 'июня|июнь', 'июля|июль', 'августа|август', 'сентября|сентябрь', 'октября|октябрь', 'ноября|ноябрь', 'декабря|декабрь']);
// German, French, Spanish, Italian, and Polish and Lithuanian in the genitive, as datelines write them.
addMonths(['januar|jänner', 'februar', 'märz|maerz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober|okt', 'november', 'dezember|dez']);
addMonths(['janvier|janv', 'février|fevrier|févr', 'mars', 'avril', 'mai', 'juin', 'juillet|juil', 'août|aout', 'septembre', 'octobre', 'novembre', 'décembre|decembre']);
addMonths(['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre|setiembre', 'octubre', 'noviembre', 'diciembre']);
addMonths(['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']);
addMonths(['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia']);
addMonths(['sausio', 'vasario', 'kovo', 'balandžio', 'gegužės', 'birželio', 'liepos', 'rugpjūčio', 'rugsėjo', 'spalio', 'lapkričio', 'gruodžio']);

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * The day (YYYY-MM-DD) a date string names, or undefined. ISO timestamps keep the publisher's own
 * calendar day (the part before `T`), because converting "2025-03-11T00:30+02:00" to UTC would move
 * it to the day before the events began.
 */
export function parseDay(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  const s = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (iso) return isoDay(+iso[1]!, +iso[2]!, +iso[3]!);
  const compact = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (compact) return isoDay(+compact[1]!, +compact[2]!, +compact[3]!);
  return parseHumanDate(s);
}

/**
 * A date written for people, in English, Ukrainian, Russian, German, French, Spanish, Italian, Polish
 * or Lithuanian, or as 19.03.2025.
 */
export function parseHumanDate(text: string): string | undefined {
  const lower = text.toLowerCase();
  // "19 March 2025", "19. März 2025", "19 de marzo de 2025".
  const dmy = /(?<!\d)(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4})(?!\d)/u.exec(lower);
  if (dmy && MONTH_NAMES[dmy[2]!]) return isoDay(+dmy[3]!, MONTH_NAMES[dmy[2]!]!, +dmy[1]!);
  const mdy = /(?<![\p{L}])([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u.exec(lower);
  if (mdy && MONTH_NAMES[mdy[1]!]) return isoDay(+mdy[3]!, MONTH_NAMES[mdy[1]!]!, +mdy[2]!);
  // Lithuanian: "2025 m. kovo 19 d.".
  const ymd = /(?<!\d)(\d{4})\s?m\.\s+([\p{L}]+)\s+(\d{1,2})(?!\d)/u.exec(lower);
  if (ymd && MONTH_NAMES[ymd[2]!]) return isoDay(+ymd[1]!, MONTH_NAMES[ymd[2]!]!, +ymd[3]!);
  const dotted = /(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/.exec(lower);
  if (dotted) return isoDay(+dotted[3]!, +dotted[2]!, +dotted[1]!);
  const isoInside = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(lower);
  if (isoInside) return isoDay(+isoInside[1]!, +isoInside[2]!, +isoInside[3]!);
  return undefined;
}

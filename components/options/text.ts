/**
 * Small helpers shared by the options page's components: reader-language text and messages.
 */
import { t, uiLanguage } from '../../lib/i18n';
import { tPlural, type PluralKeys } from '../../lib/plural';
import type { LocalizedText } from '../../lib/pack/schema';
import type { ImportMessage } from '../../lib/pack/import';

/**
 * A pack language's name in the reader's language: our own word where the locales have one
 * (`options_lang_uk`), else the browser's (`Intl.DisplayNames`, for any tag a pack may use), else the tag.
 */
export function languageName(tag: string): string {
  const key = `options_lang_${tag.replace(/-/g, '_')}`;
  const own = t(`options_lang_${tag.replace(/-/g, '_')}`);
  if (own && own !== key) return own;
  try {
    const lang = uiLanguage();
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(tag);
    if (name && name !== tag) return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    // Not a tag Intl knows: the tag itself still says which language.
  }
  return tag;
}

/** A pack text in the reader's language, falling back to English (every pack text has it). */
export function localized(text: LocalizedText, lang: string): string {
  return (text as Record<string, string | undefined>)[lang] ?? text.en;
}

/**
 * Problems that state a number ("at most 200 characters"): their counted forms, one key per plural
 * category. The pack's validation names the plain key; the number is its first substitution.
 */
const COUNTED: Record<string, PluralKeys> = {
  options_invalid_too_long: { one: 'options_invalid_too_long_one', few: 'options_invalid_too_long_few', many: 'options_invalid_too_long_many', other: 'options_invalid_too_long_other' },
  options_invalid_min_items: { one: 'options_invalid_min_items_one', few: 'options_invalid_min_items_few', many: 'options_invalid_min_items_many', other: 'options_invalid_min_items_other' },
  options_invalid_max_items: { one: 'options_invalid_max_items_one', few: 'options_invalid_max_items_few', many: 'options_invalid_max_items_many', other: 'options_invalid_max_items_other' },
};

/** A validation problem's words, in the plural form its number needs (`must be at most 1 character`). */
export function issueText(message: Pick<ImportMessage, 'key' | 'substitutions'>): string {
  const counted = COUNTED[message.key];
  const [first, ...rest] = message.substitutions;
  const count = first === undefined || first.trim() === '' ? NaN : Number(first);
  return counted && Number.isFinite(count) ? tPlural(counted, count, rest) : t(message.key, message.substitutions);
}

/** An import or validation problem as one sentence: `topics[2].title.en: must not be empty`. */
export function messageText(message: ImportMessage): string {
  const text = issueText(message);
  return message.path ? t('options_issue_at', [message.path, text]) : text;
}

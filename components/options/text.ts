/**
 * Small helpers shared by the options page's components: reader-language text and messages.
 */
import { t } from '../../lib/i18n';
import type { LocalizedText } from '../../lib/pack/schema';
import type { ImportMessage } from '../../lib/pack/import';

/** A pack text in the reader's language, falling back to English (every pack text has it). */
export function localized(text: LocalizedText, lang: string): string {
  return (text as Record<string, string | undefined>)[lang] ?? text.en;
}

/** An import or validation problem as one sentence: `topics[2].title.en: must not be empty`. */
export function messageText(message: ImportMessage): string {
  const text = t(message.key, message.substitutions);
  return message.path ? t('options_issue_at', [message.path, text]) : text;
}

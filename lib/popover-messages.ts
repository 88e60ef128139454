/**
 * The popover's own words in the page's language (issue 15): a German article gets "Seit diesem
 * Artikel…" whatever the browser's language. The browser's i18n answers only in the browser's
 * language, so the background keeps every language's popover messages (`locales/<lang>/popover.json`)
 * and answers a `popover-messages` request with those of the page's language; the content script
 * carries none of them. Anything missing falls back to the browser's i18n.
 */
import { t } from './i18n';
import type { ChromeMessages } from './locales';

/** Message texts by key, as `_locales/<lang>/messages.json` gives them (`$1`..`$9` placeholders). */
export type Messages = Record<string, string>;

/** What the background answers: the language it chose and its popover messages. */
export interface PopoverMessages {
  lang: string;
  messages: Messages;
}

/**
 * The messages of the language that best serves `pageLang` (a BCP 47 tag): the tag itself, else its
 * base language (`pt-BR` → `pt`). Null when we have neither: the browser's language then serves.
 * @param byLang the popover messages of every language we ship, by folder name.
 */
export function popoverMessagesFor(byLang: Record<string, ChromeMessages>, pageLang: string | undefined): PopoverMessages | null {
  const tag = (pageLang ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (!tag) return null;
  const folders = Object.keys(byLang);
  const lang = folders.find((f) => f.toLowerCase() === tag) ?? folders.find((f) => f.toLowerCase() === tag.split('-')[0]);
  if (!lang) return null;
  return { lang, messages: Object.fromEntries(Object.entries(byLang[lang]!).map(([key, value]) => [key, value.message])) };
}

/** `$1`..`$9` of `message` replaced by `substitutions` (`$$` is a literal dollar), as chrome.i18n does. */
export function substitute(message: string, substitutions: string | string[] = []): string {
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
}

/** A `t` that reads `messages` first and the browser's i18n for anything they lack. */
export function translator(messages: Messages | undefined): (key: string, substitutions?: string | string[]) => string {
  return (key, substitutions) => {
    const own = messages?.[key];
    return own !== undefined ? substitute(own, substitutions) : t(key, substitutions);
  };
}

/** True when `value` has the shape of a `PopoverMessages` answer (it crosses a message channel). */
export function isPopoverMessages(value: unknown): value is PopoverMessages {
  if (typeof value !== 'object' || value === null) return false;
  const { lang, messages } = value as { lang?: unknown; messages?: unknown };
  return typeof lang === 'string' && typeof messages === 'object' && messages !== null && Object.values(messages).every((m) => typeof m === 'string');
}

/**
 * Aliases as one textarea per language, one alias per line, validated with the pack schema so an
 * alias the matcher would refuse is named (by line) before it is saved.
 */
import { useId } from 'preact/hooks';
import * as v from 'valibot';
import { t } from '../../lib/i18n';
import { AliasesSchema, PACK_LANGUAGES, type Aliases, type PackLanguage } from '../../lib/pack/schema';
import { issueMessage } from '../../lib/pack/import';
import { issueText, languageName } from './text';

/** Text of each language's textarea. */
export type AliasDraft = Record<PackLanguage, string>;

/** Stored aliases → textarea text. */
export function aliasesToDraft(aliases: Aliases): AliasDraft {
  return {
    en: (aliases.en ?? []).join('\n'),
    uk: (aliases.uk ?? []).join('\n'),
    ru: (aliases.ru ?? []).join('\n'),
  };
}

/** One problem in the aliases, for the textarea of `lang`. */
export interface AliasProblem {
  lang: PackLanguage | null;
  text: string;
}

/**
 * Textarea text → aliases, or the problems (line numbers count blank lines, as the reader sees them).
 * Blank lines are ignored; a language with no aliases is left out; at least one alias is required.
 */
export function draftToAliases(draft: AliasDraft): { ok: true; aliases: Aliases } | { ok: false; problems: AliasProblem[] } {
  const raw: Record<string, string[]> = {};
  const lineOf: Record<string, number[]> = {};
  for (const lang of PACK_LANGUAGES) {
    const lines = (draft[lang] ?? '').split('\n');
    const kept: string[] = [];
    const numbers: number[] = [];
    lines.forEach((line, i) => {
      if (line.trim() !== '') {
        kept.push(line.trim());
        numbers.push(i + 1);
      }
    });
    if (kept.length > 0) {
      raw[lang] = kept;
      lineOf[lang] = numbers;
    }
  }
  if (Object.keys(raw).length === 0) return { ok: false, problems: [{ lang: 'en', text: t('options_aliases_none') }] };
  const parsed = v.safeParse(AliasesSchema, raw);
  if (parsed.success) return { ok: true, aliases: parsed.output };
  const problems = parsed.issues.map((issue) => {
    const lang = issue.path?.[0]?.key as PackLanguage | undefined;
    const index = issue.path?.[1]?.key;
    const line = lang && typeof index === 'number' ? lineOf[lang]?.[index] : undefined;
    const message = issueMessage(issue);
    const text = issueText(message);
    return { lang: lang ?? null, text: line ? t('options_aliases_line', [String(line), text]) : text };
  });
  return { ok: false, problems };
}

export interface AliasFieldsProps {
  draft: AliasDraft;
  onChange: (draft: AliasDraft) => void;
  problems: AliasProblem[];
  /** Names the topic in the group's label, so several editors on one page are told apart. */
  label: string;
}

/** The three textareas, labelled and wired to their problems. */
export function AliasFields({ draft, onChange, problems, label }: AliasFieldsProps) {
  const id = useId();
  return (
    <fieldset class="aliases">
      <legend>{label}</legend>
      <p class="hint" id={`${id}-hint`}>{t('options_aliases_hint')}</p>
      {PACK_LANGUAGES.map((lang) => {
        const mine = problems.filter((p) => p.lang === lang);
        const fieldId = `${id}-${lang}`;
        return (
          <div class="field" key={lang}>
            <label for={fieldId}>{languageName(lang)}</label>
            <textarea
              id={fieldId}
              name={`aliases-${lang}`}
              rows={3}
              value={draft[lang]}
              aria-invalid={mine.length > 0 ? 'true' : undefined}
              aria-describedby={`${id}-hint${mine.length > 0 ? ` ${fieldId}-error` : ''}`}
              onInput={(e) => onChange({ ...draft, [lang]: (e.currentTarget as HTMLTextAreaElement).value })}
            />
            {mine.length > 0 && (
              <ul class="field-error" id={`${fieldId}-error`}>
                {mine.map((p, i) => (
                  <li key={i}>{p.text}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

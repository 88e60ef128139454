/**
 * Add or edit one of the reader's own topics: title, summary, aliases, notes and optional quotes with
 * their source. Validated with the pack schema (the same rules an imported pack meets), with each
 * problem shown beside its field and listed in a summary that takes focus.
 *
 * The reader writes in one language; the text is stored as the pack's base (`en`) text, which every
 * language falls back to, so it shows the same whatever the interface language.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { t } from '../../lib/i18n';
import { PACK_LANGUAGES, TopicSchema, type Aliases, type PackLanguage, type Quote, type Topic } from '../../lib/pack/schema';
import { issueMessage } from '../../lib/pack/import';
import { issueText, languageName } from './text';
import { quoteRole } from '../../lib/pack/people';
import { AliasFields, aliasesToDraft, draftToAliases, type AliasDraft, type AliasProblem } from './AliasEditor';

interface QuoteDraft {
  text: string;
  speaker: string;
  role: string;
  date: string;
  lang: PackLanguage;
  outlet: string;
  url: string;
  /** What the form does not edit, kept from the quote it was opened with. */
  kept?: { person?: string; personRole?: string; note?: Quote['note']; source: Quote['source'] };
}

/** The quote a draft stands for: the fields the form does not show are kept when still true. */
function draftToQuote(q: QuoteDraft): Quote {
  const url = q.url.trim();
  const kept = q.kept;
  // A dated role is kept while the reader leaves the role as shown; typing another makes it fixed.
  const person = kept?.person && q.role === kept.personRole ? kept.person : undefined;
  const sameSource = kept && kept.source.outlet === q.outlet && (kept.source.url ?? '') === url;
  return {
    text: q.text,
    lang: q.lang,
    speaker: q.speaker,
    ...(person ? { person } : { role: q.role }),
    date: q.date,
    source: sameSource ? kept.source : { outlet: q.outlet, ...(url ? { url } : {}) },
    ...(kept?.note ? { note: kept.note } : {}),
  };
}

interface Draft {
  title: string;
  summary: string;
  notes: string;
  aliases: AliasDraft;
  quotes: QuoteDraft[];
}

/** A phrase the reader chose to track, and the alias list it starts in. */
export interface TrackedPhrase {
  phrase: string;
  lang: PackLanguage;
}

function toDraft(topic: Topic | null, track?: TrackedPhrase | null): Draft {
  return {
    title: topic?.title.en ?? '',
    summary: topic?.summary.en ?? '',
    notes: topic?.notes ?? '',
    aliases: aliasesToDraft(topic?.aliases ?? (track ? ({ [track.lang]: [track.phrase] } as Aliases) : {})),
    quotes: (topic?.quotes ?? []).map((q) => {
      const personRole = q.person ? quoteRole({ ...q, role: undefined }, topic?.people)?.en : undefined;
      return {
        text: q.text,
        speaker: q.speaker,
        role: personRole ?? q.role ?? '',
        date: q.date,
        lang: q.lang,
        outlet: q.source.outlet,
        url: q.source.url ?? '',
        kept: { person: q.person, personRole, note: q.note, source: q.source },
      };
    }),
  };
}

/** `Talks in Jeddah!` → `talks-in-jeddah`; `''` when nothing Latin is left (then a generic id). */
export function slugify(title: string): string {
  const full = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= 48) return full;
  // Cut at a word boundary so the id does not end in half a word.
  const cut = full.slice(0, 49);
  const boundary = cut.lastIndexOf('-');
  return boundary > 0 ? cut.slice(0, boundary) : full.slice(0, 48);
}

/** A topic id from the title that no existing topic uses. */
export function newTopicId(title: string, taken: ReadonlySet<string>): string {
  const base = slugify(title) || 'my-topic';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const today = () => new Date().toISOString().slice(0, 10);

export interface TopicFormProps {
  /** The topic being edited, or null to add one. */
  topic: Topic | null;
  /** Ids in use, so a new topic gets a fresh one. */
  takenIds: ReadonlySet<string>;
  onSave: (topic: Topic) => Promise<boolean>;
  onCancel?: () => void;
  /**
   * Start a new topic from a phrase ("Track this phrase"): it is the first alias, a line says why,
   * and focus goes to the title, the one thing the reader must still write.
   */
  track?: TrackedPhrase | null;
}

/** The add/edit form. */
export function TopicForm({ topic, takenIds, onSave, onCancel, track }: TopicFormProps) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(topic, track));
  const titleRef = useRef<HTMLInputElement>(null);
  const tracking = !topic && track ? track : null;
  // Only when the page opens for a phrase: focus follows the reader, not re-renders.
  const trackingAtStart = useRef(tracking !== null);
  useEffect(() => {
    if (trackingAtStart.current) titleRef.current?.focus();
  }, []);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [aliasProblems, setAliasProblems] = useState<AliasProblem[]>([]);
  const [summary, setSummary] = useState<string[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setQuote = (i: number, patch: Partial<QuoteDraft>) =>
    setDraft((d) => ({ ...d, quotes: d.quotes.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));

  async function submit(e: Event) {
    e.preventDefault();
    const problems: Record<string, string[]> = {};
    const all: string[] = [];
    const add = (field: string, label: string, text: string) => {
      (problems[field] ??= []).push(text);
      all.push(t('options_issue_at', [label, text]));
    };
    const aliases = draftToAliases(draft.aliases);
    if (!aliases.ok) for (const p of aliases.problems) all.push(t('options_issue_at', [t('options_topic_aliases'), p.text]));
    const candidate = {
      id: topic?.id ?? newTopicId(draft.title, takenIds),
      title: { ...(topic?.title ?? {}), en: draft.title },
      summary: { ...(topic?.summary ?? {}), en: draft.summary },
      asOf: today(),
      ...(topic?.eventsBegin ? { eventsBegin: topic.eventsBegin } : {}),
      aliases: aliases.ok ? aliases.aliases : { en: ['placeholder'] },
      ...(topic?.context ? { context: topic.context } : {}),
      ...(topic?.timeline ? { timeline: topic.timeline } : {}),
      ...(draft.quotes.length > 0
        ? {
            quotes: draft.quotes.map(draftToQuote),
          }
        : {}),
      ...(topic?.people ? { people: topic.people } : {}),
      ...(draft.notes.trim() ? { notes: draft.notes } : {}),
    };
    const parsed = v.safeParse(TopicSchema, candidate);
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const keys = (issue.path ?? []).map((p) => p.key);
        const message = issueMessage(issue);
        const text = issueText(message);
        if (keys[0] === 'title') add('title', t('options_topic_title'), text);
        else if (keys[0] === 'summary') add('summary', t('options_topic_summary'), text);
        else if (keys[0] === 'notes') add('notes', t('options_topic_notes'), text);
        else if (keys[0] === 'quotes' && typeof keys[1] === 'number') {
          const field = quoteField(keys[2], keys[3]);
          add(`quote-${keys[1]}-${field}`, t('options_quote_n_field', [String(keys[1] + 1), t(`options_quote_${field}`)]), text);
        } else if (keys[0] !== 'aliases') add('form', t('options_topic_form'), text);
      }
    }
    setErrors(problems);
    setAliasProblems(aliases.ok ? [] : aliases.problems);
    setSummary(all);
    if (!parsed.success || !aliases.ok) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const saved = await onSave(parsed.output);
    if (saved && !topic) {
      setDraft(toDraft(null));
      setSummary([]);
    }
  }

  const fieldProps = (field: string, hint?: string) => {
    const describedBy = [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ');
    return {
      id: `${id}-${field}`,
      'aria-invalid': errors[field] ? ('true' as const) : undefined,
      'aria-describedby': describedBy || undefined,
    };
  };
  const fieldError = (field: string) =>
    errors[field] ? (
      <p class="field-error" id={`${id}-${field}-error`}>
        {errors[field]!.join(' ')}
      </p>
    ) : null;
  const heading = topic ? t('options_topic_edit_heading', [topic.title.en]) : t('options_topic_add_heading');

  return (
    <form class="topic-form" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <div ref={summaryRef} tabIndex={-1} class={summary.length ? 'error-summary' : 'error-summary empty'}>
        {summary.length > 0 && (
          <>
            <p>{t('options_form_problems')}</p>
            <ul>
              {summary.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {tracking && (
        <p class="track-intro" id={`${id}-track`}>
          {t('options_track_intro', [tracking.phrase])}
        </p>
      )}
      <div class="field">
        <label for={`${id}-title`}>{t('options_topic_title')}</label>
        <input
          type="text"
          ref={titleRef}
          {...fieldProps('title', tracking ? `${id}-track` : undefined)}
          value={draft.title}
          required
          maxLength={2000}
          onInput={(e) => set({ title: e.currentTarget.value })}
        />
        {fieldError('title')}
      </div>
      <div class="field">
        <label for={`${id}-summary`}>{t('options_topic_summary')}</label>
        <textarea {...fieldProps('summary')} rows={3} value={draft.summary} required onInput={(e) => set({ summary: e.currentTarget.value })} />
        {fieldError('summary')}
      </div>
      <AliasFields
        label={t('options_topic_aliases')}
        draft={draft.aliases}
        problems={aliasProblems}
        onChange={(aliases) => set({ aliases })}
      />
      <div class="field">
        <label for={`${id}-notes`}>{t('options_topic_notes')}</label>
        <textarea {...fieldProps('notes')} rows={3} value={draft.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
        {fieldError('notes')}
      </div>
      <fieldset class="quotes">
        <legend>{t('options_quotes')}</legend>
        {draft.quotes.length === 0 && <p class="hint">{t('options_quotes_none')}</p>}
        {draft.quotes.map((q, i) => {
          const n = String(i + 1);
          const qf = (field: string) => fieldProps(`quote-${i}-${field}`);
          const qe = (field: string) => fieldError(`quote-${i}-${field}`);
          return (
            <fieldset class="quote" key={i}>
              <legend>{t('options_quote_n', [n])}</legend>
              <div class="field">
                <label for={`${id}-quote-${i}-text`}>{t('options_quote_text')}</label>
                <textarea {...qf('text')} rows={2} value={q.text} onInput={(e) => setQuote(i, { text: e.currentTarget.value })} />
                {qe('text')}
              </div>
              <div class="field-row">
                <div class="field">
                  <label for={`${id}-quote-${i}-speaker`}>{t('options_quote_speaker')}</label>
                  <input type="text" {...qf('speaker')} value={q.speaker} onInput={(e) => setQuote(i, { speaker: e.currentTarget.value })} />
                  {qe('speaker')}
                </div>
                <div class="field">
                  <label for={`${id}-quote-${i}-role`}>{t('options_quote_role')}</label>
                  <input type="text" {...qf('role')} value={q.role} onInput={(e) => setQuote(i, { role: e.currentTarget.value })} />
                  {qe('role')}
                </div>
              </div>
              <div class="field-row">
                <div class="field">
                  <label for={`${id}-quote-${i}-date`}>{t('options_quote_date')}</label>
                  <input type="date" {...qf('date')} value={q.date} onInput={(e) => setQuote(i, { date: e.currentTarget.value })} />
                  {qe('date')}
                </div>
                <div class="field">
                  <label for={`${id}-quote-${i}-lang`}>{t('options_quote_lang')}</label>
                  <select {...qf('lang')} value={q.lang} onChange={(e) => setQuote(i, { lang: e.currentTarget.value as PackLanguage })}>
                    {PACK_LANGUAGES.map((l) => (
                      <option key={l} value={l}>
                        {languageName(l)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div class="field-row">
                <div class="field">
                  <label for={`${id}-quote-${i}-outlet`}>{t('options_quote_outlet')}</label>
                  <input type="text" {...qf('outlet')} value={q.outlet} onInput={(e) => setQuote(i, { outlet: e.currentTarget.value })} />
                  {qe('outlet')}
                </div>
                <div class="field">
                  <label for={`${id}-quote-${i}-url`}>{t('options_quote_url')}</label>
                  <input type="url" {...qf('url')} value={q.url} placeholder="https://" onInput={(e) => setQuote(i, { url: e.currentTarget.value })} />
                  {qe('url')}
                </div>
              </div>
              <button type="button" class="secondary" onClick={() => set({ quotes: draft.quotes.filter((_, k) => k !== i) })}>
                {t('options_quote_remove', [n])}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          class="secondary"
          onClick={() => set({ quotes: [...draft.quotes, { text: '', speaker: '', role: '', date: today(), lang: 'en', outlet: '', url: '' }] })}
        >
          {t('options_quote_add')}
        </button>
      </fieldset>
      {fieldError('form')}
      <div class="actions">
        <button type="submit" class="primary">
          {topic ? t('options_topic_save') : t('options_topic_add')}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('options_cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Which quote field an issue path points at (`source.url` → `url`). */
function quoteField(key: unknown, sub: unknown): string {
  if (key === 'source') return sub === 'url' ? 'url' : 'outlet';
  if (typeof key === 'string' && ['text', 'speaker', 'role', 'date', 'lang'].includes(key)) return key;
  return 'text';
}

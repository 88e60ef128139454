/**
 * Sites: where to highlight (a radio group) and the "always on" / "never on" lists, which the
 * popup's per-site switch also edits (changes made there appear here live).
 */
import { useId, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { SITE_MODES, type Settings, type SiteMode } from '../../lib/settings/schema';
import { FILE_SITE, normalizeSitePattern } from '../../lib/sites';
import type { OptionsModel } from './OptionsApp';

type ListName = 'alwaysOn' | 'neverOn';

/** How a stored pattern is shown: `file://` as words, the rest as written. */
function patternLabel(pattern: string): string {
  return pattern === FILE_SITE ? t('options_sites_local_files') : pattern;
}

function SiteList({ list, model }: { list: ListName; model: OptionsModel }) {
  const id = useId();
  const other: ListName = list === 'alwaysOn' ? 'neverOn' : 'alwaysOn';
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const patterns = model.settings[list];

  async function add(e: Event) {
    e.preventDefault();
    const pattern = normalizeSitePattern(text);
    if (pattern === null) {
      setProblem(text.trim() === '' ? t('options_sites_empty') : t('options_sites_invalid', [text.trim()]));
      return;
    }
    if (patterns.includes(pattern)) {
      setProblem(t('options_sites_duplicate', [patternLabel(pattern)]));
      return;
    }
    setProblem('');
    const moved = model.settings[other].includes(pattern);
    const result = await model.updateSettings((s: Settings) => ({
      ...s,
      [list]: [...s[list], pattern],
      [other]: s[other].filter((p) => p !== pattern),
    }));
    if (result.ok) {
      setText('');
      if (moved) model.announce(t('options_sites_moved', [patternLabel(pattern), t(`options_sites_${list}`)]));
    }
  }

  const remove = (pattern: string) =>
    void model.updateSettings((s: Settings) => ({ ...s, [list]: s[list].filter((p) => p !== pattern) }));

  return (
    <div class="site-list">
      <h3 id={`${id}-heading`}>{t(`options_sites_${list}`)}</h3>
      <p class="hint" id={`${id}-hint`}>{t(`options_sites_${list}_hint`)}</p>
      {patterns.length === 0 ? (
        <p class="empty-list">{t('options_sites_list_empty')}</p>
      ) : (
        <ul aria-labelledby={`${id}-heading`}>
          {patterns.map((pattern) => (
            <li key={pattern}>
              <span class="pattern">{patternLabel(pattern)}</span>
              <button type="button" class="link-button" onClick={() => remove(pattern)}>
                {t('options_sites_remove', [patternLabel(pattern)])}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add} noValidate>
        <label for={`${id}-input`}>{t(`options_sites_add_${list}`)}</label>
        <div class="inline-row">
          <input
            id={`${id}-input`}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="example.com, *.example.com"
            value={text}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={`${id}-format${problem ? ` ${id}-error` : ''}`}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="secondary">
            {t('options_sites_add')}
          </button>
        </div>
        <p class="hint" id={`${id}-format`}>{t('options_sites_format')}</p>
        {problem && (
          <p class="field-error" id={`${id}-error`}>
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}

/** The Sites section. */
export function SitesSection({ model }: { model: OptionsModel }) {
  const id = useId();
  return (
    <section id="sites" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options_sites_heading')}</h2>
      <fieldset class="radio-group">
        <legend>{t('options_sites_mode')}</legend>
        {SITE_MODES.map((mode: SiteMode) => (
          <div class="radio-row" key={mode}>
            <input
              type="radio"
              id={`${id}-${mode}`}
              name="site-mode"
              value={mode}
              checked={model.settings.siteMode === mode}
              aria-describedby={`${id}-${mode}-hint`}
              onChange={() => void model.updateSettings((s) => ({ ...s, siteMode: mode }))}
            />
            <label for={`${id}-${mode}`}>{t(`options_sites_mode_${mode}`)}</label>
            <p class="hint" id={`${id}-${mode}-hint`}>{t(`options_sites_mode_${mode}_hint`)}</p>
          </div>
        ))}
      </fieldset>
      <p class="hint">{t('options_sites_rule')}</p>
      <div class="site-lists">
        <SiteList list="alwaysOn" model={model} />
        <SiteList list="neverOn" model={model} />
      </div>
      <label class="check">
        <input type="checkbox" checked={model.settings.paused} onChange={(e) => {
            const paused = e.currentTarget.checked;
            void model.updateSettings((s) => ({ ...s, paused }));
          }}
        />
        {t('options_sites_paused')}
      </label>
    </section>
  );
}

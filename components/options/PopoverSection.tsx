/**
 * Popover & highlights: how the popover opens, what it shows, and how many mentions are highlighted.
 */
import { useId } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { Settings } from '../../lib/settings/schema';
import type { OptionsModel } from './OptionsApp';

type PopoverKey = keyof Settings['popover'];
const SHOW: PopoverKey[] = ['showTimeline', 'showQuotes', 'showInArticle'];
const HIGHLIGHT_MODES: Settings['highlightMode'][] = ['first-per-section', 'every'];

/** The Popover & highlights section. */
export function PopoverSection({ model }: { model: OptionsModel }) {
  const id = useId();
  const { popover, highlightMode } = model.settings;
  const setPopover = (key: PopoverKey, value: boolean) =>
    void model.updateSettings((s) => ({ ...s, popover: { ...s.popover, [key]: value } }));

  return (
    <section id="popover" aria-labelledby="popover-heading">
      <h2 id="popover-heading">{t('options_popover_heading')}</h2>
      <fieldset class="radio-group">
        <legend>{t('options_popover_open')}</legend>
        {[false, true].map((hover) => (
          <div class="radio-row" key={String(hover)}>
            <input
              type="radio"
              id={`${id}-open-${hover}`}
              name="popover-open"
              checked={popover.openOnHover === hover}
              onChange={() => setPopover('openOnHover', hover)}
            />
            <label for={`${id}-open-${hover}`}>{t(hover ? 'options_popover_open_hover' : 'options_popover_open_click')}</label>
          </div>
        ))}
      </fieldset>
      <fieldset class="check-group">
        <legend>{t('options_popover_show')}</legend>
        {SHOW.map((key) => (
          <label class="check" key={key}>
            <input type="checkbox" checked={popover[key]} onChange={(e) => setPopover(key, e.currentTarget.checked)} />
            {t(`options_popover_${key}`)}
          </label>
        ))}
      </fieldset>
      <fieldset class="radio-group">
        <legend>{t('options_highlight_mode')}</legend>
        {HIGHLIGHT_MODES.map((mode) => (
          <div class="radio-row" key={mode}>
            <input
              type="radio"
              id={`${id}-${mode}`}
              name="highlight-mode"
              checked={highlightMode === mode}
              onChange={() => void model.updateSettings((s) => ({ ...s, highlightMode: mode }))}
            />
            <label for={`${id}-${mode}`}>{t(`options_highlight_${mode.replace(/-/g, '_')}`)}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}

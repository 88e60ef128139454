/**
 * Appearance: light, dark, or follow the system, for Factlight's own pages and popover.
 */
import { useId } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { Settings } from '../../lib/settings/schema';
import type { OptionsModel } from './OptionsApp';

const THEMES: Settings['theme'][] = ['auto', 'light', 'dark'];

/** The Appearance section. */
export function AppearanceSection({ model }: { model: OptionsModel }) {
  const id = useId();
  return (
    <section id="appearance" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">{t('options_appearance_heading')}</h2>
      <fieldset class="radio-group">
        <legend>{t('options_theme')}</legend>
        {THEMES.map((theme) => (
          <div class="radio-row" key={theme}>
            <input
              type="radio"
              id={`${id}-${theme}`}
              name="theme"
              checked={model.settings.theme === theme}
              onChange={() => void model.updateSettings((s) => ({ ...s, theme }))}
            />
            <label for={`${id}-${theme}`}>{t(`options_theme_${theme}`)}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}

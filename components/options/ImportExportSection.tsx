/**
 * Import & export of topic packs. Import: choose a file → problems (nothing changed) or a preview of
 * what will be added and replaced, by title → confirm or cancel. Export: a `.json` file made in the
 * page and saved through a Blob URL (nothing goes over the network).
 */
import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { tPlural } from '../../lib/plural';
import type { Topic, TopicPack } from '../../lib/pack/schema';
import { applyImport, exportPack, planImport, readPackFile, type ImportMessage, type ImportPlan } from '../../lib/pack/import';
import { localized, messageText } from './text';
import type { OptionsModel } from './OptionsApp';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'errors'; fileName: string; errors: ImportMessage[] }
  | { kind: 'preview'; fileName: string; pack: TopicPack; plan: ImportPlan };

type ExportScope = 'all' | 'mine';

/** Save text as a file in the reader's downloads, without any network request. */
function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function TitleList({ topics, lang }: { topics: Topic[]; lang: string }) {
  return (
    <ul>
      {topics.map((topic) => (
        <li key={topic.id}>
          {localized(topic.title, lang)} <span class="muted">({topic.id})</span>
        </li>
      ))}
    </ul>
  );
}

/** The Import & export section. */
export function ImportExportSection({ model }: { model: OptionsModel }) {
  const id = useId();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [scope, setScope] = useState<ExportScope>('all');
  const [exportProblem, setExportProblem] = useState('');
  const resultRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const focusResult = () => requestAnimationFrame(() => resultRef.current?.focus());

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setState({ kind: 'reading', fileName: file.name });
    const result = await readPackFile(file);
    // Let the same file be chosen again after it is fixed.
    input.value = '';
    if (!result.ok) setState({ kind: 'errors', fileName: file.name, errors: result.errors });
    else setState({ kind: 'preview', fileName: file.name, pack: result.pack, plan: planImport(result.pack, model.topics) });
    focusResult();
  }

  async function confirm() {
    if (state.kind !== 'preview') return;
    const { plan } = state;
    const result = await applyImport(plan);
    if (!result.ok) {
      model.fail(result.message);
      return;
    }
    await model.reloadTopics();
    setState({ kind: 'idle' });
    model.announce(
      t('options_import_done', [
        tPlural({ one: 'options_import_added_one', few: 'options_import_added_few', many: 'options_import_added_many', other: 'options_import_added_other' }, plan.add.length),
        tPlural({ one: 'options_import_replaced_one', few: 'options_import_replaced_few', many: 'options_import_replaced_many', other: 'options_import_replaced_other' }, plan.replace.length),
      ]),
    );
    inputRef.current?.focus();
  }

  function cancel() {
    setState({ kind: 'idle' });
    model.announce(t('options_import_cancelled'));
    inputRef.current?.focus();
  }

  function doExport() {
    const topics = scope === 'all' ? model.topics : model.userTopics;
    if (topics.length === 0) {
      setExportProblem(t('options_export_nothing'));
      return;
    }
    setExportProblem('');
    const date = new Date().toISOString().slice(0, 10);
    const json = exportPack(topics, {
      id: scope === 'all' ? 'factlight-topics' : 'my-topics',
      name: t(scope === 'all' ? 'options_export_name_all' : 'options_export_name_mine'),
      asOf: date,
    });
    downloadText(json, `factlight-topics-${date}.json`);
    model.announce(tPlural({ one: 'options_export_done_one', few: 'options_export_done_few', many: 'options_export_done_many', other: 'options_export_done_other' }, topics.length));
  }

  const nothingToDo = state.kind === 'preview' && state.plan.add.length === 0 && state.plan.replace.length === 0;

  return (
    <section id="import" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('options_import_heading')}</h2>
      <h3>{t('options_import_subheading')}</h3>
      <p class="hint" id={`${id}-import-hint`}>{t('options_import_hint')}</p>
      <div class="field">
        <label for={`${id}-file`}>{t('options_import_choose')}</label>
        <input
          id={`${id}-file`}
          ref={inputRef}
          type="file"
          accept="application/json,.json"
          aria-describedby={`${id}-import-hint`}
          onChange={(e) => void choose(e)}
        />
      </div>
      <div ref={resultRef} tabIndex={-1} class="import-result">
        {state.kind === 'reading' && <p>{t('options_import_reading', [state.fileName])}</p>}
        {state.kind === 'errors' && (
          <div class="import-errors" role="alert">
            <p>
              <strong>{t('options_import_failed', [state.fileName])}</strong>
            </p>
            <ul>
              {state.errors.map((error, i) => (
                <li key={i}>{messageText(error)}</li>
              ))}
            </ul>
          </div>
        )}
        {state.kind === 'preview' && (
          <div class="import-preview" role="region" aria-labelledby={`${id}-preview-heading`}>
            <h4 id={`${id}-preview-heading`}>{t('options_import_preview', [state.pack.name, state.fileName])}</h4>
            {state.plan.add.length > 0 && (
              <>
                <p>{tPlural({ one: 'options_import_will_add_one', few: 'options_import_will_add_few', many: 'options_import_will_add_many', other: 'options_import_will_add_other' }, state.plan.add.length)}</p>
                <TitleList topics={state.plan.add} lang={model.lang} />
              </>
            )}
            {state.plan.replace.length > 0 && (
              <>
                <p>{tPlural({ one: 'options_import_will_replace_one', few: 'options_import_will_replace_few', many: 'options_import_will_replace_many', other: 'options_import_will_replace_other' }, state.plan.replace.length)}</p>
                <TitleList topics={state.plan.replace} lang={model.lang} />
              </>
            )}
            {state.plan.unchanged.length > 0 && (
              <p>{tPlural({ one: 'options_import_unchanged_one', few: 'options_import_unchanged_few', many: 'options_import_unchanged_many', other: 'options_import_unchanged_other' }, state.plan.unchanged.length)}</p>
            )}
            {nothingToDo && <p>{t('options_import_nothing')}</p>}
            <div class="actions">
              {!nothingToDo && (
                <button type="button" class="primary" onClick={() => void confirm()}>
                  {t('options_import_confirm')}
                </button>
              )}
              <button type="button" class="secondary" onClick={cancel}>
                {t('options_cancel')}
              </button>
            </div>
          </div>
        )}
      </div>

      <h3>{t('options_export_subheading')}</h3>
      <fieldset class="radio-group">
        <legend>{t('options_export_scope')}</legend>
        {(['all', 'mine'] as const).map((value) => (
          <div class="radio-row" key={value}>
            <input type="radio" id={`${id}-scope-${value}`} name="export-scope" checked={scope === value} onChange={() => setScope(value)} />
            <label for={`${id}-scope-${value}`}>{t(`options_export_scope_${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="button" class="secondary" onClick={doExport} aria-describedby={exportProblem ? `${id}-export-error` : undefined}>
        {t('options_export')}
      </button>
      {exportProblem && (
        <p class="field-error" id={`${id}-export-error`}>
          {exportProblem}
        </p>
      )}
    </section>
  );
}

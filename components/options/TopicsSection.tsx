/**
 * Topics: each one on/off, its colour and style, its aliases; the reader's own topics added, edited
 * and deleted (with a confirmation); the shipped pack restored (with a confirmation).
 */
import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { Topic } from '../../lib/pack/schema';
import { COLOR_PRESETS, COLOR_PRESET_IDS, type ColorPreset, type TopicPrefs } from '../../lib/settings/schema';
import { topicPrefs } from '../../lib/settings/store';
import { AliasFields, aliasesToDraft, draftToAliases, type AliasDraft, type AliasProblem } from './AliasEditor';
import { TopicForm } from './TopicForm';
import { localized } from './text';
import type { OptionsModel } from './OptionsApp';

/** Where a topic comes from, as the reader sees it. */
type Origin = 'shipped' | 'changed' | 'own';

function originOf(topic: Topic, model: OptionsModel): Origin {
  const shipped = model.shipped.some((s) => s.id === topic.id);
  const user = model.userTopics.some((u) => u.id === topic.id);
  if (shipped && user) return 'changed';
  return user ? 'own' : 'shipped';
}

/** An inline "are you sure?" that takes focus, and gives it back when cancelled. */
function Confirm({ text, confirmLabel, onConfirm, onCancel }: { text: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const id = useId();
  return (
    <div class="confirm" role="group" aria-labelledby={id}>
      <p id={id}>{text}</p>
      <div class="actions">
        <button type="button" class="danger" ref={(el) => el?.focus()} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('options_cancel')}
        </button>
      </div>
    </div>
  );
}

function TopicCard({ topic, index, model }: { topic: Topic; index: number; model: OptionsModel }) {
  const id = useId();
  const title = localized(topic.title, model.lang);
  const prefs = topicPrefs(model.settings, topic.id, index);
  const origin = originOf(topic, model);
  const [aliasDraft, setAliasDraft] = useState<AliasDraft | null>(null);
  const [aliasProblems, setAliasProblems] = useState<AliasProblem[]>([]);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const aliasCount = Object.values(topic.aliases).reduce((n, list) => n + (list?.length ?? 0), 0);

  const setPrefs = (patch: Partial<TopicPrefs>) =>
    model.updateSettings((s) => ({ ...s, topics: { ...s.topics, [topic.id]: { ...topicPrefs(s, topic.id, index), ...patch } } }));

  async function saveAliases(e: Event) {
    e.preventDefault();
    if (!aliasDraft) return;
    const parsed = draftToAliases(aliasDraft);
    if (!parsed.ok) {
      setAliasProblems(parsed.problems);
      return;
    }
    setAliasProblems([]);
    const result =
      origin === 'shipped'
        ? await model.updateOverrides({ ...model.overrides, [topic.id]: { aliases: parsed.aliases } }, 'options_aliases_saved', [title])
        : await model.updateUserTopics(
            model.userTopics.map((u) => (u.id === topic.id ? { ...u, aliases: parsed.aliases } : u)),
            'options_aliases_saved',
            [title],
          );
    if (result.ok) setAliasDraft(null);
  }

  async function resetAliases() {
    const next = { ...model.overrides };
    delete next[topic.id];
    const result = await model.updateOverrides(next, 'options_aliases_reset_done', [title]);
    if (result.ok) setAliasDraft(null);
  }

  async function remove() {
    setConfirmDelete(false);
    const result = await model.updateUserTopics(
      model.userTopics.filter((u) => u.id !== topic.id),
      origin === 'changed' ? 'options_topic_reverted' : 'options_topic_deleted',
      [title],
    );
    if (result.ok && origin === 'own') {
      await model.updateSettings((s) => ({ ...s, topics: Object.fromEntries(Object.entries(s.topics).filter(([key]) => key !== topic.id)) }));
    }
  }

  if (editing) {
    return (
      <li class="topic">
        <TopicForm
          topic={topic}
          takenIds={new Set(model.topics.map((x) => x.id))}
          onCancel={() => setEditing(false)}
          onSave={async (updated) => {
            const result = await model.updateUserTopics(
              model.userTopics.map((u) => (u.id === topic.id ? updated : u)),
              'options_topic_saved',
              [localized(updated.title, model.lang)],
            );
            if (result.ok) setEditing(false);
            return result.ok;
          }}
        />
      </li>
    );
  }

  return (
    <li class="topic" aria-labelledby={`${id}-title`}>
      <div class="topic-head">
        <h3 id={`${id}-title`}>
          <span class={`swatch swatch-${prefs.style}`} style={{ '--swatch-bg': COLOR_PRESETS[prefs.color].background, '--swatch-line': COLOR_PRESETS[prefs.color].underline }} aria-hidden="true" />
          {title}
        </h3>
        <span class={`badge badge-${origin}`}>{t(`options_origin_${origin}`)}</span>
      </div>
      <label class="check">
        <input type="checkbox" checked={prefs.enabled} onChange={(e) => void setPrefs({ enabled: e.currentTarget.checked })} />
        {t('options_topic_enabled', [title])}
      </label>
      <fieldset class="presets">
        <legend>{t('options_topic_color', [title])}</legend>
        <div class="preset-grid">
          {COLOR_PRESET_IDS.map((color: ColorPreset) => (
            <label class="preset" key={color}>
              <input
                type="radio"
                name={`${id}-color`}
                value={color}
                checked={prefs.color === color}
                onChange={() => void setPrefs({ color })}
              />
              <span class="swatch" style={{ '--swatch-bg': COLOR_PRESETS[color].background, '--swatch-line': COLOR_PRESETS[color].underline }} aria-hidden="true" />
              {t(`options_color_${color}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset class="presets">
        <legend>{t('options_topic_style', [title])}</legend>
        {(['background', 'underline'] as const).map((style) => (
          <label class="preset" key={style}>
            <input type="radio" name={`${id}-style`} value={style} checked={prefs.style === style} onChange={() => void setPrefs({ style })} />
            <span class={`sample sample-${style}`} style={{ '--swatch-bg': COLOR_PRESETS[prefs.color].background, '--swatch-fg': COLOR_PRESETS[prefs.color].text, '--swatch-line': COLOR_PRESETS[prefs.color].underline }}>
              {t(`options_style_${style}`)}
            </span>
          </label>
        ))}
      </fieldset>
      {aliasDraft === null ? (
        <div class="aliases-view">
          <p>
            <strong>{t('options_topic_aliases_count', [String(aliasCount)])}</strong>{' '}
            {Object.values(topic.aliases)
              .flatMap((list) => list ?? [])
              .join(' · ')}
          </p>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setAliasDraft(aliasesToDraft(topic.aliases))}>
              {t('options_aliases_edit', [title])}
            </button>
            {origin === 'shipped' && model.overrides[topic.id] && (
              <button type="button" class="secondary" onClick={() => void resetAliases()}>
                {t('options_aliases_reset', [title])}
              </button>
            )}
          </div>
        </div>
      ) : (
        <form class="alias-form" onSubmit={saveAliases} noValidate>
          <AliasFields label={t('options_aliases_of', [title])} draft={aliasDraft} problems={aliasProblems} onChange={setAliasDraft} />
          <div class="actions">
            <button type="submit" class="primary">
              {t('options_aliases_save')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setAliasDraft(null);
                setAliasProblems([]);
              }}
            >
              {t('options_cancel')}
            </button>
          </div>
        </form>
      )}
      {origin !== 'shipped' && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            {t('options_topic_edit', [title])}
          </button>
          <button type="button" class="danger-outline" ref={deleteRef} onClick={() => setConfirmDelete(true)}>
            {origin === 'changed' ? t('options_topic_revert', [title]) : t('options_topic_delete', [title])}
          </button>
        </div>
      )}
      {confirmDelete && (
        <Confirm
          text={origin === 'changed' ? t('options_topic_revert_confirm', [title]) : t('options_topic_delete_confirm', [title])}
          confirmLabel={origin === 'changed' ? t('options_topic_revert_yes') : t('options_topic_delete_yes')}
          onConfirm={() => void remove()}
          onCancel={() => {
            setConfirmDelete(false);
            deleteRef.current?.focus();
          }}
        />
      )}
    </li>
  );
}

/** The Topics section. */
export function TopicsSection({ model }: { model: OptionsModel }) {
  const [confirmRestore, setConfirmRestore] = useState(false);
  const restoreRef = useRef<HTMLButtonElement>(null);
  const shippedIds = new Set(model.shipped.map((s) => s.id));

  async function restore() {
    setConfirmRestore(false);
    const keptTopics = model.userTopics.filter((u) => !shippedIds.has(u.id));
    const a = await model.updateUserTopics(keptTopics, 'options_restore_done');
    if (!a.ok) return;
    const b = await model.updateOverrides({}, 'options_restore_done');
    if (!b.ok) return;
    await model.updateSettings((s) => ({
      ...s,
      topics: Object.fromEntries(Object.entries(s.topics).filter(([id]) => !shippedIds.has(id))),
    }));
    model.announce(t('options_restore_done'));
  }

  return (
    <section id="topics" aria-labelledby="topics-heading">
      <h2 id="topics-heading">{t('options_topics_heading')}</h2>
      <p class="hint">{t('options_topics_intro')}</p>
      {model.topics.length === 0 ? (
        <p>{t('options_topics_none')}</p>
      ) : (
        <ul class="topic-list">
          {model.topics.map((topic, index) => (
            <TopicCard key={topic.id} topic={topic} index={index} model={model} />
          ))}
        </ul>
      )}
      <TopicForm
        topic={null}
        track={model.track}
        takenIds={new Set(model.topics.map((x) => x.id))}
        onSave={async (topic) => {
          const result = await model.updateUserTopics([...model.userTopics, topic], 'options_topic_added', [localized(topic.title, model.lang)]);
          if (result.ok) model.trackDone();
          return result.ok;
        }}
      />
      <div class="restore">
        <h3>{t('options_restore_heading')}</h3>
        <p class="hint">{t('options_restore_hint')}</p>
        <button type="button" class="danger-outline" ref={restoreRef} onClick={() => setConfirmRestore(true)}>
          {t('options_restore')}
        </button>
        {confirmRestore && (
          <Confirm
            text={t('options_restore_confirm')}
            confirmLabel={t('options_restore_yes')}
            onConfirm={() => void restore()}
            onCancel={() => {
              setConfirmRestore(false);
              restoreRef.current?.focus();
            }}
          />
        )}
      </div>
    </section>
  );
}

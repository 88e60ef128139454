/**
 * The timeline page entry: the topics in effect (the shipped pack and the reader's own edits and
 * topics), in the interface language, following the address's hash and the Appearance setting.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { TimelinePage, useHashTopic } from '../../components/timeline/TimelinePage';
import { loadEffectiveTopics, loadSettings, watchSettings, watchTopics } from '../../lib/settings/store';
import { readTimelineUrl } from '../../lib/timeline-url';
import { packLanguage } from '../../lib/format';
import { uiLanguage } from '../../lib/i18n';
import type { Topic } from '../../lib/pack/schema';
import type { Settings } from '../../lib/settings/schema';
import './style.css';

const applyTheme = (theme: Settings['theme']) => (document.documentElement.dataset.theme = theme);

function App() {
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const topicId = useHashTopic();
  const { published } = readTimelineUrl(location.href);
  useEffect(() => {
    const load = () => void loadEffectiveTopics(SHIPPED_PACK.topics).then(setTopics);
    load();
    void loadSettings().then((s) => applyTheme(s.theme));
    const stopSettings = watchSettings((s) => applyTheme(s.theme));
    const stopTopics = watchTopics(load);
    return () => {
      stopSettings();
      stopTopics();
    };
  }, []);
  if (!topics) return null;
  return <TimelinePage topics={topics} topicId={topicId} published={published} lang={packLanguage(uiLanguage())} locale={navigator.language} />;
}

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);

/**
 * The options page entry: finds the shipped pack and renders the page (which sets its own language and title).
 */
import { render } from 'preact';
import * as v from 'valibot';
import { TopicPackSchema, type Topic } from '../../lib/pack/schema';
import { OptionsApp } from '../../components/options/OptionsApp';
import './style.css';

/**
 * The shipped pack, bundled at build time. A glob rather than a plain import so the page still
 * builds while data/pack.json is being written; it is validated like any pack, and a broken one
 * shows no shipped topics (and says so in the console) rather than a blank page.
 */
function shippedTopics(): Topic[] {
  const found = import.meta.glob<unknown>('../../data/pack.json', { eager: true, import: 'default' });
  const raw = Object.values(found)[0];
  if (raw === undefined) return [];
  const parsed = v.safeParse(TopicPackSchema, raw);
  if (parsed.success) return parsed.output.topics;
  console.error('Factlight: the shipped pack does not match the schema', parsed.issues.slice(0, 5));
  return [];
}

render(<OptionsApp shipped={shippedTopics()} />, document.getElementById('app')!);

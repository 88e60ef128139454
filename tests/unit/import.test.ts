import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  MAX_PACK_BYTES,
  applyImport,
  checkPack,
  dotPathToBrackets,
  exportPack,
  formatPath,
  locateJsonError,
  planImport,
  readPackFile,
  type ImportMessage,
  type ImportResult,
  type PackFileLike,
} from '../../lib/pack/import';
import { loadEffectiveTopics, loadUserTopics, saveUserTopics } from '../../lib/settings/store';
import type { Topic, TopicPack } from '../../lib/pack/schema';
import fixture from '../fixtures/options-pack.json';
import { installFakeI18n } from '../fixtures/fake-i18n';
import { messageText } from '../../components/options/text';

const goodPack = fixture as TopicPack;
const clone = (): TopicPack & Record<string, unknown> => structuredClone(goodPack) as TopicPack & Record<string, unknown>;

/** A file-like object whose `text()` counts its calls, to prove big files are never read. */
function file(text: string, name = 'pack.json', size = new TextEncoder().encode(text).length) {
  const read = vi.fn(async () => text);
  return { name, size, text: read } satisfies PackFileLike;
}
const fromJson = (value: unknown) => file(JSON.stringify(value, null, 2));

function errors(result: ImportResult): ImportMessage[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors;
}

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n('en');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('readPackFile: bad files', () => {
  it('a 50 MB file is refused before it is read, naming its size', async () => {
    const big = { name: 'huge.json', size: 50 * 1024 * 1024, text: vi.fn(async () => '{}') };
    const started = performance.now();
    const [error] = errors(await readPackFile(big));
    expect(performance.now() - started).toBeLessThan(50);
    expect(big.text).not.toHaveBeenCalled();
    expect(error).toEqual({ key: 'options_import_too_big', substitutions: ['50.0 MB', '5.0 MB'] });
    expect(messageText(error!)).toBe('The file is 50.0 MB; a topic pack can be at most 5.0 MB.');
  });

  it('just over the limit is refused, at the limit is read', async () => {
    expect(errors(await readPackFile(file('{}', 'x.json', MAX_PACK_BYTES + 1)))[0]!.key).toBe('options_import_too_big');
    const atLimit = file(JSON.stringify(goodPack), 'x.json', MAX_PACK_BYTES);
    expect((await readPackFile(atLimit)).ok).toBe(true);
  });

  it('not JSON: names the line and column of the first error', async () => {
    const text = '{\n  "format": "factlight-topic-pack",\n  "version": 1,\n  "topics": [,]\n}';
    const [error] = errors(await readPackFile(file(text)));
    expect(error).toEqual({ key: 'options_import_not_json_at', substitutions: ['4', '14'] });
    expect(messageText(error!)).toBe('The file is not valid JSON: the first error is at line 4, column 14.');
  });

  it.each([
    ['plain text', 'hello', 1, 1],
    ['trailing comma', '{"a": 1,}', 1, 9],
    ['single quotes', "{'a': 1}", 1, 2],
    ['unterminated string', '{"a": "b', 1, 9],
    ['comment', '{\n// note\n"a": 1}', 2, 1],
    ['two values', '{} {}', 1, 4],
    ['bad escape', '["\\x"]', 1, 4],
    ['HTML page', '<!doctype html><html></html>', 1, 1],
  ])('not JSON (%s) at line %i, column %i', async (_name, text, line, column) => {
    expect(errors(await readPackFile(file(text)))).toEqual([{ key: 'options_import_not_json_at', substitutions: [String(line), String(column)] }]);
  });

  it('an empty file says so', async () => {
    expect(errors(await readPackFile(file('')))[0]!.key).toBe('options_import_empty');
    expect(errors(await readPackFile(file(' \n ')))[0]!.key).toBe('options_import_empty');
  });

  it('a file the browser cannot read says so', async () => {
    const broken = { name: 'gone.json', size: 10, text: () => Promise.reject(new Error('NotReadableError')) };
    expect(errors(await readPackFile(broken))).toEqual([{ key: 'options_import_unreadable', substitutions: ['gone.json'] }]);
  });

  it('JSON that is not a pack object', async () => {
    for (const value of [[1, 2], 'text', 42, null]) {
      expect(errors(await readPackFile(fromJson(value)))[0]!.key).toBe('options_import_not_pack');
    }
  });

  it('wrong format', async () => {
    const [error] = errors(await readPackFile(fromJson({ ...clone(), format: 'other-extension-pack' })));
    expect(error).toMatchObject({ key: 'options_import_wrong_format', path: 'format' });
    expect(messageText(error!)).toBe('format: must be "factlight-topic-pack", but the file says "other-extension-pack": it is not a Factlight topic pack');
  });

  it('wrong version', async () => {
    const [error] = errors(await readPackFile(fromJson({ ...clone(), version: 3 })));
    expect(messageText(error!)).toBe('version: is 3, but this Factlight reads versions 1, 2 of the topic-pack format');
    const [missing] = errors(await readPackFile(fromJson({ ...clone(), version: undefined })));
    expect(missing).toMatchObject({ key: 'options_import_wrong_version', substitutions: ['null', '1, 2'] });
  });

  it('duplicate topic ids, naming the id and both places', async () => {
    const pack = clone();
    pack.topics = [...pack.topics, { ...pack.topics[0]!, title: { en: 'Another' } }];
    const [error] = errors(await readPackFile(fromJson(pack)));
    expect(error).toEqual({ key: 'options_import_duplicate_id', substitutions: ['jeddah-talks', 'topics[0], topics[2]'], path: 'topics[2].id' });
    expect(messageText(error!)).toContain('"jeddah-talks" is used more than once (topics[0], topics[2])');
  });

  it.each([
    ['a title', (p: TopicPack) => (p.topics[0]!.title.en = '<img src=x onerror=alert(1)>'), 'topics[0].title.en'],
    ['a summary', (p: TopicPack) => (p.topics[1]!.summary.en = 'Fine <script>alert(1)</script>'), 'topics[1].summary.en'],
    ['an alias', (p: TopicPack) => (p.topics[0]!.aliases.uk = ['ok', '<b>']), 'topics[0].aliases.uk[1]'],
    ['a quote source', (p: TopicPack) => (p.topics[0]!.quotes![0]!.source.outlet = 'a > b'), 'topics[0].quotes[0].source.outlet'],
    ['a timeline entry', (p: TopicPack) => (p.topics[1]!.timeline![0]!.text.en = '<iframe>'), 'topics[1].timeline[0].text.en'],
    ['the pack name', (p: TopicPack) => (p.name = '<svg onload=alert(1)>'), 'name'],
  ])('script or HTML in %s is refused, naming where', async (_name, mutate, path) => {
    const pack = clone();
    mutate(pack);
    const [error, ...rest] = errors(await readPackFile(fromJson(pack)));
    expect(rest).toEqual([]);
    expect(error).toEqual({ key: 'options_import_markup', substitutions: [], path });
    expect(messageText(error!)).toBe(`${path}: contains < or >: HTML and scripts are not allowed in a topic pack`);
  });

  it('markup in an unknown key is refused too', async () => {
    const pack = { ...clone(), '<img src=x>': 1 };
    expect(errors(await readPackFile(fromJson(pack)))[0]).toMatchObject({ key: 'options_import_markup', path: '<img src=x>' });
  });

  it('schema errors name the path and what is wrong', async () => {
    const pack = clone();
    pack.topics[0]!.quotes![0]!.source.url = 'not a url';
    pack.topics[1]!.asOf = '3 April 2025';
    (pack.topics[1] as Record<string, unknown>).colour = 'red';
    delete (pack.topics[0] as Partial<Topic>).summary;
    pack.topics[0]!.title.en = '   ';
    const text = errors(await readPackFile(fromJson(pack))).map(messageText);
    expect(text).toEqual(
      expect.arrayContaining([
        'topics[0].quotes[0].source.url: must be a URL',
        'topics[1].asOf: must be a date written YYYY-MM-DD',
        'topics[1].colour: is not a field of a topic pack',
        'topics[0].summary: is missing',
        'topics[0].title.en: must not be empty',
      ]),
    );
  });

  it('a topic id in the wrong form, and a pack without topics', async () => {
    const pack = clone();
    pack.topics[0]!.id = 'My Topic';
    expect(errors(await readPackFile(fromJson(pack))).map(messageText)).toContain(
      'topics[0].id: must be lowercase words joined by hyphens, like my-topic',
    );
    expect(errors(await readPackFile(fromJson({ ...clone(), topics: [] }))).map(messageText)).toContain('topics: needs at least 1 entry');
  });

  it('problems only the matcher sees (parsePack) are named with their place too', async () => {
    const pack = clone();
    // Valid for the schema, not for the matcher: a topic without any alias could never be found.
    pack.topics[1]!.aliases = { en: [] };
    const [error, ...rest] = errors(await readPackFile(fromJson(pack)));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ key: 'options_import_pack_issue', path: 'topics[1].aliases' });
    expect(messageText(error!)).toMatch(/^topics\[1\]\.aliases: .+/);
  });

  it('lists at most ten problems', async () => {
    const pack = clone();
    pack.topics = Array.from({ length: 30 }, (_, i) => ({ ...pack.topics[1]!, id: `t-${i}`, asOf: 'bad' }));
    expect(errors(await readPackFile(fromJson(pack)))).toHaveLength(10);
  });

  it('a bad file changes nothing in storage', async () => {
    await saveUserTopics([goodPack.topics[1]!]);
    const before = await fakeBrowser.storage.local.get(null);
    for (const bad of ['nope', JSON.stringify({ ...clone(), version: 9 })]) {
      expect((await readPackFile(file(bad))).ok).toBe(false);
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });
});

describe('readPackFile: good files', () => {
  it('reads a valid pack (with a byte-order mark and $schema)', async () => {
    const result = await readPackFile(file(`\uFEFF${JSON.stringify({ $schema: './schema.json', ...goodPack })}`));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack.topics.map((t) => t.id)).toEqual(['jeddah-talks', 'ceasefire']);
  });

  it('checkPack is what readPackFile applies after parsing (the version-1 fixture comes out as version 2)', () => {
    expect(checkPack(structuredClone(goodPack))).toEqual({ ok: true, pack: { ...goodPack, version: 2 } });
  });
});

describe('planImport and applyImport', () => {
  const shipped = goodPack.topics;
  const newTopic: Topic = { id: 'sanctions', title: { en: 'Sanctions relief' }, summary: { en: 'Talk of easing sanctions.' }, asOf: '2025-04-01', aliases: { en: ['sanctions'] } };

  it('a good file → what it adds, replaces and leaves alone', () => {
    const changed = { ...shipped[1]!, summary: { en: 'A newer summary.' } };
    const plan = planImport({ topics: [shipped[0]!, changed, newTopic] }, shipped);
    expect(plan.add.map((t) => t.id)).toEqual(['sanctions']);
    expect(plan.replace.map((t) => t.id)).toEqual(['ceasefire']);
    expect(plan.unchanged.map((t) => t.id)).toEqual(['jeddah-talks']);
  });

  it('applying a plan stores added and replacing topics, and the matcher sees them', async () => {
    const mine: Topic = { ...newTopic, id: 'mine', title: { en: 'Mine' } };
    await saveUserTopics([mine]);
    const changed = { ...shipped[1]!, summary: { en: 'A newer summary.' } };
    const plan = planImport({ topics: [changed, newTopic] }, await loadEffectiveTopics(shipped));
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['mine', 'ceasefire', 'sanctions']);
    const effective = await loadEffectiveTopics(shipped);
    expect(effective.map((t) => t.id)).toEqual(['jeddah-talks', 'ceasefire', 'mine', 'sanctions']);
    expect(effective[1]!.summary.en).toBe('A newer summary.');

    // Importing again replaces the reader's copy in place instead of adding a second one.
    const again = { ...newTopic, summary: { en: 'Updated.' } };
    await applyImport(planImport({ topics: [again] }, await loadEffectiveTopics(shipped)));
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['mine', 'ceasefire', 'sanctions']);
    expect((await loadUserTopics())[2]!.summary.en).toBe('Updated.');
  });

  it('a quota error while applying changes nothing and says why', async () => {
    await saveUserTopics([newTopic]);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const result = await applyImport({ add: [{ ...newTopic, id: 'other' }], replace: [], unchanged: [] });
    expect(result).toMatchObject({ ok: false, reason: 'quota' });
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['sanctions']);
  });
});

describe('exportPack', () => {
  it('round-trips: the exported file imports to the same topics', async () => {
    const topics = [...goodPack.topics, { id: 'mine', title: { en: 'Mine "quoted" & \u00ABспецсимволи\u00BB' }, summary: { en: 'x' }, asOf: '2025-04-01', aliases: { en: ['mine'] } }];
    const json = exportPack(topics, { name: 'My topics', asOf: '2025-04-05' });
    const result = await readPackFile(file(json, 'export.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.topics).toEqual(topics);
    expect(result.pack).toMatchObject({ format: 'factlight-topic-pack', version: 2, id: 'my-topics', name: 'My topics', asOf: '2025-04-05' });
    expect(planImport(result.pack, topics)).toEqual({ add: [], replace: [], unchanged: topics });
  });

  it('defaults asOf to today', () => {
    const pack = JSON.parse(exportPack(goodPack.topics, { name: 'x' })) as TopicPack;
    expect(pack.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('helpers', () => {
  it('dotPathToBrackets', () => {
    expect(dotPathToBrackets('topics.1.aliases.uk.0')).toBe('topics[1].aliases.uk[0]');
    expect(dotPathToBrackets('topics')).toBe('topics');
  });

  it('formatPath', () => {
    expect(formatPath(['topics', 2, 'quotes', 0, 'source', 'url'])).toBe('topics[2].quotes[0].source.url');
    expect(formatPath([])).toBe('');
  });

  it('locateJsonError agrees with JSON.parse on valid text', () => {
    for (const text of ['{}', '[]', '"x"', '1e5', '-0.5', 'true', '{"a":[1,{"b":null}],"c":"\\u00e9\\n"}', JSON.stringify(goodPack, null, 2)]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(locateJsonError(text)).toBeNull();
    }
  });
});

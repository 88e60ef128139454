/**
 * Right context only: tables of short articles, each judged as a whole page would be. Positives are
 * about the March 2025 events; near-misses use the same words for another story, another place or
 * another time, and must get nothing.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { analyzeDocument, compileTopics, judgeSegments, buildArticleContext } from '../../lib/analyze';
import { collectSegments } from '../../lib/dom/segments';

const compiled = compileTopics(SHIPPED_PACK.topics);

function article(paragraphs: string[], { date = '2025-04-01', lang = 'en', headline = '' } = {}): Document {
  const html = `<!doctype html><html lang="${lang}"><head>
    <meta property="article:published_time" content="${date}T10:00:00Z"></head><body>
    <article>${headline ? `<h1>${headline}</h1>` : ''}${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  return new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
}

const accepted = (doc: Document) => analyzeDocument(doc, compiled).mentions.map((m) => `${m.topicId}:${m.text}`);

describe('positives: about these events', () => {
  it.each([
    ['en', 'Putin says there are nuances to truce', ['The Russian leader said Moscow backed the idea in principle.']],
    ['en', '', ['Zelenskyy said Kyiv would never accept a deal that crosses its red lines on territory.']],
    ['en', '', ['Ukraine and the United States met in Jeddah on Tuesday.', 'Russia has not replied.']],
    ['en', '', ['The Kremlin said a 30-day truce would only help Ukrainian forces regroup.']],
    ['en', '', ['Ukrainian negotiators flew home from Jiddah on Wednesday, officials in Kyiv said.']],
    ['en', '', ['A cease-fire along the whole front line is the first step, Zelenskyy said.']],
    ['uk', '', ['Путін оголосив великоднє перемир’я, але обстріли тривали, заявили в ЗСУ.']],
    ['uk', '', ['Україна не визнає окуповані території російськими: це червона лінія, наголосив Єрмак.']],
    ['uk', '', ['У Джидді українська делегація зустрілася з американською.', 'Зеленський подякував США.']],
    ['uk', '', ['Енергетичне перемирʼя порушено: Росія атакувала Херсон.']],
    ['ru', '', ['Путин заявил, что поддерживает идею перемирия с Украиной, но есть нюансы.']],
    ['ru', '', ['Признание аннексии Крыма — красная линия для Киева, заявил Зеленский.']],
    ['ru', '', ['Делегации США и Украины провели переговоры в Джидде.']],
    ['ru', '', ['В Кремле заявили, что режим тишины на Пасху соблюдался.']],
    ['en', '', ['Recognising land Russia seized in 2014 and 2022 as Russian is a red line for Kyiv, Zelenskyy said.']],
    ['en', '', ["Putin said NATO troops in Ukraine would cross Russia's red lines."]],
    ['en', '', ['The Jeddah meeting was the first since the Oval Office clash between Trump and Zelenskyy.']],
    // Later rounds, named by their own people and places only.
    ['en', '', ['After Anchorage, Trump no longer asks for a ceasefire before a peace deal.']],
    ['en', '', ['The coalition of the willing will deploy troops only after a ceasefire, Starmer said.']],
    ['uk', '', ['Буданов: віддати землю за «формулою Анкориджа» — червона лінія.']],
    ['ru', '', ['Рябков: временное перемирие не нужно, договоренности на Аляске остаются в силе.']],
    ['ru', '', ['План из 28 пунктов не предусматривает перемирия до подписания соглашения.']],
  ])('%s: %s %s', (lang, headline, paragraphs) => {
    const got = accepted(article(paragraphs as string[], { lang, headline }));
    expect(got.length).toBeGreaterThan(0);
  });

  it('accepts a mention without anchors in its own paragraph when the article is about these events', () => {
    const doc = article([
      'President Volodymyr Zelenskyy met Finnish President Alexander Stubb in Helsinki.',
      'The two leaders spoke for an hour.',
      'The truce, if it comes, would be the first pause in years.',
      'Officials did not give a date.',
      'Russia and Ukraine have exchanged prisoners twice this month, Kyiv said.',
    ]);
    const [m] = analyzeDocument(doc, compiled).mentions;
    expect(m?.text).toBe('truce');
    expect(m?.reasons.at(-1)).toEqual({ code: 'anchors-in-article', detail: expect.arrayContaining(['Zelensky*', 'Kyiv*']) });
  });
});

describe('near-misses: another story gets nothing', () => {
  it.each([
    ['Gaza ceasefire', ['Israel and Hamas agreed to extend the ceasefire in Gaza by a week.']],
    ['Syria ceasefire', ['A ceasefire in northern Syria between Kurdish-led forces and Turkish-backed groups held overnight.']],
    ['Lebanon truce', ['The truce between Israel and Hezbollah in Lebanon has largely held.']],
    ['Israel-Iran', ['Trump announced a ceasefire between Israel and Iran after 12 days of war.']],
    ['India-Pakistan', ['India and Pakistan agreed to a ceasefire along the Line of Control in Kashmir.']],
    ['Thailand-Cambodia', ['Thailand and Cambodia agreed to an unconditional ceasefire after border clashes.']],
    ['Christmas truce', ['On Christmas Eve 1914, British and German soldiers declared the Christmas truce.']],
    ['Chicago Red Line', ['Chicago’s Red Line will run every eight minutes after the CTA service change.']],
    ['Boston Red Line', ['Take the Red Line train to Alewife, then walk ten minutes.']],
    ['chart', ['In the chart, the red line shows inflation; the dotted line is the forecast.']],
    ['Rafah', ["Biden's red line on Rafah has been crossed, critics of the Israeli offensive say."]],
    ['Obama Syria', ["Obama's red line on chemical weapons in Syria was never enforced."]],
    ['Taiwan', ['Beijing says Taiwan independence is a red line it will not allow anyone to cross.']],
    ['thin red line', ['The Thin Red Line is a 1998 war film by Terrence Malick.']],
    ['hockey', ['The puck crossed the red line before the icing call, the NHL said.']],
    ['idiom', ['The senator said attacking judges crosses a red line for the Republican party.']],
    ['Jeddah Grand Prix', ['Verstappen won the Jeddah Grand Prix after starting from pole position.']],
    ['Jeddah Tower', ['Jeddah Tower will be the world’s tallest building when finished.']],
    ['Sudan talks', ['Saudi Arabia hosted Sudan’s warring parties in Jeddah in May 2023.']],
    ['OIC meeting', ['Foreign ministers of the Organisation of Islamic Cooperation met in Jeddah to back the Arab plan for Gaza.']],
    ['Hajj', ['Millions of pilgrims arrive in Jeddah before the hajj.']],
    ['uk Gaza', ['Ізраїль і ХАМАС погодили перемир’я в секторі Газа.']],
    ['uk metro', ['Станцію на червоній лінії метро закриють на ремонт.']],
    ['uk F1', ['Ферстаппен виграв Гран-прі в Джидді.']],
    ['ru Gaza', ['Израиль и ХАМАС договорились о перемирии в секторе Газа.']],
    ['ru Armenia', ['Армения и Азербайджан обвинили друг друга в нарушении перемирия.']],
    ['ru Moscow metro', ['На красной линии московского метро закроют две станции.']],
    ['ru Sudan', ['Стороны конфликта в Судане подписали перемирие в Джидде.']],
    ['Sudan in 2025', ["The RSF and Sudan's army traded fire in El Fasher despite calls for a truce.", 'The United States urged both sides to return to talks in Jeddah.']],
    ['Congo', ['Congo and the M23 rebels signed a ceasefire declaration in Doha.', 'Rwanda denies backing M23, but the truce remains fragile.']],
    ['feud', ['Elon Musk and Donald Trump appeared to reach a truce after their public feud.']],
    ['football', ['Arsenal fans say the club crossed a red line by raising ticket prices again.']],
    ['LA Metro', ['The Metro Red Line, now called the B Line, connects Union Station with North Hollywood.']],
    ['port', ["Jeddah's port handled a record number of containers last year."]],
    ['2023 peace-formula summit', ["Jeddah hosted a two-day summit on Ukraine's peace formula in August 2023, attended by 40 countries."]],
    ['2022 Istanbul talks', ["In March 2022, negotiators in Istanbul discussed a ceasefire and Ukraine's neutrality."]],
    ['ru Israel-Iran', ['Иран и Израиль согласились на прекращение огня после 12 дней войны, объявил Трамп.']],
    ['uk India-Pakistan', ['Індія та Пакистан домовилися про припинення вогню, повідомив Трамп.']],
    ['Gaza, with the envoys of the later Ukraine talks', ['Witkoff and Kushner flew to Israel to save the ceasefire under the 20-point plan.']],
    ['Iran talks in Geneva', ['In Geneva, Witkoff and Kushner heard that enrichment remains a red line for Tehran.']],
    ['Greenland', ["Denmark says Greenland's sovereignty is a red line. A split between allies would only please Moscow."]],
    ['uk Kyiv metro without the word', ['Через повітряну тривогу поїзди червоної лінії курсують із затримками.', 'Київ відновив рух.']],
  ])('%s', (_name, paragraphs) => {
    expect(accepted(article(paragraphs))).toEqual([]);
  });

  it('says why, with data the popover can translate', () => {
    const doc = article(['Israel and Hamas agreed to extend the ceasefire in Gaza by a week.']);
    const [judged] = judgeSegments(collectSegments(doc.body), compiled, buildArticleContext(doc, compiled));
    expect(judged).toMatchObject({ accepted: false, text: 'ceasefire' });
    expect(judged!.reasons[0]).toEqual({ code: 'alias', detail: ['ceasefire*', 'ceasefire'] });
    expect(judged!.reasons.at(-1)).toEqual({ code: 'other-story-nearby', detail: expect.arrayContaining(['Gaza*', 'Hamas*', 'Israel*']) });
  });

  it('rejects a mention naming another story right next to it, even inside a Ukraine article', () => {
    const doc = article([
      'Zelenskyy said Kyiv wanted a ceasefire along the entire front.',
      'Unlike the Gaza ceasefire, the plan has no monitoring mission, Ukrainian officials said.',
    ]);
    expect(accepted(doc)).toEqual(['ceasefire:ceasefire']);
  });

  it('keeps a Ukraine mention inside a Gaza report when its own sentence is about Ukraine', () => {
    const doc = article([
      'Israel resumed strikes on Gaza, ending the ceasefire with Hamas.',
      'Separately, Trump and Putin discussed a ceasefire in Ukraine by phone.',
      'In Gaza, hospitals were overwhelmed, health officials said.',
    ]);
    expect(accepted(doc)).toEqual(['ceasefire:ceasefire']);
    expect(analyzeDocument(doc, compiled).mentions[0]!.segment.text).toContain('Putin');
  });

  it('rejects a mention dated to an earlier year in its own sentence', () => {
    const doc = article(['In August 2023, Jeddah hosted advisers from 40 countries to discuss Zelenskyy’s plan without Russia.']);
    const [judged] = judgeSegments(collectSegments(doc.body), compiled, buildArticleContext(doc, compiled));
    expect(judged).toMatchObject({ accepted: false, text: 'Jeddah' });
    expect(judged!.reasons.at(-1)!.code).toBe('earlier-year-nearby');
  });
});

describe('dates', () => {
  const ukraineTruce = ['Zelenskyy said Ukraine backs a truce; the Kremlin said Russia would study it.'];

  it.each([
    ['2019-07-21', 0],
    ['2025-03-10', 0],
    ['2025-03-11', 1],
    ['2026-01-05', 1],
  ])('an article published %s gets %i mentions', (date, count) => {
    expect(accepted(article(ukraineTruce, { date }))).toHaveLength(count);
  });

  it('marks the whole page as before the events, with the reason on each candidate', () => {
    const doc = article(ukraineTruce, { date: '2019-07-21' });
    expect(analyzeDocument(doc, compiled).beforeEvents).toBe(true);
    const [judged] = judgeSegments(collectSegments(doc.body), compiled, buildArticleContext(doc, compiled));
    expect(judged!.reasons.at(-1)).toEqual({ code: 'published-before', detail: ['2019-07-21', '2025-03-11'] });
  });

  it('gives the publication date as a reason on accepted mentions', () => {
    const [m] = analyzeDocument(article(ukraineTruce, { date: '2025-03-20' }), compiled).mentions;
    expect(m!.reasons).toContainEqual({ code: 'published-after', detail: ['2025-03-20', '2025-03-11'] });
  });
});

describe('near-misses in local news and sport', () => {
  it.each([
    ['uk quiet hours', ['У Києві нагадали про режим тиші: шуміти після 22:00 заборонено, за порушення — штраф.']],
    ['ru quiet hours', ['В Москве напомнили о режиме тишины: соседям нельзя шуметь после 23:00.']],
    ['map legend', ['On the map, the red line marks the front line in the Donetsk region.']],
    ['uk map legend', ['На мапі червона лінія позначає лінію фронту на Донеччині.']],
    ['boxing', ['Ukrainian boxer Oleksandr Usyk will defend his heavyweight titles in Jeddah.']],
    ['Super Cup', ['The Italian Super Cup returns to Jeddah, with Inter and Milan in the final.']],
  ])('%s', (_name, paragraphs) => {
    expect(accepted(article(paragraphs))).toEqual([]);
  });
});

describe('a heading opens a new section (live blogs)', () => {
  const page = (body: string) =>
    new JSDOM(
      `<!doctype html><html lang="en"><head><meta property="article:published_time" content="2026-03-04T10:00:00Z"></head><body><article>${body}</article></body></html>`,
      { virtualConsole: new VirtualConsole() },
    ).window.document;
  const verdicts = (doc: Document) =>
    judgeSegments(collectSegments(doc.body), compiled, buildArticleContext(doc, compiled)).map((j) => [j.accepted, j.reasons.at(-1)!.code]);

  it('lends a post the context of its own heading', () => {
    const doc = page('<h2>09:10 Kyiv</h2><p>The truce is holding for now, officials said.</p><h2>09:40 Weather</h2><p>Rain is expected.</p>');
    expect(verdicts(doc)).toEqual([[true, 'anchors-nearby']]);
  });

  it('does not lend a post the heading of the next post', () => {
    const anchorAfter = page('<h2>09:10 Talks</h2><p>The truce is holding for now, officials said.</p><h2>09:40 Kyiv</h2><p>Rain is expected.</p>');
    expect(verdicts(anchorAfter)).toEqual([[false, 'no-anchors']]);
    // Nor does another story's heading after it count against it.
    const otherAfter = page(
      '<h2>21:35 Ukraine talks</h2><p>Zelenskyy said the round in Abu Dhabi was off. Umerov had been due to discuss how a ceasefire would be monitored.</p>' +
        '<h2>20:50 Israel</h2><p>Sirens sounded in Haifa after Iran fired missiles at Israel; Tehran said the strikes would go on.</p>' +
        '<h2>20:05 Iran</h2><p>Explosions were heard in Tehran as Israeli jets struck Iran again.</p>',
    );
    expect(verdicts(otherAfter)).toEqual([[true, 'anchors-nearby']]);
  });
});

/**
 * Pages the benchmark generates itself (issue 14's stress pages), deterministic, served by
 * scripts/bench.ts. Mentions come in varied inline markup (a link, bold, italics, a span, a
 * mention split across two elements) because wrapping one is not the same work in each.
 */

const HEAD = (title: string, type = 'article') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<meta property="og:type" content="${type}"><meta property="article:published_time" content="2025-03-21T10:00:00Z">
<title>${title}</title>
<style>body{font:18px/1.5 Georgia,serif;max-width:42em;margin:0 auto;padding:1em}h2{font:bold 1.3em sans-serif}
.post{border-top:1px solid #ccc;padding:.5em 0}time{color:#666;font:.9em sans-serif}button{font:.8em sans-serif}</style></head>`;

const FILLER = [
  'Officials met again on Tuesday to discuss trade, energy prices and the harvest outlook for the coming season.',
  'Analysts said the markets had priced in most of the news before the announcement was made on Monday evening.',
  'The committee will publish its report after the summer recess, a spokesperson told reporters in the capital.',
  'Local councils have asked for more money to repair roads damaged over the winter and to clear the backlog.',
  'Shipping rates eased slightly as insurers returned to the route, according to figures published this week.',
  'Diplomats from several European capitals were expected to attend, though the agenda had not been released.',
];

/** Sentences that each carry one or two mentions, in varied markup; `i` picks one. */
const MENTIONS: ((i: number) => string)[] = [
  (i) => `Ukraine's delegation said in <a href="#s${i}">Jeddah</a> that it backed the 30-day <strong>ceasefire</strong> proposal.`,
  () => `Zelensky repeated that occupied land was a <em>red line</em> for Kyiv, whatever the <span class="k">truce</span> said.`,
  () => `The Kremlin said Putin wanted the <b>cease-fire</b> terms spelled out before talks in <i>Jiddah</i> resumed.`,
  () => `Russia and Ukraine exchanged accusations over the energy <a href="#e">truce</a>, a Kyiv official said.`,
  () => `Officials in Kyiv said Ukraine's <b>red</b> <i>lines</i> had not moved since the meeting in Jeddah.`,
  () => `Putin's envoy said Moscow saw no <span>ceasefire</span> yet, while Ukrainian officials stayed in Jeddah.`,
];

const mention = (i: number) => MENTIONS[i % MENTIONS.length]!(i);
const filler = (i: number) => FILLER[i % FILLER.length]!;

/**
 * Issue 14's 10 MB article: `sections` sections (8,000 by default), each a heading and six
 * paragraphs; paragraphs 2 and 5 of each section open with a sentence that names one or two
 * topics, in six kinds of markup (about 24,000 highlights in all, with "every mention"). About 10 MB.
 */
export function sectionedArticle(sections = 8_000): string {
  const out: string[] = [HEAD(`Generated: ${sections} sections on the talks`), '<body><article><h1>The talks, the ceasefire and the red lines</h1>'];
  let n = 0;
  for (let s = 0; s < sections; s++) {
    out.push(`<section id="s${s}"><h2>${s % 4 === 0 ? 'After Jeddah: ' : ''}Part ${s + 1} of the day's reporting</h2>`);
    for (let p = 0; p < 6; p++) {
      const text = p === 1 || p === 4 ? `${mention(n++)} ${filler(s + p)}` : p === 5 ? filler(s + p) : `${filler(s + p)} ${filler(s + p + 1)}`;
      out.push(`<p>${text}</p>`);
    }
    out.push('</section>');
  }
  out.push('</article></body></html>');
  return out.join('\n');
}

/**
 * Issue 14's 2 MB live blog: `posts` posts (1,700 by default), each a time, a heading, five
 * paragraphs and a share button; two of the five paragraphs name a topic (about 5,000
 * highlights in all, with "every mention"). About 2 MB.
 */
export function liveBlog(posts = 1_700): string {
  const out: string[] = [HEAD(`Live: ${posts} updates on the talks`, 'article'), '<body><main><h1>Live: Ukraine talks in Jeddah</h1><div class="feed">'];
  let n = 0;
  for (let i = 0; i < posts; i++) {
    const minute = (posts - i) * 3;
    const hh = String(8 + Math.floor(minute / 60) % 16).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    out.push(`<article class="post" id="p${i}"><time datetime="2025-03-11T${hh}:${mm}:00Z">${hh}:${mm}</time><h2>Update ${posts - i}</h2>`);
    for (let p = 0; p < 5; p++) out.push(`<p>${p === 0 || p === 3 ? `${mention(n++)} ${filler(i + p)}` : `${filler(i + p)} ${filler(i + p + 1)}`}</p>`);
    out.push('<button type="button" class="share">Share</button></article>');
  }
  out.push('</div></main></body></html>');
  return out.join('\n');
}

/**
 * A page where every paragraph mentions a topic (issue 14, measured with "every mention"):
 * `paragraphs` paragraphs (2,000 by default), a heading every ten. About 400 kB.
 */
export function everyParagraph(paragraphs = 2_000): string {
  const out: string[] = [HEAD('Generated: every paragraph names a topic'), '<body><article><h1>Every paragraph: the talks</h1>'];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 10 === 0) out.push(`<h2>Section ${i / 10 + 1}</h2>`);
    out.push(`<p>${mention(i)}</p>`);
  }
  out.push('</article></body></html>');
  return out.join('\n');
}

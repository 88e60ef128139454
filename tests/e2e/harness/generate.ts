/**
 * Generated stress pages: a news article of a given size, with a given number of topic mentions
 * spread through it, for the 50,000-node test and the 10 MB benchmark page.
 */

const FILLER = [
  'Officials met again on Tuesday to discuss trade, energy prices and the harvest outlook.',
  'Analysts said the markets had priced in most of the news before the announcement.',
  'The committee will publish its report after the summer recess, a spokesperson said.',
  'Local councils have asked for more money to repair roads damaged over the winter.',
];
const MENTIONS = [
  'Zelenskyy said in Kyiv that Ukraine still backs the 30-day ceasefire agreed at the Jeddah talks.',
  'Ukraine will not recognise occupied territories as Russian, a red line for Kyiv, the president said.',
  'Putin told Trump the Kremlin wanted nuances before any truce with Ukraine.',
];

/** An article with about `nodes` DOM nodes, `mentions` of them mentioning the topics. */
export function generateArticle({ nodes = 50_000, mentions = 5_000 }: { nodes?: number; mentions?: number }): string {
  // Each paragraph is 5 nodes: <p>, text, <em>, its text, trailing text.
  const paragraphs = Math.max(1, Math.floor(nodes / 5));
  const every = Math.max(1, Math.floor(paragraphs / Math.max(1, mentions)));
  const body: string[] = [];
  let placed = 0;
  for (let i = 0; i < paragraphs; i++) {
    const mention = placed < mentions && i % every === 0;
    const text = mention ? MENTIONS[placed++ % MENTIONS.length]! : FILLER[i % FILLER.length]!;
    const [first, ...rest] = text.split(' ');
    body.push(`<p><em>${first}</em> ${rest.join(' ')} <span>(${i})</span></p>`);
    if (i % 50 === 49) body.push(`<h2>Section ${i / 50 + 1}</h2>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta property="og:type" content="article"><meta property="article:published_time" content="2025-03-21T10:00:00Z">
<title>Generated article: ${paragraphs} paragraphs</title></head>
<body><article><h1>Generated: Ukraine, the ceasefire and the red lines</h1>
${body.join('\n')}
</article></body></html>`;
}

/** An article of about `bytes` bytes with a mention in about one paragraph in fifty. */
export function generateBytes(bytes: number): string {
  const perParagraph = 110;
  const paragraphs = Math.ceil(bytes / perParagraph);
  return generateArticle({ nodes: paragraphs * 5, mentions: Math.ceil(paragraphs / 50) });
}

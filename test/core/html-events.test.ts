import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { extractHtml } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import {
  readHtmlEvents,
  TagAttributes,
  WANTED,
} from '../../packages/core/src/extract/html-events.js';

// htmlparser2 is a dependency of the core package, not of the workspace root.
const htmlparser2Path = createRequire(
  new URL('../../packages/core/package.json', import.meta.url),
).resolve('htmlparser2');
/** The part of htmlparser2's `Parser` compared with (its types do not resolve from here). */
type ParserConstructor = new (
  handler: {
    onopentag(name: string, attributes: Record<string, string>): void;
    onclosetag(name: string, implied: boolean): void;
    ontext(data: string): void;
  },
  options: Record<string, boolean>,
) => { startIndex: number; end(html: string): void };
const { Parser } = (await import(pathToFileURL(htmlparser2Path).href)) as {
  Parser: ParserConstructor;
};

type AttributeField = Exclude<keyof TagAttributes, 'set' | 'clear'>;

/** TagAttributes fields by attribute name. */
const FIELDS: Record<string, AttributeField> = {
  id: 'id',
  role: 'role',
  type: 'type',
  href: 'href',
  rel: 'rel',
  name: 'name',
  alt: 'alt',
  src: 'src',
  width: 'width',
  height: 'height',
  title: 'title',
  class: 'class',
  lang: 'lang',
  content: 'content',
  property: 'property',
  hreflang: 'hreflang',
  'aria-label': 'ariaLabel',
  'data-infographic': 'dataInfographic',
  'data-credit': 'dataCredit',
  'http-equiv': 'httpEquiv',
  readonly: 'readonly',
  'data-linkworthy-embed': 'dataLinkworthyEmbed',
  onclick: 'onclick',
  onfocus: 'onfocus',
};

/** The events htmlparser2's `Parser` gives, with the attributes the extractor reads. */
function parserEvents(html: string): string[] {
  const events: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const read = [...WANTED['*']!, ...(WANTED[name] ?? [])]
          .filter((attribute) => attributes[attribute] !== undefined)
          .map((attribute) => `${FIELDS[attribute]}=${attributes[attribute]}`)
          .sort();
        events.push(`open ${name} @${parser.startIndex} ${read.join(' ')}`);
      },
      onclosetag(name, implied) {
        events.push(`close ${name} ${implied ? 'implied' : 'explicit'} @${parser.startIndex}`);
      },
      ontext(data) {
        events.push(`text @${parser.startIndex} ${JSON.stringify(data)}`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return events;
}

function ourEvents(html: string): string[] {
  const events: string[] = [];
  readHtmlEvents(html, {
    open(name, attributes, offset) {
      const read = Object.values(FIELDS)
        .filter((field) => attributes[field] !== undefined)
        .map((field) => `${field}=${attributes[field] as string}`)
        .sort();
      events.push(`open ${name} @${offset} ${read.join(' ')}`);
    },
    close(name, implied, offset) {
      events.push(`close ${name} ${implied ? 'implied' : 'explicit'} @${offset}`);
    },
    text(data, offset) {
      events.push(`text @${offset} ${JSON.stringify(data)}`);
    },
  });
  return events;
}

const EDGE_CASES = [
  '',
  'plain text &amp; more',
  '<p>one<div>block</div>two</p>',
  '<ul><li>a<li>b<li><a href="/x">c</a></ul>',
  '</p>after',
  'x</br>y<br/>z<BR>',
  '<a href="/1">one<a href="/2">two</a>',
  '<a href="/1">never closed',
  '<table><tr><td>a<td>b<tr><th>c</table>',
  '<select><option>a<option>b<optgroup><option>c</select>',
  '<dl><dt>a<dd>b<dt>c</dl>',
  '<h1>a<h2>b</h1>c</h2>',
  '<form id="a"><div><form id="b">x</form>y</form>',
  '<svg><title>icon</title><clippath id="c"/><image href="i.png"/><path d="M0"/></svg><image src="x">',
  '<svg><foreignObject><p>html <title>t</title></p></foreignObject></svg>',
  '<svg><foreignobject><div>x</div></foreignobject></svg>',
  '<math><mi>x</mi><mtext><b>y</b></mtext></math>',
  '<svg><![CDATA[in svg]]></svg><![CDATA[outside]]>',
  '<!-- a <a href="/c">comment</a> --><!----><!--->x<!-->y',
  '<!doctype html><!x><?php echo 1 ?></ p>',
  '<script>if (a < b) { document.write("<a href=/s>") }</script><a href="/real">r</a>',
  '<style>a::before { content: "</p>" }</style><title>A &amp; B <b>x</b></title>',
  '<textarea readonly>&lt;iframe src="x"&gt;</textarea>',
  '<body><head></head><link rel=x><script></script><body>',
  '<DIV ID="Up" Role="MAIN" CLASS=c>x</Div>',
  '<a href=/one href=/two ID=first id=second name=n>dup</a>',
  '<img alt="a &quot;b&quot;" src=x.png width=1 height="2" title="Infographic: t">',
  '<p>a</p   ><p>b</p\n>text',
  '<a href="/x"\n  aria-label="Label">t</a',
  '<div class="y',
  '<p id=x',
  '<meta http-equiv="refresh" content="0; url=/new/"><meta name=description content=d>',
  '<plaintext><a href="/no">x</a>',
  '<xmp><b>raw</b></xmp><iframe><a>x</a></iframe><noembed>n</noembed><noframes>f</noframes>',
  '<noscript><a href="/ns">n</a></noscript>',
  '<ruby>a<rt>b<rp>c</ruby>',
  '<table><thead><tr><td>a<tbody><tr><td>b<tfoot><tr><td>c</table>',
  '<p>&notin; &notit; &amp &#x41; &#65 &#0; &#128512;</p>',
  '<sup class="footnote-ref"><a href="#fn1">1</a></sup>',
  '<figure data-infographic="T" data-credit="C"><img src=i.png></figure>',
  // Runs the tokenizer crosses with indexOf: one character long, at the end, next to entities.
  '<script>x</script><style>a</style><script></script>y<!--a--><!--ab--><!-- -- -->z',
  '<a href="x" title=\'&amp;\' id="&lt;&gt;" name="a&b">&amp;&amp;x&lt;</a>&',
  'a<b>c</b>d&e<f',
  '<p id="unterminated>text',
  '<script>never closed <a href="/x">',
  '<!-- never closed <a href="/x">',
];

describe('readHtmlEvents', () => {
  it('gives the events of htmlparser2’s Parser on edge cases', () => {
    for (const html of EDGE_CASES) expect(ourEvents(html), html).toEqual(parserEvents(html));
  });

  it('gives the events of htmlparser2’s Parser on random documents', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const names = ['a', 'A', 'p', 'form', 'br', 'li', 'svg', 'math', 'title', 'foreignObject'];
    names.push('clippath', 'desc', 'image', 'table', 'td', 'tr', 'textarea', 'select', 'option');
    names.push('div', 'script', 'h2', 'mi', 'body', 'head', 'img', 'meta', 'sup', 'ul', 'dd');
    const attributes = ['id', 'ID', 'role', 'href', 'rel', 'name', 'alt', 'class', 'x', 'title'];
    const values = ['x', 'a&amp;b', '&lt;', 'main', '', 'a b', '&notit;'];
    const texts = [
      'text ',
      ' a&amp;b ',
      '&nbsp;',
      '\n',
      'x<y',
      '& ',
      '<!-- c -->',
      '<![CDATA[d]]>',
    ];
    for (let doc = 0; doc < 3000; doc++) {
      let html = '';
      for (let token = Math.floor(random() * 40); token >= 0; token--) {
        const kind = random();
        if (kind < 0.35) {
          html += `<${pick(names)}`;
          for (let count = Math.floor(random() * 3); count > 0; count--) {
            html += ` ${pick(attributes)}="${pick(values)}"`;
          }
          html += random() < 0.15 ? '/>' : '>';
        } else if (kind < 0.6) {
          html += `</${pick(names)}>`;
        } else {
          html += pick(texts);
        }
      }
      expect(ourEvents(html), html).toEqual(parserEvents(html));
    }
  });

  it('reads only the attributes the extractor uses, the first of duplicates', () => {
    const seen: Record<string, unknown>[] = [];
    readHtmlEvents('<div class="c" id="a" id="b" href="/x"><a class="c" href="/y">', {
      open: (_name, attributes) =>
        seen.push({ id: attributes.id, class: attributes.class, href: attributes.href }),
      close: () => {},
      text: () => {},
    });
    expect(seen[0]).toMatchObject({ id: 'a', class: undefined, href: undefined });
    expect(seen[1]).toMatchObject({ id: undefined, class: undefined, href: '/y' });
    expect(new TagAttributes().id).toBeUndefined();
  });
});

describe('extractHtml over implied end tags', () => {
  // What the extractor gave when it ran on htmlparser2's Parser, kept as it was.
  it('ends paragraphs, list items and links where htmlparser2 does', () => {
    const page = extractHtml(
      `<html><body><main><p>We measured 40% <a href="/a">one<div id="d">block</div>
      <ul><li><a href="/b">b</a><li>See <a href="/c">c</a></ul></p>
      <nav><a href="/n">n</nav><a href="/after">after</a>
      <a href="/x">x<a href="/y">y</a></main></body></html>`,
      { file: 'index.html' },
    );
    expect(page.links.map((link) => [link.href, link.text, link.region])).toEqual([
      // Still open when the next link starts (a `<div>` does not end a link): no text of its own.
      ['/a', '', 'content'],
      ['/b', 'b', 'content'],
      ['/c', 'c', 'content'],
      ['/n', 'n', 'nav'],
      ['/after', 'after', 'content'],
      ['/x', 'x', 'content'],
      ['/y', 'y', 'content'],
    ]);
    expect(page.ids).toContain('d');
    expect(page.problems.map((problem) => problem.message)).toEqual([
      'A link starts inside another link; browsers end the first link here.',
    ]);
  });

  it('does not read markup in raw text, comments or CDATA, and keeps SVG titles apart', () => {
    const page = extractHtml(
      `<head><title>Page</title><script>x = "<a href='/s'>"</script></head>
      <body><svg><title>icon</title><![CDATA[<a href="/cd">]]></svg>
      <!-- <a href="/comment"> --><p>x</br>y</p><a href="/real">r</a></body>`,
      { file: 'index.html' },
    );
    expect(page.title).toBe('Page');
    expect(page.links.map((link) => link.href)).toEqual(['/real']);
  });
});

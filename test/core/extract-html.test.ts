import { extractHtml, urlForBuiltFile } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

describe('extractHtml', () => {
  it('collects ids, legacy names, headings, title and meta', () => {
    const page = extractHtml(
      `<!doctype html><html lang="en"><head><title> My  page </title>
      <meta name="description" content="About things">
      <meta name="robots" content="noindex, nofollow">
      <meta property="og:image" content="https://x/y.png">
      <link rel="canonical" href="https://example.com/p/">
      <script type="application/ld+json">{"@graph":[{"@type":"Article"},{"@type":["Person","Thing"]}]}</script>
      </head><body><h1 id="top-title">Hello <em>world</em></h1><a name="legacy"></a><p id="p1">x</p>
      <svg><title>icon</title><g id="icon-g"/></svg></body></html>`,
      { file: 'p/index.html' },
    );
    expect(page.url).toBe('/p/');
    expect(page.lang).toBe('en');
    expect(page.title).toBe('My page');
    expect(page.meta).toEqual({
      description: 'About things',
      canonical: 'https://example.com/p/',
      robots: ['noindex', 'nofollow'],
      social: { 'og:image': 'https://x/y.png' },
      jsonLdTypes: ['Article', 'Person', 'Thing'],
    });
    expect(page.headings).toEqual([
      { depth: 1, text: 'Hello world', id: 'top-title', position: { line: 7, column: 20 } },
    ]);
    expect(new Set(page.ids)).toEqual(new Set(['top-title', 'legacy', 'p1', 'icon-g']));
    expect(page.problems).toEqual([]);
  });

  it('records links with text, rel, region and position, entity-decoded', () => {
    const page = extractHtml(
      [
        '<header><nav><a href="/">Home</a></nav><a href="/logo/">Logo</a></header>',
        '<main><article><header><a href="/by/">Author</a></header>',
        '<p>Read <a href="/a/?x=1&amp;y=2#s" rel="NoFollow ugc">the <b>guide</b></a>',
        '<a href="/img/"><img src="/i.png" alt="A chart"></a></p></article>',
        '<aside><a href="/related/">Related</a></aside></main>',
        '<footer><a href="/legal/">Legal</a></footer>',
        '<div role="navigation"><a href="/r/">R</a></div>',
      ].join('\n'),
      { file: 'index.html' },
    );
    expect(page.links.map((link) => [link.href, link.text, link.region])).toEqual([
      ['/', 'Home', 'nav'],
      ['/logo/', 'Logo', 'header'],
      ['/by/', 'Author', 'content'],
      ['/a/?x=1&y=2#s', 'the guide', 'content'],
      ['/img/', 'A chart', 'content'],
      ['/related/', 'Related', 'aside'],
      ['/legal/', 'Legal', 'footer'],
      ['/r/', 'R', 'nav'],
    ]);
    expect(page.links[3]!.rel).toEqual(['nofollow', 'ugc']);
    expect(page.links[3]!.position).toEqual({ line: 3, column: 9 });
    expect(page.images).toEqual([
      { src: '/i.png', alt: 'A chart', region: 'content', position: { line: 4, column: 17 } },
    ]);
  });

  it('ignores links and ids in comments, templates, scripts and noscript', () => {
    const page = extractHtml(
      `<!-- <a href="/commented/" id="c">x</a> -->
      <template><a href="/templated/" id="t">x</a></template>
      <script>document.write('<a href="/scripted/" id="s">x</a>')</script>
      <noscript><a href="/noscript/">x</a></noscript>
      <a href="/real/">real</a>`,
      { file: 'index.html' },
    );
    expect(page.links.map((link) => link.href)).toEqual(['/real/']);
    expect(page.ids).toEqual([]);
  });

  it('counts only the words of the page content', () => {
    const page = extractHtml(
      '<nav>one two three</nav><main><p>It’s a well-known fact: 42 words.</p><script>var a = 1</script></main>',
      { file: 'index.html' },
    );
    expect(page.wordCount).toBe(6);
  });

  it('reports malformed HTML but keeps what it can read', () => {
    const nested = extractHtml('<p><a href="/a/">one <a href="/b/">two</a></p>', {
      file: 'x.html',
    });
    expect(nested.links.map((link) => [link.href, link.text])).toEqual([
      ['/a/', 'one'],
      ['/b/', 'two'],
    ]);
    expect(nested.problems.map((problem) => problem.message)).toEqual([
      'A link starts inside another link; browsers end the first link here.',
    ]);

    const unclosedComment = extractHtml(
      '<a href="/a/">a</a>\n<!-- never closed <a href="/b/">b</a>',
      { file: 'y.html' },
    );
    expect(unclosedComment.links).toHaveLength(1);
    expect(unclosedComment.problems[0]).toMatchObject({ position: { line: 2, column: 1 } });

    const unclosedLink = extractHtml('<p><a href="/a/">text', { file: 'z.html' });
    expect(unclosedLink.links[0]!.text).toBe('text');
    expect(unclosedLink.problems[0]!.message).toMatch(/never closed/);
  });

  it('refuses binary data without throwing, and honours a declared charset', () => {
    const binary = extractHtml(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), {
      file: 'image.html',
    });
    expect(binary.partial).toBe(true);
    expect(binary.problems[0]!.message).toMatch(/binary/);

    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('<meta charset="iso-8859-1"><h1 id="caf'),
      0xe9,
      ...new TextEncoder().encode('">x</h1>'),
    ]);
    expect(extractHtml(latin1, { file: 'l.html' }).ids).toEqual(['café']);
  });

  it('maps built files to the URLs they are served at', () => {
    expect(urlForBuiltFile('index.html')).toBe('/');
    expect(urlForBuiltFile('a/index.html')).toBe('/a/');
    expect(urlForBuiltFile('a/b.html')).toBe('/a/b.html');
    expect(urlForBuiltFile('a/index.htm')).toBe('/a/');
  });
});

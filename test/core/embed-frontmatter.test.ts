import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractHtml, generateEmbeds, type PageFacts } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900"><text>x</text></svg>';

function problemsOf(page: PageFacts) {
  return page.problems.map((problem) => [problem.position?.line, problem.message]);
}

describe('frontmatter `infographics:`', () => {
  it('records valid entries with every key and the entry line, in Markdown and MDX', () => {
    const source = `---
title: Tea by the numbers
infographics:
  - src: /img/tea.svg
    title: Tea by the numbers
    alt: Tea steeping times by type
    description: Steeping times and temperatures.
    credit: Ann Leaf
    license: https://creativecommons.org/licenses/by/4.0/
    acquireLicensePage: /license/
    sources: [https://example.org/tea-data/]
  - { src: /img/two.png, title: Second }
---

# Tea
`;
    for (const file of ['post.md', 'post.mdx']) {
      const page = extractMarkdown(source, { file });
      expect(page.problems).toEqual([]);
      expect(page.declaredInfographics).toEqual([
        {
          src: '/img/tea.svg',
          title: 'Tea by the numbers',
          alt: 'Tea steeping times by type',
          description: 'Steeping times and temperatures.',
          credit: 'Ann Leaf',
          license: 'https://creativecommons.org/licenses/by/4.0/',
          acquireLicensePage: '/license/',
          sources: ['https://example.org/tea-data/'],
          position: { line: 4, column: 5 },
        },
        { src: '/img/two.png', title: 'Second', position: { line: 12, column: 5 } },
      ]);
      // The raw frontmatter stays as it was.
      expect(Array.isArray(page.frontmatter?.infographics)).toBe(true);
    }
  });

  it('reports malformed entries at their line, naming the key and what was expected', () => {
    const page = extractMarkdown(
      `---
title: T
infographics:
  - src: /ok.png
    title: Kept
  - src: /no-title.png
  - title: 5
    src: /number.png
  - src: /b.png
    title: B
    sources: https://example.org/
    colour: red
  - just a string
---
`,
      { file: 'post.md' },
    );
    expect(page.declaredInfographics?.map((item) => item.src)).toEqual(['/ok.png']);
    expect(problemsOf(page)).toEqual([
      [6, 'Frontmatter `infographics[1]` has no `title`; expected a non-empty string.'],
      [7, 'Frontmatter `infographics[2].title` must be a non-empty string, not `5`.'],
      [
        12,
        'Frontmatter `infographics[3].colour` is not a known key; expected one of `src`, `title`, `alt`, `description`, `credit`, `license`, `acquireLicensePage`, `sources`.',
      ],
      [
        11,
        'Frontmatter `infographics[3].sources` must be a list of URLs (strings), not `"https://example.org/"`.',
      ],
      [13, 'Frontmatter `infographics[4]` must be a mapping with `src` and `title`.'],
    ]);
  });

  it('reports `infographics` that is not a list, and leaves pages without it alone', () => {
    const page = extractMarkdown('---\ntitle: T\ninfographics: /chart.png\n---\n', {
      file: 'a.md',
    });
    expect(problemsOf(page)).toEqual([
      [
        3,
        'Frontmatter `infographics` must be a list of `{ src, title }` entries (`- src: /chart.png`).',
      ],
    ]);
    expect(page.declaredInfographics).toBeUndefined();
    const plain = extractMarkdown('---\ntitle: T\n---\n\n# T\n', { file: 'b.md' });
    expect(plain.declaredInfographics).toBeUndefined();
    expect(plain.problems).toEqual([]);
  });
});

const BUILT = `<!doctype html><html><head><title>Tea by the numbers</title></head><body>
<h1>Tea by the numbers</h1>
<p>Intro.</p>
<p><img src="/img/tea.svg" alt="Steeping times for green, black and oolong tea"></p>
<p><img src="/img/other.svg" alt="Not an infographic"></p>
</body></html>`;

const SOURCE = `---
title: Tea by the numbers
infographics:
  - src: /img/tea.svg
    title: Tea by the numbers
    alt: Steeping times by tea
    credit: Ann Leaf
    license: https://creativecommons.org/licenses/by/4.0/
---

# Tea by the numbers

Intro.

![Steeping times for green, black and oolong tea](/img/tea.svg)

![Not an infographic](/img/other.svg)
`;

describe('generateEmbeds with Markdown sources', () => {
  it('makes an image embeddable when the page source declares its src in frontmatter', async () => {
    const root = tempSite({
      'dist/posts/tea/index.html': BUILT,
      'dist/img/tea.svg': SVG,
      'dist/img/other.svg': SVG,
      'src/content/posts/tea.md': SOURCE,
      'src/content/posts/other.md': '---\ntitle: Other\n---\n\n# Other\n',
    });
    const result = await generateEmbeds({
      dir: join(root, 'dist'),
      origin: 'https://leaf.example',
      siteName: 'Leaf',
      root,
      sources: ['src/content'],
    });
    expect(result.problems).toEqual([]);
    expect(result.embeds.map((embed) => [embed.file, embed.title, embed.image])).toEqual([
      ['posts/tea/index.html', 'Tea by the numbers', 'embed/tea-by-the-numbers.svg'],
    ]);
    const oembed = JSON.parse(
      readFileSync(join(root, 'dist/embed/tea-by-the-numbers.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(oembed).toMatchObject({ title: 'Tea by the numbers', author_name: 'Ann Leaf' });

    const html = readFileSync(join(root, 'dist/posts/tea/index.html'), 'utf8');
    const page = extractHtml(html, { file: 'posts/tea/index.html' });
    expect(page.oembedLinks?.map((link) => [link.href, link.inHead])).toEqual([
      ['https://leaf.example/embed/tea-by-the-numbers.json', true],
    ]);
    expect(page.meta.jsonLdTypes).toContain('ImageObject');
    expect(html).toContain('"license":"https://creativecommons.org/licenses/by/4.0/"');
    expect(page.embedCodes).toHaveLength(1);
    // The copy box follows the paragraph of the declared image, not the other one; the embed
    // code's alt is the title (an alt of several words would be a keyword anchor).
    expect(html.indexOf('linkworthy-embed')).toBeGreaterThan(html.indexOf('/img/tea.svg"'));
    expect(html.indexOf('linkworthy-embed')).toBeLessThan(html.indexOf('/img/other.svg'));
    expect(page.embedCodes?.[0]?.images.map((image) => image.alt)).toEqual(['Tea by the numbers']);

    // A second run leaves the page alone.
    const again = await generateEmbeds({
      dir: join(root, 'dist'),
      origin: 'https://leaf.example',
      siteName: 'Leaf',
      root,
      sources: ['src/content'],
    });
    expect(again.embeds).toEqual([]);
    expect(readFileSync(join(root, 'dist/posts/tea/index.html'), 'utf8')).toBe(html);
  });

  it('uses an explicit page → source map and facts already read', async () => {
    const root = tempSite({
      'dist/guide/index.html': BUILT.replace('<h1>Tea by the numbers</h1>', '<h1>Guide</h1>'),
      'dist/img/tea.svg': SVG,
    });
    const source = extractMarkdown(SOURCE, { file: 'content/unrelated-name.md' });
    const result = await generateEmbeds({
      dir: join(root, 'dist'),
      origin: 'https://leaf.example',
      siteName: 'Leaf',
      sourcePages: [source],
      pageSources: new Map([['/guide/', 'content/unrelated-name.md']]),
    });
    expect(result.problems).toEqual([]);
    expect(result.embeds.map((embed) => embed.file)).toEqual(['guide/index.html']);
  });

  it('reports declarations it cannot match and malformed ones, with the source line', async () => {
    const root = tempSite({
      'dist/posts/tea/index.html': BUILT,
      'dist/img/tea.svg': SVG,
      'src/posts/tea.md': SOURCE.replace('src: /img/tea.svg', 'src: /img/missing.svg'),
      'src/posts/broken.md': '---\ntitle: B\ninfographics:\n  - src: /img/tea.svg\n---\n',
    });
    const result = await generateEmbeds({
      dir: join(root, 'dist'),
      origin: 'https://leaf.example',
      siteName: 'Leaf',
      root,
      sources: ['src'],
    });
    expect(result.embeds).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'src/posts/broken.md:4',
        src: '',
        message: 'Frontmatter `infographics[0]` has no `title`; expected a non-empty string.',
      },
      {
        file: 'src/posts/tea.md:4',
        src: '/img/missing.svg',
        message:
          'No built page made from this source shows the image; check that `src` is the URL the page uses.',
      },
    ]);
  });

  it('still makes `data-infographic` images embeddable when sources are given', async () => {
    const root = tempSite({
      'dist/a/index.html': BUILT.replace(
        '<img src="/img/tea.svg"',
        '<img data-infographic="Tea" src="/img/tea.svg"',
      ),
      'dist/img/tea.svg': SVG,
      'src/a.md': '# Nothing declared\n',
    });
    const result = await generateEmbeds({
      dir: join(root, 'dist'),
      origin: 'https://leaf.example',
      siteName: 'Leaf',
      root,
      sources: ['src'],
    });
    expect(result.problems).toEqual([]);
    expect(result.embeds.map((embed) => embed.title)).toEqual(['Tea']);
  });
});

import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';

describe('extractMarkdown', () => {
  it('gives headings the ids the host renders', () => {
    const page = extractMarkdown(
      [
        '# Hello, World!',
        '## Options',
        '## Options',
        '## Set up {#setup}',
        '### Café & crème',
        '## `code` in *title*',
      ].join('\n\n'),
      { file: 'a.md' },
    );
    expect(page.headings.map((heading) => [heading.depth, heading.text, heading.id])).toEqual([
      [1, 'Hello, World!', 'hello-world'],
      [2, 'Options', 'options'],
      [2, 'Options', 'options-1'],
      [2, 'Set up', 'setup'],
      [3, 'Café & crème', 'café--crème'],
      [2, 'code in title', 'code-in-title'],
    ]);
    expect(page.title).toBe('Hello, World!');
  });

  it('reads links, references, images, raw HTML anchors and frontmatter', () => {
    const page = extractMarkdown(
      [
        '---',
        'title: From frontmatter',
        'description: A page',
        '---',
        '',
        'See [the guide](./guide.md#install "Guide") and [ref][r].',
        '',
        '![Chart](./chart.png)',
        '',
        '<a name="legacy"></a><a href="/raw/">raw</a>',
        '',
        '<div id="box">x</div>',
        '',
        '[r]: https://example.com/',
        '',
        '```md',
        '[not a link](./code.md)',
        '```',
      ].join('\n'),
      { file: 'docs/a.md' },
    );
    expect(page.title).toBe('From frontmatter');
    expect(page.meta.description).toBe('A page');
    expect(page.frontmatter).toEqual({ title: 'From frontmatter', description: 'A page' });
    expect(page.links.map((link) => [link.href, link.text, link.position?.line])).toEqual([
      ['./guide.md#install', 'the guide', 6],
      ['https://example.com/', 'ref', 6],
      ['/raw/', '', 10],
    ]);
    expect(page.links[2]!.position).toEqual({ line: 10, column: 22 });
    expect(page.images).toEqual([
      { src: './chart.png', alt: 'Chart', region: 'content', position: { line: 8, column: 1 } },
    ]);
    expect(new Set(page.ids)).toEqual(new Set(['legacy', 'box']));
  });

  it('reads MDX: JSX ids and anchors, ignoring ESM and expressions', () => {
    const page = extractMarkdown(
      [
        'import Card from "./Card.astro";',
        '',
        '# Title',
        '',
        '<Card id="card" href="/not-a-link/" />',
        '',
        '<a href="/yes/">yes</a>',
        '',
        '{1 + 1}',
      ].join('\n'),
      { file: 'x.mdx' },
    );
    expect(page.format).toBe('mdx');
    expect(page.links.map((link) => link.href)).toEqual(['/yes/']);
    expect(new Set(page.ids)).toEqual(new Set(['title', 'card']));
  });

  it('turns invalid frontmatter and MDX syntax errors into problems with lines', () => {
    const yaml = extractMarkdown('---\ntitle: a\nbad: [1\n---\n# T\n', { file: 'a.md' });
    expect(yaml.problems).toHaveLength(1);
    expect(yaml.problems[0]!.position?.line).toBe(3);
    expect(yaml.headings).toHaveLength(1);

    const notMap = extractMarkdown('---\n- a\n---\n', { file: 'b.md' });
    expect(notMap.problems[0]!.message).toMatch(/mapping/);

    const mdx = extractMarkdown('# T\n\n<Broken attr={\n', { file: 'c.mdx' });
    expect(mdx.partial).toBe(true);
    expect(mdx.problems[0]).toMatchObject({ position: { line: 4 } });
    expect(mdx.problems[0]!.message).toMatch(/^Could not parse the MDX/);
  });
});

describe('bare URLs (GFM autolink literals)', () => {
  it('become links, without trailing punctuation, at their position', () => {
    const page = extractMarkdown(
      'See https://example.com/docs/guide/. Or www.example.com, or\n(https://example.com/a?b=1).\n\n[https://x.test/](https://x.test/) and `https://code.test/`.',
      { file: 'a.md' },
    );
    expect(
      page.links.map((link) => [link.href, link.position?.line, link.position?.column]),
    ).toEqual([
      ['https://example.com/docs/guide/', 1, 5],
      ['http://www.example.com', 1, 41],
      ['https://example.com/a?b=1', 2, 2],
      ['https://x.test/', 4, 1],
    ]);
  });
});

describe('heading slugs from the raw text', () => {
  it('drop no-break spaces as github-slugger does (French typography)', () => {
    const page = extractMarkdown('## Référence\u00a0: conversion\n\n## Falls du\u00a0?\n', {
      file: 'fr.md',
    });
    expect(page.headings.map((heading) => heading.id)).toEqual([
      'référence-conversion',
      'falls-du',
    ]);
    expect(page.headings[0]!.text).toBe('Référence : conversion');
  });
});

describe('without GFM', () => {
  it('footnote definitions are not link definitions', () => {
    const page = extractMarkdown(
      'A claim.[^src]\n\n[^src]: [https://example.com/](https://example.com/).\n',
      { file: 'a.md' },
    );
    expect(page.links.map((link) => link.href)).toEqual([]);
  });

  it('an MDX element never closed is reported at its line', () => {
    const page = extractMarkdown('# T\n\n<Tabs>\n<Tab>\n\ntext\n\n</Tabs>\n', { file: 'a.mdx' });
    expect(page.problems[0]?.position?.line).toBeTypeOf('number');
  });
});

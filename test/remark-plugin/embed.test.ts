import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbedError, pageEmbed, readEmbedCode, type Infographic } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import remarkLinkworthy from 'remark-linkworthy';
import remarkLinkworthyEmbed, { type EmbedOptions } from 'remark-linkworthy/embed';
import { afterAll, describe, expect, it } from 'vitest';
import { hostile, random } from '../support/hostile.js';
import { parseHtml, type HtmlElement } from '../support/html-tree.js';
import { remark, remarkFrontmatter, VFile } from './deps.js';
import { linkworthyMessages, removeSite, tempSite } from './helpers.js';

// mdast's types, as remark gives them (`mdast` is not a root dependency).
type Root = ReturnType<ReturnType<typeof remark>['parse']>;
type Block = Root['children'][number];
type Paragraph = Extract<Block, { type: 'paragraph' }>;
type Html = Extract<Block, { type: 'html' }>;
type Image = Extract<Paragraph['children'][number], { type: 'image' }>;

const publicDir = mkdtempSync(join(tmpdir(), 'remark-linkworthy-embed-'));
mkdirSync(join(publicDir, 'img'));
writeFileSync(
  join(publicDir, 'img', 'coffee.svg'),
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="2000"></svg>',
);
afterAll(() => {
  rmSync(publicDir, { recursive: true, force: true });
});

const OPTIONS: EmbedOptions = {
  site: 'https://example.com',
  siteName: 'Example Blog',
  publicDir,
  page: () => '/blog/coffee/',
};

/** Markdown → the transformed tree (what remark-rehype would turn into HTML) and the file. */
function transform(markdown: string, options: EmbedOptions = OPTIONS): { tree: Root; file: VFile } {
  const processor = remark().use(remarkFrontmatter).use(remarkLinkworthyEmbed, options);
  const file = new VFile({ value: markdown, path: 'src/content/blog/coffee.md' });
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return { tree, file };
}

/** The copy box core builds for the infographic on the test page. */
function expectedBox(infographic: Infographic): string {
  return pageEmbed(infographic, {
    origin: 'https://example.com',
    siteName: 'Example Blog',
    page: '/blog/coffee/',
    width: 800,
    height: 2000,
  }).copyBox;
}

describe('remark-linkworthy/embed', () => {
  it('renders the copy box after an image titled `Infographic: …`, and marks the image', () => {
    const { tree, file } = transform(
      'Intro.\n\n![2 cups a day](/img/coffee.svg "Infographic: Coffee by the numbers")\n\nMore.\n',
    );
    expect(tree.children.map((node) => node.type)).toEqual([
      'paragraph',
      'paragraph',
      'html',
      'paragraph',
    ]);
    const box = tree.children[2] as Html;
    expect(box.value).toBe(expectedBox({ src: '/img/coffee.svg', title: 'Coffee by the numbers' }));
    const image = (tree.children[1] as Paragraph).children[0] as Image;
    expect(image.data).toEqual({ hProperties: { dataInfographic: 'Coffee by the numbers' } });
    expect(file.messages).toEqual([]);
  });

  it('renders frontmatter infographics with their credit and licence; plain images are left alone', () => {
    const { tree } = transform(
      [
        '---',
        'infographics:',
        '  - src: /img/coffee.svg',
        '    title: Coffee by the numbers',
        '    credit: Jane Doe',
        '    license: https://creativecommons.org/licenses/by/4.0/',
        '---',
        '',
        '![2 cups a day](/img/coffee.svg)',
        '',
        '![A divider](/img/divider.svg)',
        '',
      ].join('\n'),
    );
    expect(tree.children.map((node) => node.type)).toEqual([
      'yaml',
      'paragraph',
      'html',
      'paragraph',
    ]);
    const box = (tree.children[2] as Html).value;
    expect(box).toBe(
      expectedBox({
        src: '/img/coffee.svg',
        title: 'Coffee by the numbers',
        credit: 'Jane Doe',
        license: 'https://creativecommons.org/licenses/by/4.0/',
      }),
    );
    expect(box).toContain(
      'Infographic by &lt;a href="https://example.com/blog/coffee/"&gt;Jane Doe',
    );
    const image = (tree.children[1] as Paragraph).children[0] as Image;
    expect(image.data).toEqual({
      hProperties: {
        dataInfographic: 'Coffee by the numbers',
        dataCredit: 'Jane Doe',
        dataLicense: 'https://creativecommons.org/licenses/by/4.0/',
      },
    });
  });

  it('says why when it cannot render a box, and refuses a site that is not https', () => {
    const { tree, file } = transform('![Gone](/img/missing.png "Infographic: Gone")\n');
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph']);
    expect(file.messages.map((message) => message.reason)).toEqual([
      `No copy box for the infographic \`/img/missing.png\`: its size could not be read from \`${publicDir}\`.`,
    ]);
    expect(file.messages[0]!.line).toBe(1);
    const unknown = transform('![A](/img/coffee.svg "Infographic: A")\n', {
      ...OPTIONS,
      page: () => undefined,
    });
    expect(unknown.file.messages[0]!.reason).toMatch(/page URL of this file is unknown/);
    expect(() => remarkLinkworthyEmbed({ site: 'http://example.com' })).toThrow(/https/);
  });

  it('the box parses back to exactly the intended tree, for 300 hostile titles and alts', () => {
    const next = random(20261122);
    for (let run = 0; run < 300; run++) {
      const title = hostile(next);
      const alt = hostile(next);
      // Written as Markdown by remark itself, then read back through the transform.
      const source: Root = {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'image', url: '/img/coffee.svg', alt, title: `Infographic: ${title}` },
            ],
          },
        ],
      };
      const markdown = remark().stringify(source);
      const { tree, file } = transform(markdown);
      const image = (tree.children[0] as Paragraph).children[0] as Image;
      expect(image.title, markdown).toBe(`Infographic: ${title}`);
      expect(image.alt, markdown).toBe(alt);
      const wanted = title.replace(/\s+/g, ' ').trim() || alt.trim();
      let expected: string;
      try {
        expected = expectedBox({ src: '/img/coffee.svg', title: wanted });
      } catch (error) {
        expect(error).toBeInstanceOf(EmbedError);
        expect(tree.children).toHaveLength(1);
        expect(file.messages).toHaveLength(1);
        continue;
      }
      expect(tree.children).toHaveLength(2);
      const box = (tree.children[1] as Html).value;
      expect(box).toBe(expected);
      // One details element: summary, text, the read-only textarea holding the snippet, button.
      const parsed = parseHtml(box);
      expect(parsed).toHaveLength(1);
      const details = parsed[0] as HtmlElement;
      expect(
        details.children.map((child) => (typeof child === 'string' ? '#text' : child.name)),
      ).toEqual(['summary', 'p', 'textarea', 'button']);
      const textarea = details.children[2] as HtmlElement;
      expect(textarea.attributes.readonly).toBe('');
      expect(textarea.children).toHaveLength(1);
      const code = readEmbedCode(textarea.children[0] as string);
      expect(code.images).toEqual([
        {
          src: 'https://example.com/embed/' + code.images[0]!.src.split('/').pop()!,
          alt: wanted.replace(/\s+/g, ' ').trim(),
          width: '800',
          height: '2000',
        },
      ]);
      expect(code.links.map((link) => link.href)).toEqual([
        'https://example.com/blog/coffee/',
        'https://example.com/blog/coffee/',
      ]);
      expect(code.active).toEqual([]);
      expect(code.malformed).toBeUndefined();
      // The image's marker carries the title as data, never as markup.
      expect(image.data).toEqual({ hProperties: { dataInfographic: wanted } });
    }
  });
});

describe('source mode: infographic rules read Markdown declarations', () => {
  it('puts frontmatter infographics at their entry line, and inline ones at the image', () => {
    const page = extractMarkdown(
      [
        '---',
        'title: Coffee',
        'infographics:',
        '  - src: /img/beans.png',
        '    title: Where the beans come from',
        '    credit: Jane Doe',
        '---',
        '',
        '![](/img/beans.png)',
        '',
        '![2 cups](/img/coffee.svg "Infographic: Coffee by the numbers")',
        '',
      ].join('\n'),
      { file: 'coffee.md' },
    );
    expect(page.infographics).toEqual([
      {
        src: '/img/coffee.svg',
        title: 'Coffee by the numbers',
        alt: '2 cups',
        position: { line: 11, column: 1 },
      },
      {
        src: '/img/beans.png',
        title: 'Where the beans come from',
        credit: 'Jane Doe',
        alt: '',
        position: { line: 4, column: 5 },
      },
    ]);
  });
});

describe('source mode in remark-linkworthy', () => {
  it('reports infographic-alt and infographic-embed-anchor at the frontmatter entry and the image', async () => {
    const text = [
      '---',
      'title: Coffee',
      'infographics:',
      '  - src: /img/beans.png', // 4
      '    title: Best coffee beans to buy online',
      '---',
      '',
      '![](/img/beans.png)',
      '',
      '![coffee.svg](/img/coffee.svg "Infographic: Coffee by the numbers")', // 10
      '',
    ].join('\n');
    const root = await tempSite({ 'coffee.md': text });
    try {
      const file = new VFile({ cwd: root, path: join(root, 'coffee.md'), value: text });
      await remark()
        .use(remarkFrontmatter)
        .use(remarkLinkworthy, {
          rules: {
            'infographic-alt': 'warn',
            'infographic-embed-anchor': ['warn', { keywords: ['coffee beans'] }],
            'infographic-imageobject': 'warn',
            'infographic-oembed-discovery': 'warn',
          },
        })
        .process(file);
      expect(
        linkworthyMessages(file)
          .filter((message) => message.ruleId?.startsWith('infographic-'))
          .map((message) => [message.ruleId, message.line]),
      ).toEqual([
        ['infographic-alt', 4],
        ['infographic-embed-anchor', 4],
        ['infographic-alt', 10],
      ]);
    } finally {
      await removeSite(root);
    }
  });
});

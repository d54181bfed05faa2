import {
  buildEmbed,
  EmbedError,
  embedSlug,
  extractHtml,
  h,
  imageSize,
  readEmbedCode,
  toHtml,
  type EmbedOptions,
} from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { hostile, intended, random } from '../support/hostile.js';
import { parseHtml, type HtmlElement } from '../support/html-tree.js';

const OPTIONS: EmbedOptions = {
  origin: 'https://example.com',
  siteName: 'Example Blog',
  page: '/blog/coffee/',
  image: '/embed/coffee.png',
  oembed: '/embed/coffee.json',
  width: 800,
  height: 2000,
};

describe('embed snippet', () => {
  it('is a linked image and a credit line, with absolute https URLs', () => {
    const { snippet, urls } = buildEmbed(
      { src: '/img/coffee.png', title: 'Coffee by the numbers' },
      OPTIONS,
    );
    expect(snippet).toBe(
      '<figure style="margin:0;max-width:800px"><a href="https://example.com/blog/coffee/"><img src="https://example.com/embed/coffee.png" alt="Coffee by the numbers" width="800" height="2000" style="max-width:100%;height:auto" loading="lazy"></a><figcaption>Infographic by <a href="https://example.com/blog/coffee/">Example Blog</a></figcaption></figure>',
    );
    expect(urls.page).toBe('https://example.com/blog/coffee/');
    expect(new TextEncoder().encode(snippet).length).toBeLessThan(1024);
  });

  it('is deterministic and applies rel to both links', () => {
    const make = () =>
      buildEmbed(
        { src: '/x.png', title: 'Coffee', credit: 'Jane Doe' },
        { ...OPTIONS, rel: ['nofollow'] },
      );
    const first = make();
    expect(make()).toEqual(first);
    const code = readEmbedCode(first.snippet);
    expect(code.links.map((link) => [link.href, link.text, link.rel])).toEqual([
      ['https://example.com/blog/coffee/', 'Coffee', ['nofollow']],
      ['https://example.com/blog/coffee/', 'Jane Doe', ['nofollow']],
    ]);
  });

  it('refuses URLs that are not https on the site, sizes that are not integers, bad rel tokens', () => {
    const graphic = { src: '/x.png', title: 'Coffee' };
    for (const options of [
      { ...OPTIONS, page: 'javascript:alert(1)' },
      { ...OPTIONS, image: '//evil.example/x.png' },
      { ...OPTIONS, image: 'http://example.com/x.png' },
      { ...OPTIONS, origin: 'http://example.com' },
      { ...OPTIONS, width: 800.5 },
      { ...OPTIONS, height: 0 },
      { ...OPTIONS, rel: ['nofollow" onclick="x'] },
    ]) {
      expect(() => buildEmbed(graphic, options)).toThrow(EmbedError);
    }
    expect(() => buildEmbed({ src: '/x.png', title: '  ' }, OPTIONS)).toThrow(EmbedError);
    expect(() => buildEmbed({ ...graphic, license: 'javascript:alert(1)' }, OPTIONS)).toThrow(
      EmbedError,
    );
  });

  it('parses back to exactly the intended tree, for 500 hostile titles, credits and paths', () => {
    const next = random(20261121);
    for (let run = 0; run < 500; run++) {
      const title = hostile(next);
      const credit = hostile(next);
      const siteName = hostile(next);
      const path = `/blog/${hostile(next)}/`;
      let artifacts;
      try {
        artifacts = buildEmbed(
          { src: '/x.png', title, credit, description: hostile(next) },
          { ...OPTIONS, page: path, siteName },
        );
      } catch (error) {
        // Only titles that are blank once whitespace is collapsed are refused.
        expect(error, title).toBeInstanceOf(EmbedError);
        expect(title.replace(/\s+/g, '')).toBe('');
        continue;
      }
      const { tree, snippet, copyBox } = artifacts;
      // The snippet is one figure: the tree that was built, nothing more.
      expect(parseHtml(snippet), title).toEqual([intended(tree)]);

      // The copy box: the textarea holds the snippet as its only text, whatever the title.
      const [details] = parseHtml(copyBox) as HtmlElement[];
      expect(details!.name).toBe('details');
      expect(
        details!.children.map((child) => (typeof child === 'string' ? '#text' : child.name)),
      ).toEqual(['summary', 'p', 'textarea', 'button']);
      const textarea = details!.children[2] as HtmlElement;
      expect(textarea.children, title).toEqual([snippet]);
      expect(textarea.attributes.readonly).toBe('');

      // Links and image read back with the URLs and texts given.
      const code = readEmbedCode(snippet);
      expect(code.images).toHaveLength(1);
      expect(code.images[0]!.alt).toBe(title.replace(/\s+/g, ' ').trim());
      expect(code.links.every((link) => link.href === artifacts.urls.page)).toBe(true);
      expect(code.active).toEqual([]);
      expect(code.malformed).toBeUndefined();
      expect(code.links.some((link) => link.hidden)).toBe(false);

      // JSON-LD: no `<` in the script, and it parses to the ImageObject.
      const [script] = parseHtml(artifacts.jsonLdScript) as HtmlElement[];
      const json = script!.children[0] as string;
      expect(json).not.toMatch(/[<>]/);
      expect(JSON.parse(json)).toEqual(artifacts.imageObject);

      // The discovery link: absolute, no `url=`.
      const [link] = parseHtml(artifacts.discoveryLink) as HtmlElement[];
      expect(link!.attributes).toMatchObject({
        rel: 'alternate',
        type: 'application/json+oembed',
        href: 'https://example.com/embed/coffee.json',
      });
    }
  });

  it('survives a WordPress-like allowlist sanitiser with its link and image intact', () => {
    const allowed: Record<string, string[]> = {
      a: ['href', 'rel', 'title', 'target'],
      img: ['src', 'alt', 'width', 'height', 'style', 'class', 'title', 'loading'],
      figure: ['style', 'class'],
      figcaption: ['style', 'class'],
    };
    /** Keeps allowed elements and attributes (and http(s) URLs only); unwraps the rest. */
    function sanitise(nodes: (HtmlElement | string)[]): (HtmlElement | string)[] {
      return nodes.flatMap((node) => {
        if (typeof node === 'string') return [node];
        const keep = allowed[node.name];
        if (!keep) return node.name === 'script' ? [] : sanitise(node.children);
        const attributes = Object.fromEntries(
          Object.entries(node.attributes).filter(
            ([key, value]) =>
              keep.includes(key) && (!['href', 'src'].includes(key) || /^https?:/i.test(value)),
          ),
        );
        return [{ name: node.name, attributes, children: sanitise(node.children) }];
      });
    }
    const next = random(7);
    for (let run = 0; run < 200; run++) {
      const { snippet, tree } = buildEmbed(
        { src: '/x.png', title: `Coffee ${hostile(next)}`, credit: `Jane ${hostile(next)}` },
        { ...OPTIONS, rel: run % 2 ? ['nofollow'] : [] },
      );
      const parsed = parseHtml(snippet);
      expect(sanitise(parsed)).toEqual(parsed);
      expect(sanitise(parsed)).toEqual([intended(tree)]);
    }
  });
});

describe('oEmbed and JSON-LD', () => {
  it('writes a photo response and an ImageObject with licence metadata', () => {
    const artifacts = buildEmbed(
      {
        src: '/x.png',
        title: 'Coffee by the numbers',
        credit: 'Jane Doe',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        acquireLicensePage: '/licensing/',
        sources: ['https://data.example.org/coffee'],
      },
      OPTIONS,
    );
    expect(JSON.parse(artifacts.oembedJson)).toEqual({
      version: '1.0',
      type: 'photo',
      title: 'Coffee by the numbers',
      author_name: 'Jane Doe',
      author_url: 'https://example.com/',
      provider_name: 'Example Blog',
      provider_url: 'https://example.com/',
      url: 'https://example.com/embed/coffee.png',
      width: 800,
      height: 2000,
      thumbnail_url: 'https://example.com/embed/coffee.png',
      thumbnail_width: 800,
      thumbnail_height: 2000,
    });
    expect(artifacts.imageObject).toMatchObject({
      '@type': 'ImageObject',
      contentUrl: 'https://example.com/embed/coffee.png',
      creator: { name: 'Jane Doe' },
      creditText: 'Jane Doe',
      copyrightNotice: 'Jane Doe',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      acquireLicensePage: 'https://example.com/licensing/',
      isBasedOn: ['https://data.example.org/coffee'],
    });
    expect(artifacts.discoveryLink).toBe(
      '<link rel="alternate" type="application/json+oembed" href="https://example.com/embed/coffee.json" title="Coffee by the numbers">',
    );
  });
});

describe('tree serialiser', () => {
  it('refuses names that are not plain', () => {
    expect(() => toHtml(h('a b', {}))).toThrow();
    expect(() => toHtml(h('a', { 'x"y': '1' }))).toThrow();
    expect(() => toHtml(h('p', {}, { type: 'json', value: 1 }))).toThrow();
  });
});

describe('helpers', () => {
  it('slugs are ASCII and never empty', () => {
    expect(embedSlug('Café: 10 facts!')).toBe('cafe-10-facts');
    expect(embedSlug('☕')).toBe('infographic');
  });

  it('reads image sizes', () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 1400"></svg>',
    );
    expect(imageSize(svg)).toEqual({ width: 600, height: 1400 });
    const png = new Uint8Array(24);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    new DataView(png.buffer).setUint32(16, 640);
    new DataView(png.buffer).setUint32(20, 480);
    expect(imageSize(png)).toEqual({ width: 640, height: 480 });
    expect(imageSize(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  it('extracts infographic markers, copy boxes and discovery links from HTML', () => {
    const { copyBox, discoveryLink } = buildEmbed(
      { src: '/img/coffee.png', title: 'Coffee' },
      OPTIONS,
    );
    const page = extractHtml(
      `<html><head>${discoveryLink}</head><body><h1>Coffee</h1>\n<figure data-infographic="Coffee"><img src="/img/coffee.png" alt="Coffee chart"></figure>\n${copyBox}</body></html>`,
      { file: 'blog/coffee/index.html' },
    );
    expect(page.infographics).toEqual([
      {
        src: '/img/coffee.png',
        title: 'Coffee',
        alt: 'Coffee chart',
        position: { line: 2, column: 35 },
      },
    ]);
    expect(page.oembedLinks).toEqual([
      {
        href: 'https://example.com/embed/coffee.json',
        inHead: true,
        position: { line: 1, column: 13 },
      },
    ]);
    expect(page.embedCodes).toHaveLength(1);
    expect(page.embedCodes![0]!.links).toHaveLength(2);
    // The copy box's text is not the page's content.
    expect(page.links).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';
import { runCli } from '../support/cli.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900"><text>x</text></svg>';

const run = runCli;

const PAGE = `<!doctype html><html><head><title>Tea by the numbers · Leaf</title></head><body>
<h1>Tea by the numbers</h1>
<p><img data-infographic="Tea &quot;by&quot; the numbers" data-license="/license/" data-credit="Ann Leaf" src="../../img/tea.svg" alt="Tea by the numbers"></p>
<p>After.</p>
</body></html>`;

describe('linkworthy embed', () => {
  it('writes the stable image, oEmbed JSON, head tags and copy box; the lint is then clean', async () => {
    const dir = tempSite({
      'posts/tea/index.html': PAGE,
      'img/tea.svg': SVG,
      'index.html': '<h1>Home</h1><a href="/posts/tea/">Tea</a>',
    });
    const result = await run(
      ['embed', dir, '--site', 'https://leaf.example', '--name', 'Leaf'],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 infographic made embeddable.');

    const oembed = JSON.parse(
      readFileSync(join(dir, 'embed/tea-by-the-numbers.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(oembed).toMatchObject({
      type: 'photo',
      title: 'Tea "by" the numbers',
      url: 'https://leaf.example/embed/tea-by-the-numbers.svg',
      width: 600,
      height: 900,
      provider_name: 'Leaf',
    });
    expect(readFileSync(join(dir, 'embed/tea-by-the-numbers.svg'), 'utf8')).toBe(SVG);

    const html = readFileSync(join(dir, 'posts/tea/index.html'), 'utf8');
    const headEnd = html.indexOf('</head>');
    expect(html.indexOf('application/json+oembed')).toBeLessThan(headEnd);
    expect(html.indexOf('"@type":"ImageObject"')).toBeLessThan(headEnd);
    expect(html).toContain(
      '"creditText":"Ann Leaf","copyrightNotice":"Ann Leaf","license":"https://leaf.example/license/"',
    );
    // The copy box goes after the paragraph holding the image, not inside it.
    expect(html).toMatch(/alt="Tea by the numbers"><\/p><details class="linkworthy-embed">/);

    // Running it again changes nothing.
    await run(['embed', dir, '--site', 'https://leaf.example', '--name', 'Leaf'], dir);
    expect(readFileSync(join(dir, 'posts/tea/index.html'), 'utf8')).toBe(html);

    const report = await lint({ root: dir, config: { site: 'https://leaf.example' } });
    expect(report.findings.filter((finding) => finding.ruleId.startsWith('infographic-'))).toEqual(
      [],
    );
  });

  it('needs an https origin', async () => {
    const dir = tempSite({ 'index.html': '<h1>Home</h1>' });
    expect((await run(['embed', dir], dir)).code).toBe(2);
    expect((await run(['embed', dir, '--site', 'http://leaf.example'], dir)).code).toBe(2);
  });

  it('reports infographics it cannot make embeddable', async () => {
    const dir = tempSite({
      'index.html': '<h1>Home</h1><img data-infographic src="/missing.png" alt="Chart">',
    });
    const result = await run(['embed', dir, '--site', 'https://leaf.example'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'index.html: /missing.png: The image `/missing.png` is not a file of the build.',
    );
  });
});

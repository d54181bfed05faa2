import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';
import { runCli } from '../support/cli.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900"><text>x</text></svg>';

const run = runCli;

describe('linkworthy embed --sources', () => {
  it('makes images declared in Markdown frontmatter embeddable, and reports malformed entries', async () => {
    const root = tempSite({
      'dist/posts/tea/index.html':
        '<!doctype html><html><head><title>Tea</title></head><body><h1>Tea</h1><p><img src="/img/tea.svg" alt="Tea chart"></p></body></html>',
      'dist/img/tea.svg': SVG,
      'content/posts/tea.md':
        '---\ntitle: Tea\ninfographics:\n  - src: /img/tea.svg\n    title: Tea by the numbers\n---\n\n# Tea\n\n![Tea chart](/img/tea.svg)\n',
      'content/posts/bad.md': '---\ntitle: Bad\ninfographics:\n  - src: 3\n    title: Bad\n---\n',
    });
    const result = await run(
      ['embed', 'dist', '--site', 'https://leaf.example', '--sources', 'content'],
      root,
    );
    expect(result.stdout).toContain(
      'posts/tea/index.html: Tea by the numbers → embed/tea-by-the-numbers.svg, embed/tea-by-the-numbers.json',
    );
    expect(result.stdout).toContain('1 infographic made embeddable.');
    expect(result.stderr).toBe(
      'content/posts/bad.md:4: Frontmatter `infographics[0].src` must be a non-empty string, not `3`.\n',
    );
    expect(result.code).toBe(1);
    expect(readFileSync(join(root, 'dist/posts/tea/index.html'), 'utf8')).toContain(
      'data-linkworthy-embed',
    );
  });

  it('--help shows the frontmatter form', async () => {
    const result = await run(['embed', '--help'], process.cwd());
    expect(result.stdout).toContain('--sources <folder>');
    expect(result.stdout).toContain('infographics:');
  });
});

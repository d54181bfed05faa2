import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEmbeds, lint, type LintOptions, type UserConfig } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900"><text>x</text></svg>';

const SOURCE = [
  '---',
  'title: Tea by the numbers',
  'infographics:',
  '  - src: /img/tea.svg', // 4
  '    title: Tea by the numbers',
  '    credit: Ann Leaf',
  '---',
  '',
  '# Tea by the numbers',
  '',
  '![tea.svg](/img/tea.svg)',
  '',
  '![Steeping](/img/steep.svg "Infographic: Steeping times")', // 13
  '',
].join('\n');

const page = (body: string) =>
  `<!doctype html><html><head><title>Tea by the numbers</title></head><body><h1>Tea by the numbers</h1>${body}</body></html>`;

const RULES: UserConfig['rules'] = {
  'infographic-alt': 'warn',
  'infographic-imageobject': 'warn',
  'infographic-oembed-discovery': 'warn',
  'infographic-embed-anchor': ['warn', { keywords: ['tea by the numbers'], brands: ['Tea Notes'] }],
};

function infographicFindings(findings: { ruleId: string; file?: string; line?: number }[]) {
  return findings
    .filter((finding) => finding.ruleId.startsWith('infographic-'))
    .map((finding) => `${finding.file ?? ''}:${finding.line ?? ''} ${finding.ruleId}`);
}

describe('infographic rules in source mode', () => {
  it('on sources alone: findings at the frontmatter entry and the image line', async () => {
    const root = tempSite({ 'src/content/tea.md': SOURCE });
    const report = await lint({
      root,
      sources: ['src/content'],
      config: { rules: RULES },
      configFile: false,
    });
    expect(infographicFindings(report.findings)).toEqual([
      'src/content/tea.md:4 infographic-alt',
      'src/content/tea.md:4 infographic-embed-anchor',
    ]);
  });

  it('on a built site with --sources: source infographics the page shows are judged at their source line', async () => {
    const root = tempSite({
      'src/content/tea.md': SOURCE,
      'dist/tea/index.html': page(
        '<p><img src="/img/tea.svg" alt="tea.svg"></p><p><img src="/img/steep.svg" alt="Steeping" title="Infographic: Steeping times"></p>',
      ),
      'dist/img/tea.svg': SVG,
      'dist/img/steep.svg': SVG,
    });
    const options: LintOptions = {
      root,
      outDir: 'dist',
      sources: ['src/content'],
      config: { site: 'https://tea.example', rules: RULES },
      configFile: false,
    };
    const before = await lint(options);
    // The title-marked image is marked in the built HTML too: its findings stay on the built page
    // (mapped like any other), the frontmatter one points at its entry.
    expect(infographicFindings(before.findings)).toEqual([
      'dist/tea/index.html:1 infographic-imageobject',
      'dist/tea/index.html:1 infographic-oembed-discovery',
      'src/content/tea.md:4 infographic-alt',
    ]);

    const result = await generateEmbeds({
      dir: join(root, 'dist'),
      origin: 'https://tea.example',
      siteName: 'Tea Notes',
      root,
      sources: ['src/content'],
    });
    expect(result.problems).toEqual([]);
    expect(result.embeds.map((embed) => embed.slug).sort()).toEqual([
      'steeping-times',
      'tea-by-the-numbers',
    ]);
    const html = readFileSync(join(root, 'dist/tea/index.html'), 'utf8');
    expect(html.split('data-linkworthy-embed').length - 1).toBe(2);
    const after = await lint(options);
    // The embed code now exists: its anchor (the title, a keyword here) is judged on the page.
    expect(infographicFindings(after.findings)).toEqual([
      'dist/tea/index.html:1 infographic-embed-anchor',
      'src/content/tea.md:4 infographic-alt',
    ]);
  });
});

import { isSuppressed, lint, parseControl } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

describe('parseControl', () => {
  it('reads remark-message-control comments and the linkworthy aliases', () => {
    expect(parseControl('<!-- lint disable broken-link broken-fragment -->')).toEqual({
      kind: 'disable',
      ruleIds: ['broken-link', 'broken-fragment'],
    });
    expect(parseControl('<!--lint enable-->')).toEqual({ kind: 'enable', ruleIds: [] });
    expect(parseControl('<!-- linkworthy-ignore orphan-page -->')).toEqual({
      kind: 'ignore',
      ruleIds: ['orphan-page'],
    });
    expect(parseControl('/* lint disable broken-link */', true)).toEqual({
      kind: 'disable',
      ruleIds: ['broken-link'],
    });
    expect(parseControl('<!-- lint skip broken-link -->')).toBeUndefined();
    expect(parseControl('<!-- a note about lint disable -->')).toBeUndefined();
    expect(parseControl('/* lint disable */')).toBeUndefined();
  });
});

describe('isSuppressed', () => {
  const controls = [
    { kind: 'disable' as const, ruleIds: [], line: 3 },
    { kind: 'enable' as const, ruleIds: ['broken-link'], line: 5 },
    { kind: 'enable' as const, ruleIds: [], line: 8 },
    { kind: 'ignore' as const, ruleIds: ['broken-link'], line: 10, until: 12 },
  ];

  it('applies disable and enable from their line on, per rule or for all rules', () => {
    expect(isSuppressed(controls, 2, 'broken-link')).toBe(false);
    expect(isSuppressed(controls, 3, 'broken-link')).toBe(true);
    expect(isSuppressed(controls, 4, 'orphan-page')).toBe(true);
    expect(isSuppressed(controls, 6, 'broken-link')).toBe(false);
    expect(isSuppressed(controls, 6, 'orphan-page')).toBe(true);
    expect(isSuppressed(controls, 9, 'orphan-page')).toBe(false);
  });

  it('ignores the next block only, for the rules it names', () => {
    expect(isSuppressed(controls, 11, 'broken-link')).toBe(true);
    expect(isSuppressed(controls, 12, 'broken-link')).toBe(true);
    expect(isSuppressed(controls, 13, 'broken-link')).toBe(false);
    expect(isSuppressed(controls, 11, 'orphan-page')).toBe(false);
  });

  it('never suppresses without controls or a line', () => {
    expect(isSuppressed(undefined, 4, 'broken-link')).toBe(false);
    expect(isSuppressed(controls, undefined, 'broken-link')).toBe(false);
  });
});

describe('extractMarkdown: controls', () => {
  it('records comments with their lines, and the end of the block an ignore covers', () => {
    const page = extractMarkdown(
      [
        '# Title', // 1
        '',
        '<!-- lint disable broken-link -->', // 3
        '',
        '<!-- linkworthy-ignore -->', // 5
        'A paragraph', // 6
        'on two lines.', // 7
        '',
        '<!-- just a comment -->', // 9
      ].join('\n'),
      { file: 'a.md' },
    );
    expect(page.controls).toEqual([
      { kind: 'disable', ruleIds: ['broken-link'], line: 3 },
      { kind: 'ignore', ruleIds: [], line: 5, until: 7 },
    ]);
  });

  it('reads MDX comment expressions', () => {
    const page = extractMarkdown(
      '# Title\n\n{/* lint ignore broken-link */}\n\n[a](./gone.mdx)\n\n{/* lint disable */}\n',
      { file: 'a.mdx' },
    );
    expect(page.controls).toEqual([
      { kind: 'ignore', ruleIds: ['broken-link'], line: 3, until: 5 },
      { kind: 'disable', ruleIds: [], line: 7 },
    ]);
  });

  it('records nothing on pages without controls', () => {
    expect(extractMarkdown('# Title\n\n<!-- note -->\n', { file: 'a.md' }).controls).toBe(
      undefined,
    );
  });
});

describe('lint: controls in sources', () => {
  const SOURCE = [
    '# First', // 1
    '',
    '<!-- lint ignore broken-link -->', // 3
    'See [gone](/gone/).', // 4
    '',
    'See [missing](/missing/) and [setup](/blog/second-post/#setpu).', // 6
    '',
    '<!-- lint disable broken-fragment -->', // 8
    '',
    'See [also](/blog/second-post/#nope) and [away](/away/).', // 10
    '',
  ].join('\n');

  it('drops findings the author turned off in source mode', async () => {
    const root = tempSite({
      // Source pages have no URL here: relative links to files.
      'docs/first.md': SOURCE.replaceAll('/blog/second-post/', './second.md').replace(
        /\(\/(\w+)\/\)/g,
        '(./$1.md)',
      ),
      'docs/second.md': '# Second\n\n## Setup\n',
    });
    const report = await lint({ root, sources: ['docs'], configFile: false });
    const lines = report.findings
      .filter((finding) => finding.ruleId.startsWith('broken-'))
      .map((finding) => `${finding.file ?? ''}:${finding.line ?? ''} ${finding.ruleId}`);
    expect(lines.sort()).toEqual([
      'docs/first.md:10 broken-link',
      'docs/first.md:6 broken-fragment',
      'docs/first.md:6 broken-link',
    ]);
  });

  it('drops findings on built pages traced to a source that turned them off', async () => {
    const root = tempSite({
      'src/content/blog/first-post.md': SOURCE,
      'src/content/blog/second-post.md': '# Second\n\n## Setup\n',
      'dist/blog/first-post/index.html': [
        '<main><h1 id="first">First</h1>',
        '<p>See <a href="/gone/">gone</a>.</p>',
        '<p>See <a href="/missing/">missing</a> and <a href="/blog/second-post/#setpu">setup</a>.</p>',
        '<p>See <a href="/blog/second-post/#nope">also</a> and <a href="/away/">away</a>.</p>',
        '</main>',
      ].join('\n'),
      'dist/blog/second-post/index.html':
        '<main><h1 id="second">Second</h1><h2 id="setup">Setup</h2></main>',
    });
    const report = await lint({
      root,
      outDir: 'dist',
      sources: ['src/content'],
      configFile: false,
    });
    const lines = report.findings
      .filter((finding) => finding.ruleId.startsWith('broken-'))
      .map((finding) => `${finding.file ?? ''}:${finding.line ?? ''} ${finding.ruleId}`);
    expect(lines.sort()).toEqual([
      'src/content/blog/first-post.md:10 broken-link',
      'src/content/blog/first-post.md:6 broken-fragment',
      'src/content/blog/first-post.md:6 broken-link',
    ]);
  });
});

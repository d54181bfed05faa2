import { docsUrl } from '@linkworthy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOf, linkworthyMessages, removeSite, runEngine, tempSite } from './helpers.js';

// a.md, b.md and guide.md are given; sub/c.md is only linked (from a.md).
const SITE = {
  'a.md': [
    '# Alpha', // 1
    '',
    'See [setup](./b.md#setpu) and [deep](./sub/c.md#deep-sectoin).', // 3
    '',
    'Read [the guide](./gide.md#intro).', // 5
    '',
    '[Top](#alpha), [B](./b.md#setup), [C](./sub/c.md#deep-section) and ![logo](./logo.png).', // 7
    '',
  ].join('\n'),
  'b.md': [
    '---',
    'title: Bravo',
    '---',
    '',
    '# Bravo',
    '',
    '## Setup',
    '',
    'Back to [alpha](./a.md#alpah).', // 9
    '',
  ].join('\n'),
  'guide.md': '# Guide\n\n## Intro\n',
  'sub/c.md':
    '# C\n\n## Deep section\n\nThis [link](./nowhere.md) is broken but c.md is not given.\n',
  'logo.png': 'not really a PNG',
};

describe('remark-linkworthy in unified-engine (remark-cli, language server)', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempSite(SITE);
  });
  afterAll(() => removeSite(root));

  it('reports cross-file problems on the right file and line, once each', async () => {
    // Three files of a larger folder: whether nothing links to guide.md (`orphan-page`) is not
    // this test's question.
    const { code, context } = await runEngine(root, ['a.md', 'b.md', 'guide.md'], {
      rules: { 'orphan-page': 'off' },
    });
    expect(code).toBe(1);

    const a = linkworthyMessages(fileOf(context.files, 'a.md'));
    expect(a).toEqual([
      {
        ruleId: 'broken-fragment',
        source: 'linkworthy',
        line: 3,
        column: 13, // the href itself, so an editor quick fix replaces exactly it
        fatal: true,
        actual: './b.md#setpu',
        expected: ['./b.md#setup'],
        url: docsUrl('broken-fragment'),
        reason: expect.stringContaining('`#setpu`') as string,
        note: expect.any(String) as string,
      },
      {
        ruleId: 'broken-fragment',
        source: 'linkworthy',
        line: 3,
        column: 38,
        fatal: true,
        actual: './sub/c.md#deep-sectoin',
        expected: ['./sub/c.md#deep-section'],
        url: docsUrl('broken-fragment'),
        reason: expect.stringContaining('`#deep-sectoin`') as string,
        note: expect.any(String) as string,
      },
      {
        ruleId: 'broken-link',
        source: 'linkworthy',
        line: 5,
        column: 18,
        fatal: true,
        actual: './gide.md#intro',
        expected: ['./guide.md#intro'],
        url: docsUrl('broken-link'),
        reason: expect.stringContaining('`./gide.md#intro`') as string,
        note: expect.any(String) as string,
      },
    ]);
    expect(docsUrl('broken-link')).toMatch(/^https:\/\/.+\/docs\/rules\/broken-link\.md$/);

    const b = linkworthyMessages(fileOf(context.files, 'b.md'));
    expect(b).toMatchObject([
      { ruleId: 'broken-fragment', line: 9, actual: './a.md#alpah', expected: ['./a.md#alpha'] },
    ]);
    expect(linkworthyMessages(fileOf(context.files, 'guide.md'))).toEqual([]);

    // The completer ran once for the whole set, not once per file: no duplicates anywhere.
    const all = context.files.flatMap((file) => file.messages);
    expect(all).toHaveLength(4);
  });

  it('reads a linked file that was not given from disk, and does not report on it', async () => {
    const { context } = await runEngine(root, ['a.md', 'b.md', 'guide.md']);
    // Reported files are the given ones only; sub/c.md was read from disk (its ids caught
    // `#deep-sectoin` above, with `#deep-section` as the suggestion), not added to the run.
    expect(context.files.map((file) => file.path)).toEqual(['a.md', 'b.md', 'guide.md']);
    expect(context.fileSet.valueOf().map((file) => file.path)).toEqual([
      'a.md',
      'b.md',
      'guide.md',
    ]);
  });

  it('adds linked files to the run when `wholeSite` is given', async () => {
    const { context } = await runEngine(root, ['a.md', 'b.md', 'guide.md'], { wholeSite: true });
    const all = context.fileSet.valueOf();
    const c = fileOf(all, 'sub/c.md');
    expect(c.data.linkworthy?.page.ids).toContain('deep-section');
    expect(c.messages).toEqual([]);
    // Files are added once even when several files link them.
    expect(all.map((file) => file.path).sort()).toEqual(['a.md', 'b.md', 'guide.md', 'sub/c.md']);
  });

  it('checks the one open file against the rest of the site, as the language server does', async () => {
    const { context } = await runEngine(root, ['b.md']);
    expect(context.files.map((file) => file.path)).toEqual(['b.md']);
    expect(linkworthyMessages(fileOf(context.files, 'b.md'))).toMatchObject([
      { ruleId: 'broken-fragment', line: 9, expected: ['./a.md#alpha'] },
    ]);
    // a.md was read from disk for its ids; its own problems stay unreported.
    expect(context.fileSet.valueOf()).toHaveLength(1);
  });

  it('maps severities to fatal: error → true, warn → false', async () => {
    const { code, context } = await runEngine(root, ['a.md'], {
      rules: { 'broken-link': 'warn', 'broken-fragment': 'off' },
    });
    expect(code).toBe(0);
    expect(linkworthyMessages(fileOf(context.files, 'a.md'))).toMatchObject([
      { ruleId: 'broken-link', line: 5, fatal: false },
    ]);
    const frail = await runEngine(
      root,
      ['a.md'],
      { rules: { 'broken-fragment': 'off' } },
      {
        frail: true,
      },
    );
    expect(frail.code).toBe(1);
  });

  it('reads linkworthy.config.* in the root, and plugin options override it', async () => {
    const site = await tempSite({
      ...SITE,
      'linkworthy.config.json': JSON.stringify({
        rules: { 'broken-fragment': 'warn', 'broken-link': 'off' },
        ignore: ['b.md'],
      }),
    });
    try {
      const { context } = await runEngine(site, ['a.md', 'b.md'], {
        rules: { 'broken-link': 'error' },
      });
      expect(
        linkworthyMessages(fileOf(context.files, 'a.md')).map((m) => [m.ruleId, m.fatal]),
      ).toEqual([
        ['broken-fragment', false],
        ['broken-fragment', false],
        ['broken-link', true],
      ]);
      // `ignore` globs are relative to the root.
      expect(fileOf(context.files, 'b.md').messages).toEqual([]);
    } finally {
      await removeSite(site);
    }
  });

  it('takes `root` relative to the cwd and leaves files outside it alone', async () => {
    const site = await tempSite({
      'docs/a.md': '# A\n\n[x](./b.md#nope)\n',
      'docs/b.md': '# B\n',
      'notes.md': '# Notes\n\n[y](#nope)\n',
    });
    try {
      const { context } = await runEngine(site, ['docs/a.md', 'notes.md'], {
        root: 'docs',
        rules: { 'orphan-page': 'off' },
      });
      expect(linkworthyMessages(fileOf(context.files, 'docs/a.md'))).toMatchObject([
        { ruleId: 'broken-fragment', line: 3, reason: expect.stringContaining('`b.md`') as string },
      ]);
      expect(fileOf(context.files, 'notes.md').messages).toEqual([]);
    } finally {
      await removeSite(site);
    }
  });
});

import { join } from 'node:path';
import remarkLinkworthy from 'remark-linkworthy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remark, remarkFrontmatter, VFile } from './deps.js';
import { linkworthyMessages, removeSite, tempSite } from './helpers.js';

const A = [
  '---',
  'title: Alpha',
  '---',
  '',
  '# Alpha',
  '',
  '## Usage',
  '',
  '[Usage](#usage), [typo](#usgae) and [nothing](#zzzzzzzzz).', // 9
  '',
  '[B](./b.md#anything), [logo](./img/logo.svg), [folder](./guide/).', // 11
  '',
  '[missing](./missing.md) and [outside](../../etc/passwd).', // 13
  '',
].join('\n');

describe('remark-linkworthy without unified-engine (plain `unified().process`)', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempSite({
      'a.md': A,
      'b.md': '# B\n',
      'img/logo.svg': '<svg/>',
      'guide/index.md': '# Guide\n',
    });
  });
  afterAll(() => removeSite(root));

  it('checks the file’s own fragments and its file links on disk', async () => {
    const file = new VFile({ cwd: root, path: join(root, 'a.md'), value: A });
    await remark().use(remarkFrontmatter).use(remarkLinkworthy).process(file);

    expect(linkworthyMessages(file)).toMatchObject([
      {
        ruleId: 'broken-fragment',
        line: 9,
        column: 25,
        actual: '#usgae',
        expected: ['#usage'],
        fatal: true,
      },
      { ruleId: 'broken-fragment', line: 9, actual: '#zzzzzzzzz', expected: undefined },
      { ruleId: 'broken-link', line: 13, actual: './missing.md', fatal: true },
      {
        ruleId: 'broken-link',
        line: 13,
        actual: '../../etc/passwd',
        reason: expect.stringContaining('site root') as string,
      },
    ]);
    // Fragments into other files are not checked alone: b.md is not read, only found to exist.
    expect(file.data.linkworthy?.page.file).toBe('a.md');
    expect(file.data.linkworthy?.existing).toEqual(['b.md', 'guide/index.md', 'img/logo.svg']);
  });

  it('does not change the tree (the language server formats through the same pipeline)', async () => {
    const processor = remark().use(remarkFrontmatter).use(remarkLinkworthy, { root });
    const file = new VFile({ cwd: root, path: join(root, 'a.md'), value: A });
    const tree = processor.parse(file);
    const before = structuredClone(tree);
    await processor.run(tree, file);
    expect(tree).toEqual(before);
    expect(linkworthyMessages(file)).toHaveLength(4);
    expect(String(await processor.process(new VFile({ path: join(root, 'a.md'), value: A })))).toBe(
      A,
    );
  });

  it('checks a file without a path against the cwd', async () => {
    const file = new VFile({
      cwd: root,
      value: '# Title\n\n[x](#titel) [y](./b.md) [z](./c.md)\n',
    });
    await remark().use(remarkLinkworthy).process(file);
    expect(linkworthyMessages(file).map((m) => [m.ruleId, m.actual, m.expected])).toEqual([
      ['broken-fragment', '#titel', ['#title']],
      // Alone, only the file itself is a page: no other file to suggest.
      ['broken-link', './c.md', undefined],
    ]);
  });

  it('reports infos and warnings from linkworthy.config.* with the matching fatal', async () => {
    const site = await tempSite({
      'a.md': '# A\n\n[x](#nope)\n',
      'linkworthy.config.mjs': "export default { rules: { 'broken-fragment': 'warn' } };\n",
    });
    try {
      const file = new VFile({ cwd: site, path: 'a.md', value: '# A\n\n[x](#nope)\n' });
      await remark().use(remarkLinkworthy).process(file);
      expect(linkworthyMessages(file)).toMatchObject([{ ruleId: 'broken-fragment', fatal: false }]);
    } finally {
      await removeSite(site);
    }
  });
});

import { join } from 'node:path';
import remarkLinkworthy, { type Options } from 'remark-linkworthy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remark, remarkFrontmatter, VFile } from './deps.js';
import { removeSite, tempSite } from './helpers.js';

const NOTE = '# Notes\n\nSome thoughts on builds: they got 35% faster.\n';
const RICH = [
  '---',
  'title: How fast are static site builds?',
  'author: Ada',
  'date: 2025-01-01',
  '---',
  '',
  '# How fast are static site builds?',
  '',
  'A static site build is the step that turns sources into pages.',
  '',
  '## Summary',
  '',
  'See the [survey](https://example.gov/survey) and the [standard](https://www.w3.org/TR/x/).',
  '',
].join('\n');

describe('remark-linkworthy: linkability', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempSite({ 'note.md': NOTE, 'rich.md': RICH });
  });
  afterAll(() => removeSite(root));

  async function messages(name: string, value: string, rules: NonNullable<Options['rules']>) {
    const file = new VFile({ cwd: root, path: join(root, name), value });
    await remark().use(remarkFrontmatter).use(remarkLinkworthy, { rules }).process(file);
    return file.messages.map((message) => ({
      ruleId: message.ruleId,
      line: message.line,
      reason: message.reason,
      fatal: message.fatal,
    }));
  }

  it('reports a low score and the unsupported figure at their lines', async () => {
    const found = await messages('note.md', NOTE, {
      linkability: 'warn',
      'unsupported-statistic': 'info',
    });
    expect(found).toMatchObject([
      { ruleId: 'linkability', line: 1, fatal: false },
      { ruleId: 'unsupported-statistic', line: 3, fatal: undefined },
    ]);
    expect(found[0]!.reason).toMatch(/^Linkability `\d+`\/100 \(guide, hard to link to\)/);
  });

  it('gives one summary message (info) per file above the minimum', async () => {
    const found = await messages('rich.md', RICH, { linkability: 'warn' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'linkability', line: 7, fatal: undefined });
    expect(found[0]!.reason).toMatch(/^Linkability `\d+`\/100 \(\w+, [a-z -]+\)\. Biggest gains: /);
  });

  it('is silent while the rule is off (the default)', async () => {
    expect(await messages('rich.md', RICH, {})).toEqual([]);
  });
});

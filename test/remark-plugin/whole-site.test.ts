import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Options } from 'remark-linkworthy';
import { fileOf, linkworthyMessages, removeSite, runEngine, tempSite } from './helpers.js';

// index.md links to a.md; lonely.md is linked from nowhere: an orphan of the whole site.
const SITE = {
  'index.md': '# Home\n\nRead [A](./a.md).\n',
  'a.md': '# A\n\nBack [home](./index.md).\n',
  'lonely.md': '# Lonely\n\nBack [home](./index.md).\n',
};

// In Markdown alone the navigation is not visible; this docs folder's links are its navigation.
const rules: NonNullable<Options['rules']> = { 'orphan-page': ['warn', { checkSources: true }] };

describe('rules that need the whole site (remark-linkworthy)', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempSite(SITE);
  });
  afterAll(() => removeSite(root));

  const orphans = (files: Parameters<typeof fileOf>[0], path: string) =>
    linkworthyMessages(fileOf(files, path)).filter((message) => message.ruleId === 'orphan-page');

  it('run when remark-cli is given the site', async () => {
    const { context } = await runEngine(root, ['index.md', 'a.md', 'lonely.md'], { rules });
    expect(orphans(context.files, 'lonely.md')).toHaveLength(1);
    expect(orphans(context.files, 'a.md')).toHaveLength(0);
  });

  it('are skipped for one file, as the language server lints it', async () => {
    const { context } = await runEngine(root, ['a.md'], { rules });
    expect(orphans(context.files, 'a.md')).toEqual([]);
  });

  it('follow the wholeSite option when given', async () => {
    const partial = await runEngine(root, ['index.md', 'a.md', 'lonely.md'], {
      rules,
      wholeSite: false,
    });
    expect(orphans(partial.context.files, 'lonely.md')).toEqual([]);
    const whole = await runEngine(root, ['lonely.md'], { rules, wholeSite: true });
    expect(orphans(whole.context.files, 'lonely.md')).toHaveLength(1);
  });
});

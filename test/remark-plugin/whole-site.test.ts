import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('run for one file too, as the language server lints it: the rest is read from disk', async () => {
    const one = await runEngine(root, ['lonely.md'], { rules });
    expect(orphans(one.context.files, 'lonely.md')).toHaveLength(1);
    const linked = await runEngine(root, ['a.md'], { rules });
    expect(orphans(linked.context.files, 'a.md')).toEqual([]);
  });

  it('run again when a file on disk changes (the language server keeps their findings)', async () => {
    const site = await tempSite(SITE);
    try {
      const before = await runEngine(site, ['lonely.md'], { rules });
      expect(orphans(before.context.files, 'lonely.md')).toHaveLength(1);
      // index.md, which lonely.md links to, now links back: lonely.md is no orphan any more.
      writeFileSync(join(site, 'index.md'), '# Home\n\nRead [A](./a.md) and [L](./lonely.md).\n');
      utimesSync(join(site, 'index.md'), new Date(), new Date(Date.now() + 5_000));
      const after = await runEngine(site, ['lonely.md'], { rules });
      expect(orphans(after.context.files, 'lonely.md')).toEqual([]);
    } finally {
      await removeSite(site);
    }
  });

  it('are skipped for one file when `wholeSite` is false', async () => {
    const { context } = await runEngine(root, ['lonely.md'], { rules, wholeSite: false });
    expect(orphans(context.files, 'lonely.md')).toEqual([]);
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

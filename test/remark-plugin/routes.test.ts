import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOf, linkworthyMessages, removeSite, runEngine, tempSite } from './helpers.js';

const SITE = {
  'linkworthy.config.json': JSON.stringify({
    routes: [{ pattern: 'blog/*.md', url: '/blog/[slug]/' }],
  }),
  'blog/first.md': '# First\n\nSee [second](/blog/second/#setup) and [bad](/blog/second/#setpu).\n',
  'blog/second.md':
    '# Second\n\n## Setup\n\nBack to [first](/blog/first/) and [gone](/blog/gone/).\n',
};

describe('remark-linkworthy: `routes` in the config', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempSite(SITE);
  });
  afterAll(() => removeSite(root));

  it('checks root-relative links between the files of the run', async () => {
    const { context } = await runEngine(root, ['blog/first.md', 'blog/second.md'], {
      rules: { 'orphan-page': 'off', 'dead-end-page': 'off' },
    });
    const broken = (path: string) =>
      linkworthyMessages(fileOf(context.files, path))
        .filter((message) => message.ruleId?.startsWith('broken-'))
        .map(
          (message) => `${String(message.line)} ${message.ruleId ?? ''} ${message.actual ?? ''}`,
        );
    expect(broken('blog/first.md')).toEqual(['3 broken-fragment /blog/second/#setpu']);
    expect(broken('blog/second.md')).toEqual(['5 broken-link /blog/gone/']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOf, linkworthyMessages, removeSite, runEngine, tempSite } from './helpers.js';

// Cross-file messages are added by the FileSet completer, after unified's message control ran:
// the plugin applies `<!-- lint … -->` comments itself.
const SITE = {
  'a.md': [
    '# Alpha', // 1
    '',
    '[one](./b.md#nope1)', // 3
    '',
    '<!-- lint disable broken-fragment -->', // 5
    '',
    '[two](./b.md#nope2) and [gone](./gone.md)', // 7
    '',
    '<!-- lint enable broken-fragment -->', // 9
    '',
    '<!-- linkworthy-ignore -->', // 11
    '[three](./b.md#nope3)', // 12
    '',
    '[four](./b.md#nope4)', // 14
    '',
  ].join('\n'),
  'b.md': '# Bravo\n\nBack to [alpha](./a.md).\n',
};

describe('remark-linkworthy: lint disable/enable/ignore comments', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempSite(SITE);
  });
  afterAll(() => removeSite(root));

  it('drops the messages the comments turn off, and only those', async () => {
    const { context } = await runEngine(root, ['a.md', 'b.md'], {
      rules: { 'orphan-page': 'off' },
    });
    const messages = linkworthyMessages(fileOf(context.files, 'a.md')).map(
      ({ ruleId, line }) => `${String(line)}:${String(ruleId)}`,
    );
    expect(messages.filter((message) => !message.endsWith(':linkability'))).toEqual([
      '3:broken-fragment',
      '7:broken-link',
      '14:broken-fragment',
    ]);
  });
});

import { ConfigError } from '@linkworthy/core';
import remarkLinkworthy, { type Options } from 'remark-linkworthy';
import { describe, expect, it } from 'vitest';
import { remark, VFile } from './deps.js';
import { removeSite, runEngine, tempSite } from './helpers.js';

/** Attaching happens when the processor freezes: on the first `process`. */
async function attach(options: unknown): Promise<unknown> {
  try {
    await remark()
      .use(remarkLinkworthy, options as Options)
      .process(new VFile({ value: '# A\n' }));
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('remark-linkworthy options', () => {
  it.each([
    [
      { rules: { 'broken-lnk': 'error' } },
      'rules.broken-lnk: unknown rule. Did you mean `broken-link`?',
    ],
    [{ rules: { 'broken-link': 'loud' } }, 'rules.broken-link'],
    [{ rules: { 'broken-link': ['error', { ignore: '*.pdf' }] } }, 'rules.broken-link[1].ignore'],
    [{ rules: { 'broken-link': ['error', { ignored: [] }] } }, 'unknown option `ignored`'],
    [{ bsae: '/docs/' }, 'unknown option `bsae`. Did you mean `base`?'],
    [{ base: 'docs' }, 'base'],
    [{ root: 42 }, 'root: expected a path to the site root'],
    ['error', 'expected an object of options'],
  ])('rejects %j with a message naming the key', async (options, expected) => {
    const error = await attach(options);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('Invalid linkworthy configuration (remark-linkworthy options):');
    expect(message).toContain(expected);
  });

  it('accepts valid options and no options', async () => {
    expect(await attach(undefined)).toBeUndefined();
    expect(
      await attach({
        root: '.',
        site: 'https://example.com',
        base: '/docs/',
        ignore: ['drafts/**'],
        rules: { 'broken-link': ['warn', { ignore: ['*.pdf'] }], 'broken-fragment': 'off' },
      }),
    ).toBeUndefined();
  });

  it('fails every file of a unified-engine run with the configuration error', async () => {
    const root = await tempSite({ 'a.md': '# A\n' });
    try {
      const { code, context } = await runEngine(root, ['a.md'], {
        rules: { 'broken-lnk': 'error' },
      });
      expect(code).toBe(1);
      const [message] = context.files[0]!.messages;
      expect(message?.fatal).toBe(true);
      expect(message?.cause).toBeInstanceOf(ConfigError);
    } finally {
      await removeSite(root);
    }
  });
});

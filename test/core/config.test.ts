import { ConfigError, resolveConfig } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('turns on the recommended rules at their default severity', () => {
    const config = resolveConfig([]);
    expect(config.rules.map((rule) => [rule.rule.id, rule.severity])).toEqual([
      ['broken-link', 'error'],
      ['broken-fragment', 'error'],
      ['parse-error', 'warn'],
      ['orphan-page', 'warn'],
      ['unreachable-page', 'warn'],
      ['click-depth', 'warn'],
      ['dead-end-page', 'warn'],
      ['nofollow-internal-link', 'warn'],
      ['non-descriptive-anchor', 'warn'],
      ['removed-url', 'warn'],
      ['removed-fragment', 'warn'],
      ['redirected-link', 'warn'],
      ['not-in-sitemap', 'warn'],
      ['sitemap-non-indexable', 'warn'],
      ['infographic-embed-absolute-urls', 'error'],
      ['infographic-embed-link-target', 'error'],
      ['infographic-embed-anchor', 'warn'],
      ['infographic-embed-dimensions', 'error'],
      ['infographic-embed-plain-html', 'warn'],
      ['infographic-alt', 'warn'],
      ['infographic-oembed-discovery', 'warn'],
      ['infographic-imageobject', 'warn'],
      ['infographic-crawlable', 'warn'],
      ['infographic-embed-well-formed', 'error'],
      ['infographic-embed-link-visible', 'error'],
      ['infographic-embed-stable-image', 'warn'],
    ]);
    expect(config.base).toBe('/');
  });

  it('merges layers like ESLint: a bare severity keeps earlier options', () => {
    const config = resolveConfig([
      { origin: 'file', config: { rules: { 'broken-link': ['warn', { ignore: ['/api/**'] }] } } },
      {
        origin: 'options',
        config: { rules: { 'broken-link': 'error', 'broken-fragment': 'off' } },
      },
    ]);
    const brokenLink = config.rules.find((rule) => rule.rule.id === 'broken-link');
    expect(brokenLink).toMatchObject({ severity: 'error', options: { ignore: ['/api/**'] } });
    expect(config.rules.some((rule) => rule.rule.id === 'broken-fragment')).toBe(false);
  });

  it('names the key path, what was expected, and a did-you-mean', () => {
    const unknownRule = errorOf(() =>
      resolveConfig([
        { origin: 'linkworthy.config.mjs', config: { rules: { 'broken-lnk': 'error' } } },
      ]),
    );
    expect(unknownRule.message).toContain(
      'Invalid linkworthy configuration (linkworthy.config.mjs):',
    );
    expect(unknownRule.message).toContain(
      'rules.broken-lnk: unknown rule. Did you mean `broken-link`?',
    );

    const unknownKey = errorOf(() =>
      resolveConfig([{ origin: 'options', config: { bsae: '/x/' } }]),
    );
    expect(unknownKey.message).toContain('unknown option `bsae`. Did you mean `base`?');

    const badSeverity = errorOf(() =>
      resolveConfig([{ origin: 'options', config: { rules: { 'broken-link': 'fatal' } } }]),
    );
    expect(badSeverity.issues[0]!.path).toBe('rules.broken-link');
    expect(badSeverity.issues[0]!.message).toBe(
      `expected a severity ('off', 'info', 'warn', 'error') or [severity, options], received "fatal".`,
    );
    expect(
      resolveConfig([
        { origin: 'options', config: { rules: { 'link-suggestion': 'info' } } },
      ]).rules.find((rule) => rule.rule.id === 'link-suggestion')?.severity,
    ).toBe('info');

    const badOption = errorOf(() =>
      resolveConfig([
        { origin: 'options', config: { rules: { 'broken-link': ['error', { ignore: 'x' }] } } },
      ]),
    );
    expect(badOption.issues[0]!.path).toBe('rules.broken-link[1].ignore');
    expect(badOption.message).toMatch(/expected array/);

    const badSite = errorOf(() =>
      resolveConfig([{ origin: 'options', config: { site: 'example.com' } }]),
    );
    expect(badSite.issues[0]!.path).toBe('site');
  });
});

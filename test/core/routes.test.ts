import { ConfigError, lint, resolveConfig, routeFiles } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

describe('routeFiles', () => {
  it('gives files the URL of the first matching route: [slug] under the base, index → folder', () => {
    const route = routeFiles([
      { pattern: 'src/content/blog/**/*.md', url: '/blog/[slug]/' },
      { pattern: 'content/**/*.md', url: '/[slug]/' },
      { pattern: 'about.md', url: '/about-us/' },
    ]);
    expect(route('src/content/blog/first-post.md')).toBe('/blog/first-post/');
    expect(route('src/content/blog/2024/recap.md')).toBe('/blog/2024/recap/');
    expect(route('src/content/blog/index.md')).toBe('/blog/');
    expect(route('content/docs/guide/index.md')).toBe('/docs/guide/');
    expect(route('content/index.md')).toBe('/');
    expect(route('about.md')).toBe('/about-us/');
    expect(route('README.md')).toBeUndefined();
  });
});

describe('config: routes', () => {
  it('is validated strictly', () => {
    expect(() =>
      resolveConfig([{ origin: 'test', config: { routes: [{ pattern: '*.md' }] } }]),
    ).toThrow(ConfigError);
    expect(() =>
      resolveConfig([{ origin: 'test', config: { routes: [{ pattern: '*.md', url: 'blog/' }] } }]),
    ).toThrow(ConfigError);
    expect(() =>
      resolveConfig([
        { origin: 'test', config: { routes: [{ pattern: '*.md', url: '/[slug]/', slug: 'x' }] } },
      ]),
    ).toThrow(ConfigError);
    expect(
      resolveConfig([
        { origin: 'test', config: { routes: [{ pattern: '*.md', url: '/[slug]/' }] } },
      ]).routes,
    ).toEqual([{ pattern: '*.md', url: '/[slug]/' }]);
  });
});

describe('lint: routes in source mode', () => {
  it('checks root-relative links between sources', async () => {
    const root = tempSite({
      'linkworthy.config.json': JSON.stringify({
        routes: [{ pattern: 'src/content/blog/*.md', url: '/blog/[slug]/' }],
      }),
      'src/content/blog/first-post.md':
        '# First\n\nSee [second](/blog/second-post/#setup), [bad](/blog/second-post/#setpu) and [gone](/blog/gone/).\n',
      'src/content/blog/second-post.md':
        '# Second\n\n## Setup\n\nBack to [first](/blog/first-post/).\n',
    });
    const report = await lint({ root, sources: ['src/content'] });
    expect(
      report.findings
        .filter((finding) => finding.ruleId.startsWith('broken-'))
        .map((finding) => `${finding.line ?? ''} ${finding.ruleId} ${finding.target ?? ''}`)
        .sort(),
    ).toEqual(['3 broken-fragment /blog/second-post/#setpu', '3 broken-link /blog/gone/']);
    expect(report.pages.map((page) => page.url).sort()).toEqual([
      '/blog/first-post/',
      '/blog/second-post/',
    ]);
  });
});

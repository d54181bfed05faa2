import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import linkworthy from '@linkworthy/astro';
import type { LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

const silent = {
  label: '@linkworthy/astro',
  options: {},
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  fork: () => silent,
};

async function call(hook: unknown, params: Record<string, unknown>): Promise<void> {
  await (hook as (params: Record<string, unknown>) => unknown)(params);
}

describe('@linkworthy/astro passes trailingSlash, redirects and i18n to the core', () => {
  it('resolves links the way the Astro config says the site is served', async () => {
    const root = tempSite({
      'dist/index.html': [
        '<a href="/about">About</a>',
        '<a href="/old/">Old</a>',
        '<a href="/posts/hello/">Hello</a>',
        '<a href="/fr/about/">À propos</a>',
        '<a href="/de/about/">Über uns</a>',
      ].join('\n'),
      'dist/about/index.html': '<h1>About</h1>',
      'dist/blog/hello/index.html': '<h1>Hello</h1>',
    });
    const rootUrl = pathToFileURL(`${root}/`);
    const integration = linkworthy({ failOn: 'never', report: 'report.json' });
    await call(integration.hooks['astro:config:setup'], {
      command: 'build',
      logger: silent,
      config: {
        root: rootUrl,
        srcDir: new URL('src/', rootUrl),
        outDir: new URL('dist/', rootUrl),
        base: '/',
        trailingSlash: 'always',
        redirects: {
          '/old': '/about/',
          '/posts/[slug]': { status: 302, destination: '/blog/[slug]/' },
        },
        i18n: {
          locales: ['en', 'fr', { path: 'de', codes: ['de-DE'] }],
          defaultLocale: 'en',
          fallback: { fr: 'en' },
          routing: { prefixDefaultLocale: false },
        },
        build: { format: 'directory' },
      },
    });
    await call(integration.hooks['astro:build:done'], {
      dir: new URL('dist/', rootUrl),
      pages: [],
      logger: silent,
    });
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as LintReport;
    const found = report.findings
      .filter((finding) => ['broken-link', 'redirected-link'].includes(finding.ruleId))
      .map((finding) => `${finding.line ?? ''} ${finding.ruleId}/${finding.messageId}`);
    expect(found).toEqual([
      '1 redirected-link/trailingSlash',
      '2 redirected-link/redirected',
      '3 redirected-link/redirected',
      // `fr` falls back to English; `de` has no fallback in Astro's config.
      '5 broken-link/missing',
    ]);
  });
});

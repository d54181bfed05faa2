import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import linkworthy, { logBlocks, type LinkworthyAstroOptions } from '@linkworthy/astro';
import type { LintReport } from '@linkworthy/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  pageSources,
  routeFilesOfBuiltPages,
} from '../../packages/astro-integration/src/routes.js';
import { fakeLogger } from '../support/astro-logger.js';

const root = fileURLToPath(new URL('fixtures/blog/', import.meta.url));
const rootUrl = pathToFileURL(root.endsWith('/') ? root : `${root}/`);
const buildUrl = new URL('build/', rootUrl);

const routes = [
  { pattern: '/', entrypoint: 'src/pages/index.astro', pathname: '/' },
  { pattern: '/about', entrypoint: 'src/pages/about.md', pathname: '/about' },
  { pattern: '/blog/[...slug]', entrypoint: 'src/pages/blog/[...slug].astro' },
  { pattern: '/_image', entrypoint: 'astro/assets/endpoint/generic', type: 'endpoint' as const },
].map((route) => ({
  type: 'page' as const,
  origin: 'project' as const,
  isPrerendered: true,
  params: [],
  segments: [],
  fallbackRoutes: [],
  ...route,
}));

const assets = new Map<string, URL[]>([
  ['/', [new URL('index.html', buildUrl)]],
  ['/about', [new URL('about/index.html', buildUrl)]],
  [
    '/blog/[...slug]',
    [
      new URL('blog/first-post/index.html', buildUrl),
      new URL('blog/second-post/index.html', buildUrl),
    ],
  ],
]);

/** Calls a hook the way Astro does; the fixtures carry only the fields the integration reads. */
async function call(hook: unknown, params: Record<string, unknown>): Promise<void> {
  await (hook as (params: Record<string, unknown>) => unknown)(params);
}

/** Runs the integration's hooks in Astro's order over the fixture project. */
async function build(options?: LinkworthyAstroOptions, command = 'build', cacheDir?: URL) {
  // No reports in the fixture folder unless a test asks for them.
  const integration = linkworthy({ report: false, ...options });
  const { logger, messages } = fakeLogger();
  const { hooks } = integration;
  await call(hooks['astro:config:setup'], {
    command,
    isRestart: false,
    logger,
    updateConfig: () => ({}),
    addDevToolbarApp: () => undefined,
    config: {
      root: rootUrl,
      srcDir: new URL('src/', rootUrl),
      publicDir: new URL('public/', rootUrl),
      outDir: buildUrl,
      site: 'https://fixture.example',
      base: '/',
      trailingSlash: 'ignore',
      build: { format: 'directory' },
      ...(cacheDir ? { cacheDir } : {}),
    },
  });
  await call(hooks['astro:routes:resolved'], { routes: routes.slice(0, 1), logger });
  await call(hooks['astro:routes:resolved'], { routes, logger });
  let error: unknown;
  try {
    await call(hooks['astro:build:done'], {
      dir: buildUrl,
      pages: [{ pathname: '' }, { pathname: 'about/' }],
      assets,
      logger,
    });
  } catch (caught) {
    error = caught;
  }
  return { integration, messages, error };
}

const temp = mkdtempSync(join(tmpdir(), 'linkworthy-astro-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('@linkworthy/astro hooks', () => {
  it('is an Astro integration with the five hooks it needs', () => {
    const integration = linkworthy();
    expect(integration.name).toBe('@linkworthy/astro');
    expect(Object.keys(integration.hooks).sort()).toEqual([
      'astro:build:done',
      'astro:build:start',
      'astro:config:setup',
      'astro:routes:resolved',
      'astro:server:setup',
    ]);
  });

  it('keeps the facts cache in Astro’s cacheDir when it analyses on Astro’s thread', async () => {
    // No `astro:build:start` here, so no analysis thread: the analysis runs in the hook.
    const cacheDir = pathToFileURL(`${join(temp, 'astro-cache')}/`);
    const { error } = await build({ failOn: 'never' }, 'build', cacheDir);
    expect(error).toBeUndefined();
    expect(existsSync(join(temp, 'astro-cache/linkworthy-facts.json'))).toBe(true);
  });

  it('logs one block per file and severity, each line `file:line:col  message  (ruleId)`', async () => {
    const { messages, error } = await build({ failOn: 'never' });
    expect(error).toBeUndefined();
    const errors = messages
      .filter((entry) => entry.level === 'error')
      .map((entry) => entry.message);
    expect(errors).toHaveLength(4);
    // Files in the report's order (sorted by the core), one logger call each.
    expect(errors.map((message) => message.split(/:| {2}/)[0])).toEqual([
      'src/content/blog/first-post.md',
      'src/content/blog/second-post.md',
      'src/pages/about.md',
      'src/pages/index.astro',
    ]);
    for (const message of errors) {
      for (const line of message.split('\n')) {
        expect(line).toMatch(/^\S+(:\d+:\d+)? {2}.+ {2}\((broken-link|broken-fragment)\)$/);
      }
    }
    expect(messages.at(-1)).toEqual({
      level: 'info',
      message: expect.stringMatching(
        /^linkworthy: 4 errors, 0 warnings in 4 pages and \d+ links \(\d+ ms\)$/,
      ) as unknown,
    });
  });

  it('points a finding on a page built from Markdown at the .md file and line', async () => {
    const { messages } = await build({ failOn: 'never' });
    const text = messages.map((entry) => entry.message).join('\n');
    // A collection entry rendered by `[...slug].astro`: traced by slug and content.
    expect(text).toContain(
      'src/content/blog/first-post.md:9:10  Broken fragment `#setup-guide`: `/blog/second-post/` has no element with that id.',
    );
    expect(text).toMatch(
      /src\/content\/blog\/second-post\.md:11:10 {2}Broken link to `\/blog\/missing-post\/`.*\(broken-link\)/,
    );
    // A Markdown page, mapped through astro:routes:resolved and assets.
    expect(text).toMatch(
      /src\/pages\/about\.md:8:14 {2}Broken fragment `#next-step`.*Did you mean `#next-steps`\?.*\(broken-fragment\)/,
    );
  });

  it('points a finding on a page of an .astro route at the route file', async () => {
    const { messages } = await build({ failOn: 'never', report: join(temp, 'routes.json') });
    const text = messages.map((entry) => entry.message).join('\n');
    // The minified HTML's line means nothing in the .astro file: no line, the route file.
    expect(text).toMatch(/^src\/pages\/index\.astro {2}Broken link to `\/contact\/`/m);
    expect(text).not.toContain('build/index.html');
    const report = JSON.parse(readFileSync(join(temp, 'routes.json'), 'utf8')) as LintReport;
    const finding = report.findings.find((item) => item.target === '/contact/')!;
    expect(finding).toMatchObject({ file: 'src/pages/index.astro', url: '/' });
    expect(finding.line).toBeUndefined();
    expect(finding.data?.built).toMatch(/^build\/index\.html:\d+:\d+$/);
    expect(report.pages.find((page) => page.url === '/')?.source).toBe('src/pages/index.astro');
  });

  it('logs warnings through logger.warn, separately from errors in the same file', async () => {
    const { messages, error } = await build({ rules: { 'broken-link': 'warn' } });
    const warnings = messages.filter((entry) => entry.level === 'warn');
    expect(warnings.map((entry) => entry.message.split(/:| {2}/)[0])).toEqual([
      'src/content/blog/second-post.md',
      'src/pages/index.astro',
    ]);
    expect(warnings[0]!.message).toContain('(broken-link)');
    expect(messages.find((entry) => entry.message.startsWith('linkworthy: '))?.message).toMatch(
      /^linkworthy: 2 errors, 2 warnings in 4 pages/,
    );
    // failOn defaults to 'error': the two broken fragments still fail the build.
    expect(error).toBeDefined();
  });

  it("throws an AstroError with a hint when failOn 'error' is met", async () => {
    const { error } = await build();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'AstroUserError',
      type: 'AstroUserError',
      message: expect.stringContaining('linkworthy found 4 errors in the built site') as unknown,
      hint: expect.stringContaining("failOn: 'never'") as unknown,
    });
  });

  it("fails on warnings with failOn 'warn', and never with failOn 'never'", async () => {
    const warn = await build({ failOn: 'warn', rules: { 'broken-link': 'warn' } });
    expect(warn.error).toMatchObject({
      message: expect.stringContaining('2 errors and 2 warnings') as unknown,
    });
    const quiet = await build({
      failOn: 'warn',
      rules: { 'broken-link': 'off', 'broken-fragment': 'off' },
    });
    expect(quiet.error).toBeUndefined();
    expect((await build({ failOn: 'never' })).error).toBeUndefined();
  });

  it('writes the JSON report when `report` is set, even when the build then fails', async () => {
    const path = join(temp, 'reports/linkworthy.json');
    const { messages, error } = await build({ report: path });
    expect(error).toBeDefined();
    const report = JSON.parse(readFileSync(path, 'utf8')) as LintReport;
    expect(report.summary).toMatchObject({ pages: 4, errors: 4, warnings: 0 });
    expect(report.pages.find((page) => page.url === '/about/')?.source).toBe('src/pages/about.md');
    expect(messages.some((entry) => entry.message.includes('wrote the report to'))).toBe(true);
    // A string names the JSON report; the HTML report goes beside it.
    expect(readFileSync(join(temp, 'reports/linkworthy.html'), 'utf8')).toMatch(
      /^<!doctype html>/i,
    );
  });

  it('only analyses `astro build`, not `astro sync` or `astro dev`', async () => {
    const { messages, error } = await build(undefined, 'sync');
    expect(messages).toEqual([]);
    expect(error).toBeUndefined();
  });

  it('uses only the source folders it is given', async () => {
    const { messages } = await build({ failOn: 'never', sources: ['src/pages'] });
    const files = messages
      .filter((entry) => entry.level === 'error')
      .map((entry) => entry.message.split(/:| {2}/)[0]);
    expect(files).toContain('src/pages/about.md');
    // Without the collection's Markdown, the post's findings go to the route that rendered it.
    expect(files).toContain('src/pages/blog/[...slug].astro');
    expect(files).not.toContain('src/content/blog/first-post.md');
  });
});

describe('@linkworthy/astro options', () => {
  const invalid = (options: unknown) => () => linkworthy(options as LinkworthyAstroOptions);

  it('rejects an unknown key with a did-you-mean', () => {
    expect(invalid({ failon: 'never' })).toThrow(
      /failon: unknown option\. Did you mean `failOn`\?/,
    );
  });

  it('rejects a bad failOn or report value, naming the key', () => {
    expect(invalid({ failOn: 'always' })).toThrow(
      /failOn: expected one of 'error', 'warn', 'never', received 'always'/,
    );
    expect(invalid({ report: true })).toThrow(
      /report: expected a file path .* received boolean true/,
    );
  });

  it('points site and base at the Astro config', () => {
    expect(invalid({ site: 'https://x.example' })).toThrow(
      /site: the integration uses Astro’s `site`/,
    );
  });

  it('validates rules with the core schema', () => {
    expect(invalid({ rules: { 'broken-links': 'error' } })).toThrow(
      /rules\.broken-links: unknown rule\. Did you mean `broken-link`\?/,
    );
    expect(invalid({ rules: { 'broken-link': 'loud' } })).toThrow(/rules\.broken-link/);
    expect(invalid({ sources: 'src/content' })).toThrow(/sources/);
  });

  it('throws an AstroError with a hint', () => {
    let error: unknown;
    try {
      linkworthy({ failOn: 'sometimes' } as unknown as LinkworthyAstroOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      type: 'AstroUserError',
      message: expect.stringContaining('Invalid linkworthy configuration') as unknown,
      hint: expect.stringContaining('linkworthy()') as unknown,
    });
  });
});

describe('route → source mapping', () => {
  const dir = fileURLToPath(buildUrl);

  it('maps Markdown page routes through the built files Astro reports', () => {
    expect([...pageSources(routes, { root, dir, assets })]).toEqual([
      ['/about/', 'src/pages/about.md'],
    ]);
  });

  it('gives built files relative to the build folder, escaped characters and all', () => {
    const pages = [
      { pattern: '/tags/[tag]', entrypoint: 'src/pages/tags/[tag].astro', type: 'page' as const },
    ].map((route) => ({ ...route, origin: 'project' as const }));
    const built = new Map<string, URL[]>([
      [
        '/tags/[tag]',
        [
          new URL('tags/astro/index.html', buildUrl),
          new URL('tags/caf%C3%A9%20au%20lait/index.html', buildUrl),
          new URL('tags/astro/feed.xml', buildUrl),
        ],
      ],
    ]);
    expect([...routeFilesOfBuiltPages(pages, { root, dir, assets: built })]).toEqual([
      ['tags/astro/index.html', 'src/pages/tags/[tag].astro'],
      ['tags/café au lait/index.html', 'src/pages/tags/[tag].astro'],
    ]);
  });

  it('falls back to the pathname and build.format without assets', () => {
    const pages = [
      { pattern: '/about', entrypoint: 'src/pages/about.md', pathname: '/about' },
      { pattern: '/guide', entrypoint: 'src/pages/guide/index.mdx', pathname: '/guide' },
      { pattern: '/ext', entrypoint: 'node_modules/x/ext.md', pathname: '/ext' },
    ].map((route) => ({
      ...route,
      type: 'page' as const,
      origin: route.pattern === '/ext' ? ('external' as const) : ('project' as const),
    }));
    expect(Object.fromEntries(pageSources(pages, { root, dir }))).toEqual({
      '/about/': 'src/pages/about.md',
      '/guide/': 'src/pages/guide/index.mdx',
    });
    expect(Object.fromEntries(pageSources(pages, { root, dir, buildFormat: 'file' }))).toEqual({
      '/about.html': 'src/pages/about.md',
      '/guide.html': 'src/pages/guide/index.mdx',
    });
    expect(Object.fromEntries(pageSources(pages, { root, dir, buildFormat: 'preserve' }))).toEqual({
      '/about.html': 'src/pages/about.md',
      '/guide/': 'src/pages/guide/index.mdx',
    });
  });
});

describe('logBlocks', () => {
  it('pads locations within a block and keeps findings without a line', () => {
    const docs = 'https://example.invalid';
    const blocks = logBlocks([
      {
        ruleId: 'a',
        messageId: 'm',
        severity: 'error',
        message: 'One',
        file: 'x.md',
        line: 3,
        column: 1,
        docs,
      },
      {
        ruleId: 'b',
        messageId: 'm',
        severity: 'error',
        message: 'Two',
        file: 'x.md',
        line: 12,
        column: 10,
        docs,
      },
      { ruleId: 'c', messageId: 'm', severity: 'info', message: 'Three', url: '/y/', docs },
    ]);
    expect(blocks).toEqual([
      { severity: 'error', file: 'x.md', message: 'x.md:3:1    One  (a)\nx.md:12:10  Two  (b)' },
      { severity: 'info', file: '/y/', message: '/y/  Three  (c)' },
    ]);
  });
});

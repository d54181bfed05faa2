import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import linkworthy, {
  topPages,
  topPagesText,
  type DevPageReport,
  type LinkworthyAstroOptions,
} from '@linkworthy/astro';
import type { Finding, LintReport } from '@linkworthy/core';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeLogger } from '../support/astro-logger.js';
import { tempSite } from '../support/temp-site.js';

async function call(hook: unknown, params: Record<string, unknown>): Promise<void> {
  await (hook as (params: Record<string, unknown>) => unknown)(params);
}

/** Astro's config for a project at `root` building into `dist/`. */
function astroConfig(root: string) {
  const url = pathToFileURL(`${root}/`);
  return {
    root: url,
    srcDir: new URL('src/', url),
    outDir: new URL('dist/', url),
    publicDir: new URL('public/', url),
    site: 'https://example.test',
    base: '/',
    trailingSlash: 'ignore',
    build: { format: 'directory' },
  };
}

const SITE = {
  'dist/index.html':
    '<title>Home</title><a href="/posts/one/">One</a> <a href="/posts/two/">Two</a> <a href="/gone/">Gone</a>',
  'dist/posts/one/index.html':
    '<title>One</title><a href="/">Home</a> <a href="/missing/">Missing</a> <a href="/posts/two/#nope">Two</a> <a href="/lost/">Lost</a>',
  'dist/posts/two/index.html': '<title>Two</title><a href="/">Home</a>',
  'src/pages/index.astro': '---\n---\n<a href="/gone/">Gone</a>',
};

/** Runs the build hooks over a fresh copy of {@link SITE}. */
async function build(options: LinkworthyAstroOptions = {}) {
  const root = tempSite(SITE);
  const integration = linkworthy({ failOn: 'never', ...options });
  const { logger, messages } = fakeLogger();
  const toolbarApps: unknown[] = [];
  await call(integration.hooks['astro:config:setup'], {
    command: 'build',
    config: astroConfig(root),
    logger,
    updateConfig: () => ({}),
    addDevToolbarApp: (entry: unknown) => toolbarApps.push(entry),
  });
  const route = {
    type: 'page',
    origin: 'project',
    isPrerendered: true,
    params: [],
    segments: [],
    fallbackRoutes: [],
  };
  await call(integration.hooks['astro:routes:resolved'], {
    logger,
    routes: [
      { ...route, pattern: '/', entrypoint: 'src/pages/index.astro', pathname: '/' },
      { ...route, pattern: '/posts/[slug]', entrypoint: 'src/pages/posts/[slug].astro' },
    ],
  });
  const dist = new URL('dist/', pathToFileURL(`${root}/`));
  await call(integration.hooks['astro:build:done'], {
    dir: dist,
    pages: [],
    logger,
    assets: new Map([
      ['/', [new URL('index.html', dist)]],
      [
        '/posts/[slug]',
        [new URL('posts/one/index.html', dist), new URL('posts/two/index.html', dist)],
      ],
    ]),
  });
  return { root, messages, toolbarApps };
}

describe('reports next to the build', () => {
  it('writes linkworthy-report.json and .html at the project root by default, never in dist/', async () => {
    const { root, messages } = await build();
    const report = JSON.parse(
      readFileSync(join(root, 'linkworthy-report.json'), 'utf8'),
    ) as LintReport;
    expect(report.summary.pages).toBe(3);
    const html = readFileSync(join(root, 'linkworthy-report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(readdirSync(join(root, 'dist')).filter((name) => name.startsWith('linkworthy'))).toEqual(
      [],
    );
    expect(messages.map((entry) => entry.message)).toContain(
      'linkworthy: wrote the report to linkworthy-report.json and linkworthy-report.html',
    );
  });

  it('takes other paths, a string (JSON, with the HTML beside it), or false', async () => {
    const both = await build({ report: { json: 'reports/lw.json', html: false } });
    expect(existsSync(join(both.root, 'reports/lw.json'))).toBe(true);
    expect(existsSync(join(both.root, 'linkworthy-report.html'))).toBe(false);
    const string = await build({ report: 'out/report.json' });
    expect(existsSync(join(string.root, 'out/report.json'))).toBe(true);
    expect(existsSync(join(string.root, 'out/report.html'))).toBe(true);
    const none = await build({ report: false });
    expect(readdirSync(none.root).filter((name) => name.startsWith('linkworthy'))).toEqual([]);
    expect(none.messages.some((entry) => entry.message.includes('wrote the report'))).toBe(false);
  });

  it('rejects unknown and bad report keys, naming them', () => {
    const invalid = (report: unknown) => () =>
      linkworthy({ report } as unknown as LinkworthyAstroOptions);
    expect(invalid({ jsn: 'r.json' })).toThrow(
      /report\.jsn: unknown option\. Did you mean `json`\?/,
    );
    expect(invalid({ html: 3 })).toThrow(/report\.html: expected a file path .* received number 3/);
    expect(invalid('')).toThrow(/report: expected a file path/);
  });
});

describe('the end of the output', () => {
  it('ends with the top pages to fix, then the one-line summary', async () => {
    const { messages } = await build({ report: false });
    const last = messages.slice(-2).map((entry) => entry.message);
    expect(last[0]).toBe(
      [
        'Top pages to fix:',
        '  /posts/one/  3 errors, 0 warnings  src/pages/posts/[slug].astro',
        '  /            1 error, 0 warnings   src/pages/index.astro',
      ].join('\n'),
    );
    expect(last[1]).toMatch(
      /^linkworthy: 4 errors, \d+ warnings in 3 pages and 8 links \(\d+ ms\)$/,
    );
  });

  it('ranks by errors, then warnings, at most five pages, with the source file', () => {
    const finding = (url: string, severity: Finding['severity']): Finding => ({
      ruleId: 'r',
      messageId: 'm',
      severity,
      message: 'x',
      url,
      file: `dist${url}index.html`,
      docs: '',
    });
    const findings = [
      ...['/a/', '/b/', '/b/', '/c/', '/d/', '/e/', '/f/'].map((url) => finding(url, 'warn')),
      finding('/g/', 'error'),
      finding('/h/', 'info'),
    ];
    const report = {
      pages: [{ url: '/g/', file: 'dist/g/index.html', source: 'src/content/g.md' }],
      findings,
    } as unknown as LintReport;
    const top = topPages(report);
    expect(top.map((page) => page.url)).toEqual(['/g/', '/b/', '/a/', '/c/', '/d/']);
    expect(top[0]).toEqual({ url: '/g/', file: 'src/content/g.md', errors: 1, warnings: 0 });
    expect(topPagesText(top).split('\n')[2]).toBe('  /b/  0 errors, 2 warnings  dist/b/index.html');
    expect(
      topPages({ pages: [], findings: [finding('/h/', 'info')] } as unknown as LintReport),
    ).toEqual([]);
  });
});

describe('the Dev Toolbar app', () => {
  it('is registered in `astro dev` only', async () => {
    expect((await build()).toolbarApps).toEqual([]);
    const integration = linkworthy();
    const apps: { id: string; name: string; entrypoint: string }[] = [];
    await call(integration.hooks['astro:config:setup'], {
      command: 'dev',
      config: astroConfig('/tmp/project'),
      logger: fakeLogger().logger,
      updateConfig: () => ({}),
      addDevToolbarApp: (entry: { id: string; name: string; entrypoint: string }) =>
        apps.push(entry),
    });
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ id: 'linkworthy', name: 'linkworthy' });
    expect(apps[0]!.entrypoint).toMatch(/\/toolbar\/app\.js$/);
  });

  const notesSource = [
    '# Notes',
    '',
    'Brewing notes for the home barista, with ratios and timings we measured over a month.',
    '',
    'See [the guide](/guide/#grind-size) and [the kit list](/kit/).',
    '',
  ].join('\n');
  const notesHtml =
    '<html lang="en"><head><title>Notes</title></head><body><h1>Notes</h1>\n<p>Brewing notes for the home barista, with ratios and timings we measured over a month.</p>\n<p>See <a href="/guide/#grind-size">the guide</a> and <a href="/kit/">the kit list</a>.</p>\n<img src="/chart.svg" alt="Ratio chart" data-infographic="Brew ratio chart" width="400" height="200"></body></html>';
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  /**
   * Serves `pages` (path → HTML) and `/chart.svg` over HTTP as the dev server would, runs the dev
   * hooks over a project with `src/pages/notes.md`, and asks for `path` as the app does.
   */
  async function devAnswer(pages: Record<string, string>, path: string, base = '/') {
    const root = tempSite({
      'src/pages/notes.md': notesSource.replaceAll('](/', `](${base}`),
    });
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      if (url === `${base}chart.svg`) {
        response.writeHead(200, { 'content-type': 'image/svg+xml' });
        response.end('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"></svg>');
        return;
      }
      const html = pages[url];
      response.writeHead(html ? 200 : 404, { 'content-type': 'text/html' });
      response.end(html ?? 'not found');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const integration = linkworthy({ embeds: { siteName: 'Example' } });
    const { logger } = fakeLogger();
    await call(integration.hooks['astro:config:setup'], {
      command: 'dev',
      config: { ...astroConfig(root), base },
      logger,
      updateConfig: () => ({}),
      addDevToolbarApp: () => undefined,
    });
    await call(integration.hooks['astro:routes:resolved'], {
      logger,
      routes: [
        {
          type: 'page',
          origin: 'project',
          pattern: '/notes',
          entrypoint: 'src/pages/notes.md',
          pathname: '/notes',
        },
      ],
    });
    const listeners = new Map<string, (payload: unknown, client?: unknown) => void>();
    await call(integration.hooks['astro:server:setup'], {
      server: { httpServer: server },
      logger,
      toolbar: {
        on: (event: string, callback: (payload: unknown, client?: unknown) => void) =>
          listeners.set(event, callback),
        send: () => undefined,
      },
    });
    return new Promise<DevPageReport>((resolve) => {
      listeners.get('linkworthy:request')!(
        { id: 'tab:1', path },
        {
          send: (_event: string, payload: DevPageReport) => {
            resolve(payload);
          },
        },
      );
    });
  }

  it('answers the app with the page’s findings, score and embed code', async () => {
    const answer = await devAnswer(
      { '/notes/': notesHtml, '/guide/': '<title>Guide</title><h2 id="grind">Grind</h2>' },
      '/notes/',
    );
    expect(answer.error).toBeUndefined();
    expect(answer).toMatchObject({ id: 'tab:1', path: '/notes/', source: 'src/pages/notes.md' });
    const byRule = Object.fromEntries(answer.findings.map((item) => [item.ruleId, item]));
    expect(byRule['broken-fragment']).toMatchObject({
      severity: 'error',
      file: 'src/pages/notes.md',
      line: 5,
      column: 5,
    });
    expect(byRule['broken-link']).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('`/kit/`') as unknown,
      line: 5,
    });
    // Site-wide rules wait for the build: the page is not an orphan in dev.
    expect(byRule['orphan-page']).toBeUndefined();
    expect(answer.notes.join(' ')).toMatch(/need the whole site/);
    expect(answer.linkability?.score).toBeGreaterThan(0);
    expect(answer.linkability?.gains).toHaveLength(3);
    expect(answer.embeds).toHaveLength(1);
    expect(answer.embeds[0]!.title).toBe('Brew ratio chart');
    expect(answer.embeds[0]!.code).toContain('https://example.test/embed/brew-ratio-chart.svg');
    expect(answer.counts.errors).toBe(2);
  });

  it('works under a base path, and says when a path is not a page', async () => {
    const html = notesHtml.replaceAll('"/', '"/docs/');
    const answer = await devAnswer(
      {
        '/docs/notes/': html,
        '/docs/guide/': '<title>Guide</title><h2 id="grind-size">Grind</h2>',
        '/docs/kit/': '<title>Kit</title>',
      },
      '/docs/notes/',
      '/docs/',
    );
    expect(answer.error).toBeUndefined();
    expect(answer.source).toBe('src/pages/notes.md');
    expect(answer.counts.errors).toBe(0);
    expect(answer.embeds[0]!.code).toContain(
      'https://example.test/docs/embed/brew-ratio-chart.svg',
    );
    const missing = await devAnswer({}, '/docs/nothing/', '/docs/');
    expect(missing.error).toMatch(/answered `\/docs\/nothing\/` with status 404/);
    const outside = await devAnswer({}, '/elsewhere/', '/docs/');
    expect(outside.error).toMatch(/outside the site's base path `\/docs\/`/);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(
    readFileSync(new URL('../../packages/astro-integration/package.json', import.meta.url), 'utf8'),
  ) as { keywords: string[]; peerDependencies: Record<string, string> };

  it('has the keywords `astro add` and the integrations catalogue look for', () => {
    for (const keyword of ['astro-integration', 'withastro', 'astro', 'seo', 'broken-links']) {
      expect(pkg.keywords).toContain(keyword);
    }
  });

  it('accepts Astro 5, 6 and 7 as a peer', () => {
    expect(pkg.peerDependencies.astro).toBe('^5.0.0 || ^6.0.0 || ^7.0.0');
  });
});

import {
  extractHtml,
  parseRedirects,
  parseRefresh,
  RedirectTable,
  redirectsFromConfig,
  resolveConfig,
  Site,
  type SiteOptions,
} from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';

describe('parseRedirects', () => {
  it('reads Netlify/Cloudflare rules: status, force, comments, conditions', () => {
    const { rules, problems } = parseRedirects(
      [
        '# a comment',
        '/old        /new',
        '/blog/*     /posts/:splat   302',
        '/forced     /elsewhere      301!',
        '/spa/*      /index.html     200',
        '/store id=:id  /products/:id  301',
        '/fr/*       /fr/404/        404  Language=fr',
        '/lonely',
        '',
      ].join('\r\n'),
    );
    expect(rules).toEqual([
      { from: '/old', to: '/new', status: 301, force: false, origin: '_redirects:2' },
      { from: '/blog/*', to: '/posts/:splat', status: 302, force: false, origin: '_redirects:3' },
      { from: '/forced', to: '/elsewhere', status: 301, force: true, origin: '_redirects:4' },
      { from: '/spa/*', to: '/index.html', status: 200, force: false, origin: '_redirects:5' },
      expect.objectContaining({ from: '/store', to: '/products/:id', conditional: true }),
      expect.objectContaining({ from: '/fr/*', status: 404, conditional: true }),
    ]);
    expect(problems).toEqual([{ line: 8, message: 'no destination for `/lonely`' }]);
  });

  it('reads Astro’s redirects config', () => {
    expect(redirectsFromConfig({ '/a': '/b', '/c': { status: 302, destination: '/d' } })).toEqual([
      { from: '/a', to: '/b', status: 301, force: false, origin: 'config' },
      { from: '/c', to: '/d', status: 302, force: false, origin: 'config' },
    ]);
  });
});

describe('RedirectTable', () => {
  const table = new RedirectTable([
    ...parseRedirects(
      [
        '/exact/        /exact-new/',
        '/docs/*        /documentation/:splat',
        '/:lang/guide/  /:lang/guides/',
        '/first/*       /from-pattern/',
        '/first/x       /from-exact/',
        '/cond id=:id   /never/',
      ].join('\n'),
    ).rules,
    ...redirectsFromConfig({
      '/posts/[slug]': '/blog/[slug]',
      '/all/[...rest]': '/every/[...rest]',
    }),
  ]);

  it('matches exact sources whatever the trailing slash or index.html', () => {
    for (const path of ['/exact', '/exact/', '/exact/index.html'])
      expect(table.match(path)?.to, path).toBe('/exact-new/');
    expect(table.match('/exact/more')).toBeUndefined();
  });

  it('fills splats and placeholders, Netlify’s and Astro’s', () => {
    // The splat keeps the trailing slash, as hosts do.
    expect(table.match('/docs/a/b/')?.to).toBe('/documentation/a/b/');
    expect(table.match('/docs/a/index.html')?.to).toBe('/documentation/a/');
    expect(table.match('/docs')?.to).toBe('/documentation/');
    expect(table.match('/fr/guide/')?.to).toBe('/fr/guides/');
    expect(table.match('/fr/de/guide/')).toBeUndefined();
    expect(table.match('/posts/hello/')?.to).toBe('/blog/hello');
    expect(table.match('/all/x/y')?.to).toBe('/every/x/y');
  });

  it('keeps file order: an earlier pattern beats a later exact rule', () => {
    expect(table.match('/first/x')?.to).toBe('/from-pattern/');
  });

  it('never applies conditional rules, and is case-sensitive unless told', () => {
    expect(table.match('/cond')).toBeUndefined();
    expect(table.match('/EXACT/')).toBeUndefined();
    const folded = new RedirectTable(parseRedirects('/Exact/ /new/').rules, {
      caseSensitive: false,
    });
    expect(folded.match('/exact')?.to).toBe('/new/');
  });
});

describe('parseRefresh', () => {
  it('reads the forms browsers accept', () => {
    expect(parseRefresh('0; url=/new/')).toEqual({ delay: 0, url: '/new/' });
    expect(parseRefresh("0;URL='https://example.com/x'")).toEqual({
      delay: 0,
      url: 'https://example.com/x',
    });
    expect(parseRefresh('3, /later/')).toEqual({ delay: 3, url: '/later/' });
    expect(parseRefresh(' 1.5 ; url = "a b.html" ')).toEqual({ delay: 1, url: 'a b.html' });
    expect(parseRefresh('30')).toBeUndefined();
    expect(parseRefresh('soon; url=/x/')).toBeUndefined();
  });

  it('is captured on the page', () => {
    const page = extractHtml(
      '<head><meta http-equiv="Refresh" content="0; url=../new/"><meta http-equiv="refresh" content="5; url=/ignored/"></head>',
      { file: 'old/index.html' },
    );
    expect(page.meta.refresh).toEqual({ delay: 0, url: '../new/' });
    expect(
      extractHtml('<meta http-equiv="refresh" content="60">', { file: 'a.html' }).meta,
    ).not.toHaveProperty('refresh');
  });
});

/** A site from `file → html` pairs, and the resolution of `href` on its home page. */
function site(files: Record<string, string>, options: SiteOptions = {}): Site {
  const pages = Object.entries(files)
    .filter(([file]) => file.endsWith('.html'))
    .map(([file, html]) => extractHtml(html, { file }));
  const others = new Map(Object.entries(files).filter(([file]) => !file.endsWith('.html')));
  return new Site(pages, { readFile: (file) => others.get(file), ...options });
}

function link(target: Site, href: string) {
  const home = target.pageAt('/')!;
  const index = home.links.findIndex((candidate) => candidate.href === href);
  return target.linksOf(home)[index]!;
}

const hrefs = (...list: string[]) => list.map((href) => `<a href="${href}">x</a>`).join('');

describe('Site: redirects in link resolution', () => {
  it('follows _redirects, config redirects and meta-refresh pages to the final page', () => {
    const target = site(
      {
        'index.html': hrefs('/a/', '/b/#part', '/c/', '/moved/x/'),
        'final/index.html': '<h2 id="part">Part</h2>',
        'refresh/index.html': '<meta http-equiv="refresh" content="0; url=/final/">',
        _redirects: '/a/ /refresh/\n/moved/* /final/ 302',
      },
      {
        redirects: {
          '/b/': '/a/',
          '/c/': { status: 308, destination: 'https://elsewhere.example/' },
        },
      },
    );
    const a = link(target, '/a/');
    expect(a).toMatchObject({ status: 'ok', page: target.pageAt('/final/') });
    expect(a.redirects).toEqual([
      { kind: 'redirect', from: '/a/', to: '/refresh/', status: 301, origin: '_redirects:1' },
      { kind: 'meta-refresh', from: '/refresh/', to: '/final/', origin: 'refresh/index.html' },
    ]);
    const b = link(target, '/b/#part');
    expect(b).toMatchObject({ status: 'ok', fragmentStatus: 'ok' });
    expect(b.redirects?.map((hop) => hop.to)).toEqual(['/a/', '/refresh/', '/final/']);
    expect(link(target, '/c/')).toMatchObject({ status: 'external' });
    expect(link(target, '/moved/x/').redirects?.[0]).toMatchObject({ status: 302, to: '/final/' });
  });

  it('reports loops, too-long chains and redirects to missing pages as missing', () => {
    const target = site({
      'index.html': hrefs('/loop-a/', '/nowhere/', '/chain/0/'),
      _redirects: [
        '/loop-a/ /loop-b/',
        '/loop-b/ /loop-a/',
        '/nowhere/ /gone/',
        ...Array.from({ length: 25 }, (_, index) => `/chain/${index}/ /chain/${index + 1}/`),
      ].join('\n'),
    });
    expect(link(target, '/loop-a/')).toMatchObject({ status: 'missing', redirectProblem: 'loop' });
    expect(link(target, '/nowhere/')).toMatchObject({
      status: 'missing',
      redirectProblem: 'missing',
    });
    expect(link(target, '/chain/0/')).toMatchObject({
      status: 'missing',
      redirectProblem: 'too-many',
    });
  });

  it('lets existing pages shadow rules unless forced; 404 rules and catch-all rewrites keep links broken', () => {
    const target = site({
      'index.html': hrefs('/page/', '/forced/', '/missing/', '/rewritten/', '/fr/missing/'),
      'page/index.html': '<h1>Page</h1>',
      'forced/index.html': '<h1>Forced</h1>',
      'served/index.html': '<h1>Served</h1>',
      _redirects: [
        '/page/ /elsewhere/',
        '/forced/ /page/ 301!',
        '/rewritten/ /served/ 200',
        '/:lang/* /:lang/404/ 404',
        '/* /index.html 200',
      ].join('\n'),
    });
    expect(link(target, '/page/').redirects).toBeUndefined();
    expect(link(target, '/forced/')).toMatchObject({ status: 'ok', page: target.pageAt('/page/') });
    expect(link(target, '/rewritten/')).toMatchObject({
      status: 'ok',
      page: target.pageAt('/served/'),
    });
    expect(link(target, '/rewritten/').redirects).toBeUndefined();
    expect(link(target, '/missing/').status).toBe('missing');
    expect(link(target, '/fr/missing/').status).toBe('missing');
  });

  it('leaves an app’s rewritten routes unchecked, but not a site-wide catch-all', () => {
    const target = site({
      'index.html': hrefs('/app/settings/', '/nowhere/'),
      'app/index.html': '<h1>App</h1>',
      _redirects: '/app/*  /app/index.html  200\n/*  /index.html  200',
    });
    expect(link(target, '/app/settings/').status).toBe('unknown');
    expect(link(target, '/nowhere/').status).toBe('missing');
  });

  it('honours the base path in rules written with or without it', () => {
    const target = site(
      {
        'index.html': hrefs('/docs/old/', '/docs/older/'),
        'new/index.html': '<h1>New</h1>',
        _redirects: '/docs/old/ /docs/new/',
      },
      { base: '/docs/', redirects: { '/older/': '/new/' } },
    );
    expect(link(target, '/docs/old/').redirects?.[0]).toMatchObject({
      from: '/docs/old/',
      to: '/docs/new/',
    });
    expect(link(target, '/docs/older/')).toMatchObject({
      status: 'ok',
      page: target.pageAt('/new/'),
    });
  });
});

describe('Site: trailing-slash policy', () => {
  const files = {
    'index.html': hrefs('/a', '/a/', '/a/index.html', '/b.html', '/b', '/b/'),
    'a/index.html': '<h1>A</h1>',
    'b.html': '<h1>B</h1>',
  };

  it('ignore (default): every form is the same page', () => {
    const target = site(files);
    for (const href of ['/a', '/a/', '/a/index.html', '/b', '/b/'])
      expect(link(target, href), href).toMatchObject({ status: 'ok' });
    for (const href of ['/a', '/a/', '/b']) expect(link(target, href).redirects).toBeUndefined();
  });

  it('always: a folder page linked without the slash is redirected', () => {
    const target = site(files, { trailingSlash: 'always' });
    expect(link(target, '/a').redirects).toEqual([
      { kind: 'trailing-slash', from: '/a', to: '/a/', status: 301 },
    ]);
    for (const href of ['/a/', '/a/index.html', '/b.html', '/b'])
      expect(link(target, href).redirects, href).toBeUndefined();
  });

  it('never: a link with the slash is redirected', () => {
    const target = site(files, { trailingSlash: 'never' });
    expect(link(target, '/a/').redirects?.[0]).toMatchObject({ from: '/a/', to: '/a' });
    expect(link(target, '/b/').redirects?.[0]).toMatchObject({ from: '/b/', to: '/b' });
    for (const href of ['/a', '/a/index.html', '/b'])
      expect(link(target, href).redirects, href).toBeUndefined();
  });
});

describe('Site: i18n fallback', () => {
  const files = {
    'index.html': hrefs(
      '/fr/guide/',
      '/fr/only-fr/',
      '/de/guide/#setup',
      '/fr/missing/',
      '/en/guide/',
    ),
    'guide/index.html': '<h2 id="setup">Setup</h2>',
    'fr/only-fr/index.html': '<h1>FR</h1>',
  };
  const i18n = { locales: ['en', 'fr', 'de'], defaultLocale: 'en' };

  it('falls back to the default locale (Starlight) and checks fragments there', () => {
    const target = site(files, { i18n });
    expect(link(target, '/fr/guide/')).toMatchObject({
      status: 'ok',
      fallback: true,
      page: target.pageAt('/guide/'),
    });
    expect(link(target, '/de/guide/#setup')).toMatchObject({ status: 'ok', fragmentStatus: 'ok' });
    expect(link(target, '/fr/only-fr/').fallback).toBeUndefined();
    expect(link(target, '/fr/missing/').status).toBe('missing');
    // `/en/` is no locale prefix while the default locale is served at the root.
    expect(link(target, '/en/guide/').status).toBe('missing');
  });

  it('follows the fallback map, with `{}` meaning none and the prefixed default locale', () => {
    expect(link(site(files, { i18n: { ...i18n, fallback: {} } }), '/fr/guide/').status).toBe(
      'missing',
    );
    expect(
      link(site(files, { i18n: { ...i18n, fallback: { de: 'fr', fr: 'en' } } }), '/de/guide/#setup')
        .status,
    ).toBe('ok');
    const prefixed = site(
      { 'index.html': hrefs('/fr/guide/'), 'en/guide/index.html': '<h1>Guide</h1>' },
      {
        i18n: {
          locales: [{ path: 'en', codes: ['en-US'] }, 'fr'],
          defaultLocale: 'en-US',
          prefixDefaultLocale: true,
        },
      },
    );
    expect(link(prefixed, '/fr/guide/')).toMatchObject({ status: 'ok', fallback: true });
  });

  it('does not count a locale page that redirects to its fallback as a redirect', () => {
    const target = site(
      {
        'index.html': hrefs('/fr/guide/'),
        'guide/index.html': '<h1>Guide</h1>',
        'fr/guide/index.html': '<meta http-equiv="refresh" content="0;url=/guide/">',
      },
      { i18n },
    );
    expect(link(target, '/fr/guide/').redirects).toEqual([
      expect.objectContaining({ kind: 'i18n-fallback', to: '/guide/' }),
    ]);
  });
});

describe('Site: letter case', () => {
  const files = {
    'index.html': hrefs('/About/', '/img/Logo.PNG'),
    'about/index.html': '<h1>About</h1>',
    'img/logo.png': '',
  };

  it('is case-sensitive by default, and names the page that differs only in case', () => {
    const target = site(files, { files: ['img/logo.png'] });
    expect(link(target, '/About/')).toMatchObject({ status: 'missing', caseMatch: '/about/' });
    expect(link(target, '/img/Logo.PNG')).toMatchObject({
      status: 'missing',
      caseMatch: '/img/logo.png',
    });
  });

  it('matches any case when the host does', () => {
    const target = site(files, { files: ['img/logo.png'], caseSensitive: false });
    expect(link(target, '/About/')).toMatchObject({ status: 'ok', page: target.pageAt('/about/') });
    expect(link(target, '/img/Logo.PNG').status).toBe('ok');
  });
});

describe('Site: Markdown sources with root-relative locale links', () => {
  it('leaves them unknown without a URL map, whatever the i18n and redirect settings', () => {
    const pages = [
      extractMarkdown(
        '# Guide\n\nSee [setup](/en/guides/setup/#install), [en français](/fr/guides/setup/) and [old](/old/).\n',
        { file: 'src/content/docs/en/guides/intro.mdx' },
      ),
      extractMarkdown('# Setup\n\n## Install\n', { file: 'src/content/docs/en/guides/setup.mdx' }),
    ];
    const target = new Site(pages, {
      trailingSlash: 'always',
      redirects: { '/old/': '/en/guides/setup/' },
      i18n: { locales: ['en', 'fr'], defaultLocale: 'en', prefixDefaultLocale: true },
    });
    expect(target.linksOf(pages[0]!).map((resolved) => resolved.status)).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
  });
});

describe('config: trailingSlash, redirects, i18n, caseSensitive', () => {
  it('resolves them, later layers winning and redirects merging', () => {
    const config = resolveConfig([
      {
        origin: 'file',
        config: { trailingSlash: 'always', redirects: { '/a/': '/b/' }, caseSensitive: false },
      },
      {
        origin: 'options',
        config: {
          trailingSlash: 'never',
          redirects: { '/c/': { status: 302, destination: '/d/' } },
          i18n: { locales: ['en', { path: 'fr', codes: ['fr-CA'] }], defaultLocale: 'en' },
        },
      },
    ]);
    expect(config).toMatchObject({
      trailingSlash: 'never',
      caseSensitive: false,
      redirects: { '/a/': '/b/', '/c/': { status: 302, destination: '/d/' } },
      i18n: { defaultLocale: 'en' },
    });
  });

  it('names the key path of a bad value', () => {
    const issues = (config: unknown): string => {
      try {
        resolveConfig([{ origin: 'file', config }]);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(issues({ trailingSlash: 'sometimes' })).toMatch(/trailingSlash/);
    expect(issues({ redirects: { '/a/': { status: 200, destination: '/b/' } } })).toMatch(
      /redirects\.\/a\/\.status/,
    );
    expect(issues({ redirects: { 'no-slash': '/b/' } })).toMatch(/redirects/);
    expect(issues({ i18n: { locales: ['en'] } })).toMatch(/i18n\.defaultLocale/);
    expect(issues({ i18n: { locales: [], defaultLocale: 'en', fallbacks: {} } })).toMatch(
      /i18n\.locales[\s\S]*fallbacks|fallbacks[\s\S]*i18n\.locales/,
    );
  });
});

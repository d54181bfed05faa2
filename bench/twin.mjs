#!/usr/bin/env node
// A deterministic site with planted faults of every kind linkworthy reports, written twice: as a
// built HTML site (`html/`, directory URLs, nav/footer templates, sitemap.xml, robots.txt,
// _redirects, a baseline) and as its Markdown twin (`md/`, relative `.md` links, what
// remark-validate-links and the remark plugin read). Every planted fault is listed in
// `expected.json`; traps — every way real sites write a valid link — are listed too and must
// produce nothing.
//
//   node bench/twin.mjs --pages 2000 --out bench/.work/twin-2000 [--seed 1]
import { mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from './generate.mjs';

export const TWIN_VERSION = 1;
export const ORIGIN = 'https://twin.example.test';

const WORDS = (
  'espresso grinder burr water kettle filter roast bean crema tamp basket portafilter ' +
  'pressure extraction ratio brew dose yield temperature milk steam pitcher latte cortado ' +
  'scale timer channel puck shower screen boiler pump valve descale limescale hardness ' +
  'mineral origin washed natural honey process acidity sweetness body finish aroma ' +
  'cupping palate recipe method pourover siphon aeropress moka cezve cold drip'
).split(' ');

/**
 * Writes the twin site into `out` (created, or emptied if it holds an earlier twin).
 * Returns the manifest that is also written to `out/expected.json`.
 */
export function generateTwin({
  pages = 2000,
  seed = 1,
  out,
  weight = 'light',
  linksPerPage = weight === 'realistic' ? 30 : 12,
  only,
} = {}) {
  if (!out) throw new Error('generateTwin: `out` is required');
  if (weight !== 'light' && weight !== 'realistic') {
    throw new Error("generateTwin: weight must be 'light' or 'realistic'");
  }
  if (!Number.isInteger(pages) || pages < 60) throw new Error('generateTwin: pages must be ≥ 60');
  prepare(out);
  const random = mulberry32(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const words = (count) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  const title = () => {
    const text = words(3);
    return text[0].toUpperCase() + text.slice(1);
  };
  // Realistic weight: 1,000–3,000 more words of prose per page, from a PRNG of its own (the
  // light twin stays byte-identical), in both the HTML and the Markdown.
  const prose = weight === 'realistic' ? proseMaker(seed) : undefined;

  // --- the page list ---------------------------------------------------------------------------
  /** @type {Map<string, Page>} path (no leading slash, '' = home) → page */
  const site = new Map();
  const add = (path, page) => {
    site.set(path, { path, title: title(), headings: [], links: [], nav: true, ...page });
    return site.get(path);
  };
  // Home, about, 404, café and the 12 pages of planted structures, then sections of 50 posts.
  const fixed = 15;
  const perSection = 50;
  const sections = Math.ceil((pages - fixed) / (perSection + 1));
  const posts = pages - fixed - sections;

  const home = add('', { title: 'Home' });
  add('about', { title: 'About this site' });
  add('404', { title: 'Page not found', notFound: true, nav: true });
  const sectionPaths = [];
  const postPaths = [];
  for (let s = 0; s < sections; s++) {
    const section = add(`s${s}`, {});
    sectionPaths.push(section.path);
    for (let p = 0; p < perSection && postPaths.length < posts; p++) {
      const post = add(`s${s}/p${p}`, {});
      post.headings = Array.from({ length: 3 + int(3) }, () => title());
      post.headings = [...new Set(post.headings)];
      postPaths.push(post.path);
      section.links.push({ to: post.path, text: post.title });
    }
  }
  for (const path of sectionPaths)
    home.links.push({ to: path, text: `The ${site.get(path).title} section` });

  // Ordinary content links between posts, some into headings.
  for (const path of postPaths) {
    const post = site.get(path);
    for (let index = 0; index < linksPerPage; index++) {
      const target = site.get(pick(postPaths));
      if (target === post) continue;
      const heading = random() < 0.3 ? pick(target.headings) : undefined;
      post.links.push({
        to: target.path,
        fragment: heading && slug(heading),
        text: heading ?? target.title,
      });
    }
  }

  // --- planted faults --------------------------------------------------------------------------
  const expected = [];
  /** A finding the run must report: on the page at `page` (a path, or `file:` for a file). */
  const expect = (ruleId, page, target) =>
    expected.push({
      ruleId,
      ...(page.startsWith('file:') ? { file: page.slice(5) } : { url: urlOf(page) }),
      ...(target ? { target } : {}),
    });
  const postAt = (index) => site.get(postPaths[index]);

  // broken-link and broken-fragment
  for (const index of [5, 17]) {
    const post = postAt(index);
    const href = `/s0/p${9000 + index}/`;
    post.links.push({ raw: href, text: 'A post that was never written' });
    expect('broken-link', post.path, href);
  }
  for (const index of [6, 18]) {
    const post = postAt(index);
    const target = postAt(index + 1);
    const href = `${urlOf(target.path)}#no-such-section-${index}`;
    post.links.push({ raw: href, text: `${target.title}, a section that is gone` });
    expect('broken-fragment', post.path, href);
  }
  // orphan-page: nothing links to them
  for (const name of ['lonely-one', 'lonely-two']) {
    add(`orphans/${name}`, {});
    expect('orphan-page', `orphans/${name}`);
  }
  // unreachable-page: a cluster linking only to itself, reported once
  const islands = ['islands/north', 'islands/east', 'islands/south'];
  islands.forEach((path, index) => {
    const next = islands[(index + 1) % islands.length];
    add(path, {}).links.push({ to: next, text: `The ${next.split('/')[1]} island` });
  });
  // Reported once, on one member of the cluster: matched by its members.
  expected.push({ ruleId: 'unreachable-page', members: islands.map(urlOf) });
  // click-depth: a chain from a post (depth 2): deep/d1 is at 3, d2 at 4, d3 at 5, d4 at 6
  const chain = ['deep/d1', 'deep/d2', 'deep/d3', 'deep/d4'];
  postAt(7).links.push({ to: chain[0], text: 'The first step down' });
  chain.forEach((path, index) => {
    const page = add(path, {});
    if (index + 1 < chain.length)
      page.links.push({ to: chain[index + 1], text: `Step ${index + 2} down` });
    if (index >= 1) expect('click-depth', path);
  });
  // dead-end-page: a print view with no links at all
  add('print/brew-guide', { nav: false, title: 'Brew guide, print view' });
  postAt(8).links.push({ to: 'print/brew-guide', text: 'A printable brew guide' });
  expect('dead-end-page', 'print/brew-guide');
  // content-orphan: /about/ is only in the navigation
  expect('content-orphan', 'about');
  // nofollow-internal-link
  postAt(9).links.push({ to: postAt(10).path, text: postAt(10).title, rel: 'nofollow' });
  expect('nofollow-internal-link', postAt(9).path, urlOf(postAt(10).path));
  // non-descriptive-anchor, in English and German
  postAt(11).links.push({ to: postAt(12).path, text: 'click here' });
  expect('non-descriptive-anchor', postAt(11).path, urlOf(postAt(12).path));
  postAt(13).links.push({ to: postAt(14).path, text: 'hier klicken' });
  expect('non-descriptive-anchor', postAt(13).path, urlOf(postAt(14).path));
  // redirected-link: /old-post/ redirects to a post
  postAt(15).links.push({ raw: '/old-post/', text: 'The post under its old address' });
  expect('redirected-link', postAt(15).path, '/old-post/');
  // sitemap: one indexable page left out; a noindex page and a missing URL listed
  const leftOut = postAt(20).path;
  expect('not-in-sitemap', leftOut);
  add('drafts/unlisted', { noindex: true, title: 'Unlisted draft' });
  postAt(21).links.push({ to: 'drafts/unlisted', text: 'An unlisted draft' });
  expect('sitemap-non-indexable', 'file:sitemap.xml', `${ORIGIN}/drafts/unlisted/`);
  expect('sitemap-non-indexable', 'file:sitemap.xml', `${ORIGIN}/gone/`);
  // removed-url and removed-fragment, against the baseline
  expect('removed-url', 'retired');
  expect('removed-fragment', postAt(3).path);

  // --- traps: valid links in every form real sites write them ----------------------------------
  const trapPage = postAt(30);
  const trapTarget = postAt(31);
  const targetUrl = urlOf(trapTarget.path);
  const traps = [
    targetUrl,
    targetUrl.replace(/\/$/, ''),
    `${targetUrl}index.html`,
    `${targetUrl}?utm_source=twin`,
    `${targetUrl}#${slug(trapTarget.headings[0])}`,
    `${ORIGIN}${targetUrl}`,
    `//twin.example.test${targetUrl}`,
    `../../${trapTarget.path}/`,
    '#top',
    '#',
    `#${slug(trapPage.headings[0])}`,
    `  ${targetUrl}  `,
    `${targetUrl}#:~:text=${encodeURIComponent(WORDS[0])}`,
    '/caf%C3%A9/',
    '/café/',
    '/files/menu.pdf',
    'mailto:hello@twin.example.test',
    'tel:+3100000000',
    'javascript:void(0)',
    'https://elsewhere.example.org/missing',
    'HTTPS://twin.example.test/',
  ];
  add('café', { title: 'Café' });
  home.links.push({ to: 'café', text: 'Our café' });
  for (const href of traps) trapPage.links.push({ raw: href, text: `Trap ${href.trim()}` });
  trapPage.anchorName = 'legacy-anchor';
  trapTarget.links.push({ raw: `${urlOf(trapPage.path)}#legacy-anchor`, text: 'A legacy anchor' });
  trapPage.hidden = [
    '<!-- <a href="/commented-out/">x</a> -->',
    '<template><a href="/templated/">x</a></template>',
    '<script>document.write(\'<a href="/scripted/">x</a>\')</script>',
  ];

  // --- write the HTML site ---------------------------------------------------------------------
  const html = join(out, 'html');
  const md = join(out, 'md');
  const navHtml = `<header><nav><a href="/">Home</a> <a href="/about/">About</a></nav></header>`;
  const footerHtml = `<footer><p>Twin coffee notes</p></footer>`;
  for (const page of only === 'md' ? [] : site.values()) {
    const file = page.notFound
      ? '404.html'
      : page.path === ''
        ? 'index.html'
        : `${page.path}/index.html`;
    const body = [
      `<h1 id="${slug(page.title)}">${escape(page.title)}</h1>`,
      ...(page.anchorName ? [`<p><a name="${page.anchorName}"></a>${words(6)}</p>`] : []),
      ...page.headings.flatMap((heading) => [
        `<h2 id="${slug(heading)}">${escape(heading)}</h2>`,
        `<p>${words(40)}</p>`,
        ...(prose ? prose.paragraphs(page, heading).map((text) => `<p>${text}</p>`) : []),
      ]),
      `<p>${page.links.map((link) => anchor(link)).join(' ')}</p>`,
      ...(page.hidden ?? []),
    ].join('\n');
    const head = [
      '<meta charset="utf-8">',
      `<title>${escape(page.title)}</title>`,
      ...(page.noindex ? ['<meta name="robots" content="noindex">'] : []),
    ].join('');
    const document = `<!doctype html><html lang="en"><head>${head}${prose ? prose.style : ''}</head><body>${page.nav ? navHtml : ''}<main>${body}</main>${page.nav ? footerHtml : ''}</body></html>\n`;
    write(join(html, file), document);
  }
  if (only !== 'md') writeSiteFiles();
  function writeSiteFiles() {
    write(join(html, 'files/menu.pdf'), '%PDF-1.4 twin\n');
    write(join(html, '_redirects'), '/old-post/ /s0/p1/ 301\n');
    write(
      join(html, 'robots.txt'),
      `User-agent: *\nDisallow: /drafts/private/\nSitemap: ${ORIGIN}/sitemap.xml\n`,
    );
    const listed = [...site.values()]
      .filter((page) => !page.notFound && page.path !== leftOut && !page.noindex)
      .map((page) => `${ORIGIN}${urlOf(page.path)}`);
    listed.push(`${ORIGIN}/drafts/unlisted/`, `${ORIGIN}/gone/`);
    write(
      join(html, 'sitemap.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${listed
        .map((loc) => `  <url><loc>${escape(encodeURI(loc))}</loc></url>`)
        .join('\n')}\n</urlset>\n`,
    );
    // The baseline a previous build recorded (`linkworthy baseline` format): every page and id of
    // this build, plus a page that was retired since and a section id that was renamed.
    const baseline = {};
    for (const page of site.values()) {
      if (page.notFound) continue;
      const ids = [
        slug(page.title),
        ...page.headings.map(slug),
        ...(page.anchorName ? [page.anchorName] : []),
      ];
      if (page === postAt(3)) ids.push('old-section');
      baseline[urlOf(page.path)] = [...new Set(ids)];
    }
    baseline['/retired/'] = ['intro'];
    write(join(out, 'linkworthy-baseline.json'), baselineText(baseline));
  }

  // --- write the Markdown twin: the same pages and content links, as relative .md links --------
  for (const page of site.values()) {
    if (page.notFound) continue;
    const file = mdFile(page.path);
    const lines = [
      '---',
      `title: ${JSON.stringify(page.title)}`,
      '---',
      '',
      `# ${page.title}`,
      '',
      ...(page.anchorName ? [`<a name="${page.anchorName}"></a>`, ''] : []),
      ...page.headings.flatMap((heading) => [
        `## ${heading}`,
        '',
        words(40),
        '',
        ...(prose ? prose.paragraphs(page, heading).flatMap((text) => [text, '']) : []),
      ]),
      page.links
        .map((link) => markdownLink(link, page.path))
        .filter(Boolean)
        .join(' '),
      '',
    ];
    write(join(md, file), lines.join('\n'));
  }

  const manifest = {
    generator: 'bench/twin.mjs',
    version: TWIN_VERSION,
    params: { pages, seed, linksPerPage, ...(prose ? { weight } : {}) },
    origin: ORIGIN,
    pages: site.size,
    expected: expected.sort((a, b) =>
      `${a.ruleId} ${a.url ?? a.file ?? ''}`.localeCompare(`${b.ruleId} ${b.url ?? b.file ?? ''}`),
    ),
    traps: traps.map((href) => ({ page: urlOf(trapPage.path), href })),
    markdown: {
      // In the twin only content links exist: these are the faults it shares with the build.
      // (The navigation rules wait for built HTML; the redirect and nofollow are HTML-only.)
      expected: expected.filter((entry) =>
        ['broken-link', 'broken-fragment', 'non-descriptive-anchor'].includes(entry.ruleId),
      ),
    },
  };
  write(join(out, 'expected.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;

  function anchor(link) {
    const href = link.raw ?? `${urlOf(link.to)}${link.fragment ? `#${link.fragment}` : ''}`;
    const rel = link.rel ? ` rel="${link.rel}"` : '';
    return `<a href="${escape(href)}"${rel}>${escape(link.text)}</a>`;
  }
}

/**
 * Prose for the realistic twin: a pool of sentences made once from its own PRNG; each page gets
 * 1,000–3,000 words spread over its headings. The same page and heading always get the same
 * paragraphs, so the HTML and the Markdown carry the same text.
 */
function proseMaker(seed) {
  const random = mulberry32((seed ^ 0x27d4eb2f) >>> 0);
  const int = (n) => Math.floor(random() * n);
  const pool = [];
  for (let k = 0; k < 2048; k++) {
    const count = 8 + int(12);
    const text = Array.from({ length: count }, () => WORDS[int(WORDS.length)]).join(' ');
    pool.push({ text: `${text[0].toUpperCase()}${text.slice(1)}.`, count });
  }
  const style = `<style>${Array.from({ length: 400 }, (_, k) => `.c${k}{margin:${k % 7}px auto;padding:.5rem ${k % 5}rem;color:#${(k * 2654435761).toString(16).slice(-6).padStart(6, '0')}}`).join('')}</style>`;
  return {
    style,
    paragraphs(page, heading) {
      // A PRNG seeded by the page and heading: the HTML and the Markdown get the same text
      // without keeping it in memory between the two passes.
      let hash = 0x811c9dc5 ^ seed;
      for (const char of `${page.path}\0${heading}`) {
        hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
      }
      const local = mulberry32(hash);
      const pick = (n) => Math.floor(local() * n);
      const budget = Math.ceil((1000 + pick(2001)) / Math.max(1, page.headings.length));
      const paragraphs = [];
      for (let left = budget; left > 0;) {
        const parts = [];
        for (let k = 3 + pick(5); k > 0; k--) {
          const sentence = pool[pick(pool.length)];
          parts.push(sentence.text);
          left -= sentence.count;
        }
        paragraphs.push(parts.join(' '));
      }
      return paragraphs;
    },
  };
}

/** The layout `linkworthy baseline` writes: one line per URL, sorted by code point. */
function baselineText(pages) {
  const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const urls = Object.keys(pages).sort(byCodePoint);
  const lines = urls.map(
    (url, index) =>
      `    ${JSON.stringify(url)}: [${[...pages[url]]
        .sort(byCodePoint)
        .map((id) => JSON.stringify(id))
        .join(', ')}]${index < urls.length - 1 ? ',' : ''}`,
  );
  return [
    '{',
    '  "format": "linkworthy-baseline",',
    '  "version": 1,',
    '  "pages": {',
    ...lines,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A page path → its public URL (directory form). */
export function urlOf(path) {
  return path === '' ? '/' : `/${path}/`;
}

function mdFile(path) {
  return path === '' ? 'index.md' : `${path}.md`;
}

/** The same link in the Markdown twin: relative to the file, to the `.md` file. */
function markdownLink(link, fromPath) {
  const text = link.text.replace(/[[\]]/g, '');
  if (link.raw !== undefined) {
    // Only broken links and fragments carry over; template-ish traps are HTML-only.
    const match = /^\/(s\d+\/p\d+)\/(?:#(.*))?$/.exec(link.raw);
    if (!match) return '';
    const href = relativeMd(fromPath, match[1]) + (match[2] ? `#${match[2]}` : '');
    return `[${text}](${href})`;
  }
  return `[${text}](${relativeMd(fromPath, link.to)}${link.fragment ? `#${link.fragment}` : ''})`;
}

function relativeMd(fromPath, toPath) {
  const from = fromPath === '' ? [] : fromPath.split('/').slice(0, -1);
  const to = mdFile(toPath).split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  return `${up === 0 ? './' : '../'.repeat(up)}${to.slice(common).join('/')}`;
}

/** GitHub's slug for the generated headings (lower case words joined by hyphens). */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function prepare(out) {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes('expected.json')) {
      throw new Error(`refusing to empty ${out}: it is not a twin site`);
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      weight: { type: 'string', default: 'light' },
      only: { type: 'string' },
    },
  });
  const out = values.out ?? `bench/.work/twin-${values.pages}`;
  const manifest = generateTwin({
    pages: Number(values.pages),
    seed: Number(values.seed),
    out,
    weight: values.weight,
    ...(values.only ? { only: values.only } : {}),
  });
  console.log(
    `twin site: ${manifest.pages} pages, ${manifest.expected.length} planted faults → ${out}`,
  );
}

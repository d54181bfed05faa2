// Deterministic static-site generator for benchmarks and end-to-end checks.
//
//   node bench/generate.mjs --pages 2000 --links 40 --out bench/.work/site-2000 [--seed 1]
//
// or, from code:
//
//   import { generateSite } from './generate.mjs';
//   generateSite({ pages: 2000, linksPerPage: 40, seed: 1, out: 'bench/.work/site-2000' });
//
// The same arguments always give byte-identical output: every random choice comes from one
// seeded PRNG (mulberry32), pages are written in a fixed order, and nothing depends on the clock,
// the locale or the file system. The output directory gets `planted.json`, the manifest of the
// errors that were planted on purpose (broken links, broken fragments) and of the decoy links
// inside comments, <template>, <script> and <style> that a correct extractor must ignore.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
export const BASE_URL = 'https://docs.example.test/';
const PAGES_PER_SECTION = 100;

/** mulberry32: a small, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A made-up documentation vocabulary (plain English words, nothing copied from any corpus).
const WORDS = (
  'access adapter archive array binding branch buffer build cache channel client cluster ' +
  'commit config context cursor daemon deploy device digest domain driver entry event export ' +
  'field filter format frame graph handle header hook index input install kernel layout ' +
  'ledger limit link loader local manifest marker matrix module monitor mount network node ' +
  'object option output packet page parser patch pointer policy pool profile proxy query queue ' +
  'record region release remote render report request route runtime sample schema scope ' +
  'script server session signal socket source stream string switch symbol table target task ' +
  'theme thread token trace tree update upload user value vector version view volume window ' +
  'worker'
).split(' ');
const FILLER = (
  'the a of to and in for with on by from when this that each every any which is are can ' +
  'should will may not also then only all more most first next last'
).split(' ');

function pad(n, width) {
  return String(n).padStart(width, '0');
}

function escapeText(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Site-relative path (no leading slash) of page `i`. Page 0 is the home page. */
function pagePath(i) {
  if (i === 0) return 'index.html';
  const section = Math.floor((i - 1) / PAGES_PER_SECTION);
  return `s${pad(section, 2)}/p${pad(i, 5)}.html`;
}

/** Relative URL from page path `from` to page path `to` (both site-relative, depth ≤ 1). */
function relativeUrl(from, to) {
  const fromDir = from.includes('/') ? from.slice(0, from.indexOf('/')) : '';
  const toDir = to.includes('/') ? to.slice(0, to.indexOf('/')) : '';
  if (fromDir === toDir) return to.slice(to.lastIndexOf('/') + 1);
  if (fromDir === '') return to;
  return '../' + to;
}

/**
 * Writes a deterministic site of `pages` HTML pages into `out`.
 *
 * @param {{ pages?: number, linksPerPage?: number, seed?: number, out: string }} options
 *   `linksPerPage` is the number of links in each page's main content; every page also has
 *   header, nav, table-of-contents and footer links (counted in planted.json `totals`).
 * @returns {{ out: string, files: number, bytes: number, totals: object,
 *   errors: number, decoys: number }}
 */
export function generateSite({
  pages = 2000,
  linksPerPage = 40,
  seed = 1,
  out,
  weight = 'light',
} = {}) {
  if (!out) throw new Error('generateSite: `out` (output directory) is required');
  if (weight !== 'light' && weight !== 'realistic') {
    throw new Error("generateSite: weight must be 'light' or 'realistic'");
  }
  if (!Number.isInteger(pages) || pages < 2) throw new Error('generateSite: pages must be ≥ 2');
  if (!Number.isInteger(linksPerPage) || linksPerPage < 0) {
    throw new Error('generateSite: linksPerPage must be a non-negative integer');
  }
  prepareOutDir(out);

  const rnd = mulberry32(seed);
  // Realistic weight draws from its own PRNG, so the pages' links, ids and planted errors are
  // the same as the light site's for the same seed (and the light output stays byte-identical).
  const heavy = weight === 'realistic' ? realisticWeight(seed) : undefined;
  const int = (n) => Math.floor(rnd() * n); // 0 … n-1
  const pick = (arr) => arr[int(arr.length)];
  const chance = (p) => rnd() < p;
  const words = (min, max) => {
    const n = min + int(max - min + 1);
    const w = [];
    for (let k = 0; k < n; k++) w.push(pick(WORDS));
    return w;
  };
  const sentence = () => {
    const n = 6 + int(10);
    const w = [];
    for (let k = 0; k < n; k++) w.push(chance(0.4) ? pick(FILLER) : pick(WORDS));
    const s = w.join(' ');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  const titleCase = (w) => w.map((x) => x[0].toUpperCase() + x.slice(1)).join(' ');

  // Pass 1: the outline of every page (title, headings with ids, extra anchors), so that links
  // in pass 2 can point at fragments that really exist on the target page.
  const outlines = [];
  for (let i = 0; i < pages; i++) {
    const title = i === 0 ? 'Example Docs' : titleCase(words(2, 4));
    const used = new Set(['content', 'on-this-page']);
    const uniqueId = (base) => {
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      return id;
    };
    const h1 = uniqueId(title.toLowerCase().replace(/ /g, '-'));
    const sections = [];
    const nSections = 3 + int(5);
    for (let s = 0; s < nSections; s++) {
      const text = titleCase(words(1, 3));
      const sub = [];
      const nSub = chance(0.5) ? 1 + int(2) : 0;
      for (let k = 0; k < nSub; k++) {
        const t = titleCase(words(1, 3));
        sub.push({ text: t, id: uniqueId(t.toLowerCase().replace(/ /g, '-')) });
      }
      sections.push({ text, id: uniqueId(text.toLowerCase().replace(/ /g, '-')), sub });
    }
    // Legacy <a name> anchors and ids on non-heading elements are fragment targets too.
    const names = [];
    if (chance(0.3)) names.push(uniqueId(`anchor-${pick(WORDS)}`));
    const extraIds = [];
    if (chance(0.5)) extraIds.push(uniqueId(`note-${pick(WORDS)}`));
    const fragments = [h1, ...sections.flatMap((s) => [s.id, ...s.sub.map((x) => x.id)])];
    fragments.push(...names, ...extraIds);
    outlines.push({ path: pagePath(i), title, h1, sections, names, extraIds, fragments });
  }

  const errors = [];
  const decoys = [];
  const totals = { pages, links: 0, contentLinks: 0, ids: 0, anchorNames: 0, headings: 0 };
  let bytes = 0;

  // Pass 2: render.
  for (let i = 0; i < pages; i++) {
    const page = outlines[i];
    heavy?.startPage();
    const here = page.path;
    const section = i === 0 ? 0 : Math.floor((i - 1) / PAGES_PER_SECTION);
    const nSectionsSite = Math.ceil((pages - 1) / PAGES_PER_SECTION);
    const sectionFirst = (s) => 1 + s * PAGES_PER_SECTION;
    const otherPage = () => {
      let j = int(pages);
      if (j === i) j = (j + 1) % pages;
      return j;
    };
    const countLink = () => {
      totals.links++;
    };
    const a = (href, text) => {
      countLink();
      return `<a href="${escapeAttr(href)}">${text}</a>`;
    };

    // --- content links ---
    const contentLinks = [];
    for (let k = 0; k < linksPerPage; k++) {
      const r = rnd();
      const text = escapeText(words(1, 4).join(' '));
      let href;
      if (r < 0.02) {
        // Planted: link to a page that does not exist.
        const missing = chance(0.5)
          ? `s${pad(int(nSectionsSite), 2)}/p${pad(pages + int(1000), 5)}.html`
          : `s${pad(section, 2)}/missing-${pick(WORDS)}.html`;
        href = relativeUrl(here, missing);
        errors.push({ kind: 'broken-link', page: here, href, target: missing });
      } else if (r < 0.04) {
        // Planted: existing page, fragment that is not defined on it.
        const t = outlines[otherPage()];
        const frag = `gone-${pick(WORDS)}-${int(100)}`;
        href = `${relativeUrl(here, t.path)}#${frag}`;
        errors.push({ kind: 'broken-fragment', page: here, href, target: `${t.path}#${frag}` });
      } else if (r < 0.05) {
        // Planted: same-page fragment that is not defined.
        const frag = `gone-${pick(WORDS)}-${int(100)}`;
        href = `#${frag}`;
        errors.push({ kind: 'broken-local-fragment', page: here, href, target: `${here}#${frag}` });
      } else if (r < 0.45) {
        const t = outlines[otherPage()];
        href = relativeUrl(here, t.path);
        if (chance(0.4)) href += '#' + pick(t.fragments);
      } else if (r < 0.6) {
        const t = outlines[otherPage()];
        href = '/' + t.path + (chance(0.3) ? '#' + pick(t.fragments) : '');
      } else if (r < 0.72) {
        href = '#' + pick(page.fragments);
      } else if (r < 0.85) {
        // External, with a query string whose `&` is entity-encoded in the source.
        href = `https://example.org/${pick(WORDS)}/${pick(WORDS)}?q=${pick(WORDS)}&lang=en`;
      } else if (r < 0.9) {
        href = chance(0.5) ? relativeUrl(here, 'index.html') : '/';
      } else {
        href = `mailto:${pick(WORDS)}@example.org`;
      }
      let inner = text;
      if (chance(0.1)) inner = `<code>${text}</code>`;
      else if (chance(0.05)) inner = `${text} &amp; ${escapeText(pick(WORDS))}`;
      contentLinks.push(a(href, inner));
    }
    totals.contentLinks += linksPerPage;

    // --- body ---
    const body = [];
    body.push(`<h1 id="${page.h1}">${escapeText(page.title)}</h1>`);
    totals.ids++;
    totals.headings++;
    let linkIndex = 0;
    const paragraphsLeft = () => {
      let n = 0;
      for (const s of page.sections) n += 2 + s.sub.length;
      return n;
    };
    const linksPerParagraph = Math.ceil(contentLinks.length / paragraphsLeft());
    const paragraph = () => {
      const parts = [];
      const nSentences = 2 + int(3);
      for (let k = 0; k < nSentences; k++) parts.push(sentence());
      for (let k = 0; k < linksPerParagraph && linkIndex < contentLinks.length; k++) {
        parts.splice(1 + int(parts.length), 0, contentLinks[linkIndex++]);
      }
      // The </p> end tag is optional in HTML; omit it sometimes (before a heading or <p>).
      return `<p>${parts.join(' ')}${chance(0.2) ? '' : '</p>'}`;
    };
    let anchorNamesLeft = [...page.names];
    let extraIdsLeft = [...page.extraIds];
    for (const s of page.sections) {
      body.push(`<h2 id="${s.id}">${escapeText(s.text)}</h2>`);
      totals.ids++;
      totals.headings++;
      body.push(paragraph());
      if (heavy) body.push(heavy.prose(page.sections.length));
      if (anchorNamesLeft.length > 0) {
        body.push(`<p><a name="${anchorNamesLeft[0]}"></a>${sentence()}</p>`);
        totals.anchorNames++;
        anchorNamesLeft = anchorNamesLeft.slice(1);
      }
      if (extraIdsLeft.length > 0) {
        body.push(`<div class="note" id="${extraIdsLeft[0]}"><p>${sentence()}</p></div>`);
        totals.ids++;
        extraIdsLeft = extraIdsLeft.slice(1);
      }
      body.push(paragraph());
      for (const sub of s.sub) {
        body.push(`<h3 id="${sub.id}">${escapeText(sub.text)}</h3>`);
        totals.ids++;
        totals.headings++;
        body.push(paragraph());
      }
    }
    // Any links not yet placed go into a final list.
    if (linkIndex < contentLinks.length) {
      body.push('<ul class="see-also">');
      while (linkIndex < contentLinks.length) body.push(`<li>${contentLinks[linkIndex++]}</li>`);
      body.push('</ul>');
    }

    // --- decoys: links that exist only inside comments, <template>, <script>, <style> ---
    const decoyHref = () => relativeUrl(here, `s${pad(section, 2)}/decoy-${pick(WORDS)}.html`);
    let headExtra = '';
    if (chance(0.1)) {
      const href = decoyHref();
      body.push(`<!-- old link, kept for reference: <a href="${href}">old page</a> -->`);
      decoys.push({ where: 'comment', page: here, href });
    }
    if (chance(0.1)) {
      const href = decoyHref();
      body.push(
        `<template id="row-template"><div id="tpl-row"><a href="${href}#tpl-frag">row</a></div></template>`,
      );
      totals.ids++; // the <template> element's own id counts; ids inside its content do not
      decoys.push({ where: 'template', page: here, href: `${href}#tpl-frag` });
    }
    let tailScript = '';
    if (chance(0.1)) {
      const href = decoyHref();
      tailScript = `<script>document.querySelector('#content').insertAdjacentHTML('beforeend', '<a href="${href}">late</a>');</script>\n`;
      decoys.push({ where: 'script', page: here, href });
    }
    if (chance(0.05)) {
      headExtra = `<style>a[href="#gone-style"] { color: red; } /* <a href="#gone-style"> */</style>\n`;
      decoys.push({ where: 'style', page: here, href: '#gone-style' });
    }

    // --- chrome: header, nav, aside, footer ---
    const header = [];
    header.push('<header class="site-header">');
    header.push(a(relativeUrl(here, 'index.html'), 'Example Docs'));
    header.push('<nav aria-label="Sections"><ul>');
    for (let s = 0; s < Math.min(nSectionsSite, 8); s++) {
      const first = sectionFirst(s);
      if (first < pages) {
        // Unclosed <li>: valid HTML, the next <li> or </ul> closes it.
        header.push(`<li>${a(relativeUrl(here, pagePath(first)), `Section ${s + 1}`)}`);
      }
    }
    header.push('</ul></nav>', '</header>');

    const sidebar = ['<aside class="sidebar"><nav aria-label="In this section"><ul>'];
    const first = i === 0 ? 1 : sectionFirst(section);
    const last = Math.min(pages - 1, first + PAGES_PER_SECTION - 1);
    const nSide = Math.min(12, last - first + 1);
    for (let k = 0; k < nSide; k++) {
      const j = first + Math.floor((k * (last - first + 1)) / nSide);
      sidebar.push(`<li>${a(relativeUrl(here, outlines[j].path), escapeText(outlines[j].title))}`);
    }
    sidebar.push('</ul></nav></aside>');

    const toc = ['<aside class="toc"><h2 id="on-this-page">On this page</h2><ul>'];
    totals.ids++;
    totals.headings++;
    for (const s of page.sections) toc.push(`<li>${a('#' + s.id, escapeText(s.text))}</li>`);
    toc.push('</ul></aside>');

    const prev = i > 0 ? outlines[i - 1] : null;
    const next = i + 1 < pages ? outlines[i + 1] : null;
    const footer = ['<footer class="site-footer">', '<p>'];
    if (prev) footer.push(a(relativeUrl(here, prev.path), `&larr; ${escapeText(prev.title)}`));
    if (next) footer.push(a(relativeUrl(here, next.path), `${escapeText(next.title)} &rarr;`));
    footer.push('</p>');
    footer.push(
      `<p>&copy; Example Docs &middot; ${a('/index.html#' + outlines[0].h1, 'Home')}</p>`,
    );
    if (heavy) {
      // A site-wide footer with columns of section links, as themes have.
      footer.push('<nav class="footer-columns" aria-label="Site">');
      for (let s = 0; s < Math.min(nSectionsSite, 12); s++) {
        const firstOf = sectionFirst(s);
        if (firstOf < pages) {
          footer.push(
            `<div class="col">${a(relativeUrl(here, pagePath(firstOf)), `Part ${s + 1}`)}</div>`,
          );
        }
      }
      footer.push('</nav>');
    }
    footer.push('</footer>');

    totals.ids++; // <main id="content">
    const description =
      i % 17 === 5 ? '' : `<meta name="description" content="${escapeAttr(sentence())}">\n`;
    const html =
      '<!DOCTYPE html>\n' +
      '<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
      `<title>${escapeText(page.title)} &middot; Example Docs</title>\n` +
      description +
      `<link rel="canonical" href="${BASE_URL}${here}">\n` +
      `<link rel="stylesheet" href="/assets/site.css">\n` +
      (heavy ? heavy.head(page, here, i) : '') +
      headExtra +
      '</head>\n<body>\n' +
      (heavy ? heavy.icons : '') +
      header.join('\n') +
      '\n<div class="layout">\n' +
      sidebar.join('\n') +
      '\n<main id="content">\n<article>\n' +
      body.join('\n') +
      (heavy ? heavy.figures(page) : '') +
      '\n</article>\n</main>\n' +
      toc.join('\n') +
      '\n</div>\n' +
      footer.join('\n') +
      '\n' +
      tailScript +
      (heavy ? heavy.script : '') +
      '</body>\n</html>\n';

    const file = join(out, here);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
    bytes += Buffer.byteLength(html);
  }

  const manifest = {
    generator: `linkworthy-bench/generate.mjs v${GENERATOR_VERSION}`,
    params: { pages, linksPerPage, seed, ...(heavy ? { weight } : {}) },
    baseUrl: BASE_URL,
    note:
      'Paths are relative to this directory. `errors` are planted on purpose and must be reported; ' +
      '`decoys` are links inside comments, <template>, <script> or <style> and must not be. ' +
      '`totals` counts what a correct extractor finds: a[href] links, element ids, a[name] anchors, h1-h6.',
    totals,
    errors,
    decoys,
  };
  writeFileSync(join(out, 'planted.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { out, files: pages, bytes, totals, errors: errors.length, decoys: decoys.length };
}

/**
 * The parts of a realistic page that carry weight but no links, ids or headings (so `totals` and
 * the planted errors stay those of the light page): a full head (viewport, Open Graph, Twitter
 * card, JSON-LD, 10–20 kB of inline CSS), inline SVG icons, 1,000–3,000 words of prose with
 * inline markup, lists and code blocks, figures with images, and an inline script. Pages come
 * out at 30–80 kB. Everything comes from its own seeded PRNG; prose is drawn from a pool of
 * sentences made once, so 100,000 pages take seconds, not minutes.
 */
function realisticWeight(seed) {
  const rnd = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (arr) => arr[int(arr.length)];
  const chance = (p) => rnd() < p;
  const cap = (s) => s[0].toUpperCase() + s.slice(1);

  const sentences = [];
  for (let k = 0; k < 4096; k++) {
    const n = 8 + int(12);
    const w = [];
    for (let j = 0; j < n; j++) w.push(chance(0.45) ? pick(FILLER) : pick(WORDS));
    const r = rnd();
    if (r < 0.15) w[int(n)] = `<code>${pick(WORDS)}.${pick(WORDS)}()</code>`;
    else if (r < 0.28) w[int(n)] = `<strong>${pick(WORDS)}</strong>`;
    else if (r < 0.35) w[int(n)] = `<em>${pick(WORDS)} ${pick(WORDS)}</em>`;
    sentences.push({ text: cap(w.join(' ')) + '.', words: n });
  }

  // Three stylesheets of about 10, 14 and 19 kB, inlined as static-site generators do.
  const props = [
    'margin:0 auto',
    'padding:.5rem 1rem',
    'display:flex',
    'gap:.75rem',
    'color:var(--fg)',
    'background:var(--bg-soft)',
    'border-radius:.375rem',
    'font-size:.9375rem',
    'line-height:1.6',
    'grid-template-columns:repeat(auto-fill,minmax(12rem,1fr))',
    'transition:color .2s ease-in-out',
    'box-shadow:0 1px 2px rgb(0 0 0/.08)',
    'max-width:72ch',
    'overflow-wrap:anywhere',
  ];
  const stylesheet = (bytes) => {
    const rules = [
      ':root{--fg:#1f2328;--bg:#fff;--bg-soft:#f6f8fa;--accent:#0969da;--border:#d0d7de}',
      '@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--bg-soft:#161b22}}',
    ];
    let size = rules.join('').length;
    while (size < bytes) {
      const n = 2 + int(4);
      const decl = [];
      for (let k = 0; k < n; k++) decl.push(pick(props));
      const rule = `.${pick(WORDS)}-${pick(WORDS)}${chance(0.3) ? `:${pick(['hover', 'focus-visible', 'first-child'])}` : ''}{${decl.join(';')}}`;
      rules.push(chance(0.1) ? `@media (min-width:${48 + int(40)}rem){${rule}}` : rule);
      size += rule.length;
    }
    return `<style>${rules.join('\n')}</style>\n`;
  };
  const styles = [stylesheet(10_000), stylesheet(14_000), stylesheet(19_000)];

  const fn = () =>
    `function ${pick(WORDS)}${cap(pick(WORDS))}(el,opts){const s=Object.assign({delay:${int(400)},key:'${pick(WORDS)}'},opts||{});` +
    `const nodes=el.querySelectorAll('[data-${pick(WORDS)}]');for(const n of nodes){n.addEventListener('click',()=>{` +
    `n.classList.toggle('is-${pick(WORDS)}');localStorage.setItem(s.key,String(n.dataset.${pick(WORDS)}||''));});}return nodes.length;}`;
  const scriptParts = [];
  for (let k = 0; k < 14; k++) scriptParts.push(fn());
  const script =
    `<script type="module">${scriptParts.join('\n')}\n` +
    "document.documentElement.dataset.theme=localStorage.getItem('theme')||'auto';</script>\n";

  const icon = () => {
    const d = [];
    for (let k = 0; k < 6; k++) d.push(`${int(24)}.${int(10)} ${int(24)}.${int(10)}`);
    return `<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M${d.join('L')}Z" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`;
  };
  const icons = `<div class="icons">${Array.from({ length: 8 }, icon).join('')}</div>\n`;

  let budget = 0;
  return {
    icons,
    script,
    startPage() {
      budget = 1000 + int(2001);
    },
    /** One section's share of the page's prose: paragraphs, sometimes a list or a code block. */
    prose(sections) {
      const out = [];
      let left = Math.ceil(budget / sections);
      while (left > 0) {
        const r = rnd();
        if (r < 0.08) {
          const items = [];
          for (let k = 3 + int(4); k > 0; k--) {
            const s = pick(sentences);
            items.push(`<li>${s.text}</li>`);
            left -= s.words;
          }
          out.push(`<ul>${items.join('')}</ul>`);
        } else if (r < 0.12) {
          const lines = [];
          for (let k = 3 + int(8); k > 0; k--) {
            lines.push(`${pick(WORDS)}.${pick(WORDS)}(&quot;${pick(WORDS)}&quot;, ${int(1000)});`);
          }
          out.push(`<pre><code class="language-js">${lines.join('\n')}</code></pre>`);
          left -= lines.length * 3;
        } else {
          const parts = [];
          for (let k = 3 + int(5); k > 0; k--) {
            const s = pick(sentences);
            parts.push(s.text);
            left -= s.words;
          }
          out.push(`<p>${parts.join(' ')}</p>`);
        }
      }
      return out.join('\n');
    },
    head(page, here, i) {
      const title = escapeText(page.title);
      const description = escapeAttr(pick(sentences).text.replace(/<[^>]+>/g, ''));
      const date = `2025-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;
      const jsonLd = {
        '@context': 'https://schema.org',
        '@type': 'TechArticle',
        headline: page.title,
        description,
        datePublished: date,
        dateModified: date,
        author: { '@type': 'Person', name: `${cap(pick(WORDS))} ${cap(pick(WORDS))}` },
        image: `${BASE_URL}assets/og/${here.replace(/\.html$/, '')}.png`,
        mainEntityOfPage: `${BASE_URL}${here}`,
        publisher: { '@type': 'Organization', name: 'Example Docs' },
      };
      return (
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
        '<meta name="generator" content="linkworthy-bench">\n' +
        `<meta property="og:title" content="${title}">\n` +
        `<meta property="og:description" content="${description}">\n` +
        `<meta property="og:url" content="${BASE_URL}${here}">\n` +
        '<meta property="og:type" content="article">\n' +
        `<meta property="og:image" content="${jsonLd.image}">\n` +
        '<meta name="twitter:card" content="summary_large_image">\n' +
        `<meta property="article:published_time" content="${date}">\n` +
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml">\n' +
        '<link rel="preload" href="/assets/inter.woff2" as="font" type="font/woff2" crossorigin>\n' +
        `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>\n` +
        pick(styles)
      );
    },
    figures(page) {
      const out = [];
      for (let k = 1 + int(4); k > 0; k--) {
        const name = `${pick(WORDS)}-${pick(WORDS)}-${int(1000)}`;
        const w = 640 + 80 * int(9);
        out.push(
          `\n<figure><img src="/assets/img/${name}.webp" srcset="/assets/img/${name}-480.webp 480w, /assets/img/${name}-960.webp 960w" sizes="(max-width: 60rem) 100vw, 60rem" alt="${escapeAttr(page.title)}: ${pick(WORDS)} ${pick(WORDS)}" width="${w}" height="${Math.round(w * 0.5625)}" loading="lazy" decoding="async"><figcaption>${pick(sentences).text}</figcaption></figure>`,
        );
      }
      return out.join('');
    },
  };
}

/** Creates `out`, or empties it if it holds an earlier generated site. Refuses anything else. */
function prepareOutDir(out) {
  if (!existsSync(out)) {
    mkdirSync(out, { recursive: true });
    return;
  }
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  if (!entries.includes('planted.json')) {
    throw new Error(
      `generateSite: ${out} is not empty and has no planted.json; refusing to overwrite it`,
    );
  }
  for (const entry of entries) rmSync(join(out, entry), { recursive: true, force: true });
}

function parseArgs(argv) {
  const opts = { pages: 2000, linksPerPage: 40, seed: 1, out: undefined, weight: 'light' };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const value = argv[k + 1];
    if (arg === '--pages') ((opts.pages = Number(value)), k++);
    else if (arg === '--links') ((opts.linksPerPage = Number(value)), k++);
    else if (arg === '--seed') ((opts.seed = Number(value)), k++);
    else if (arg === '--out') ((opts.out = value), k++);
    else if (arg === '--weight') ((opts.weight = value), k++);
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  return opts;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help || !opts.out) {
    console.log(
      'usage: node bench/generate.mjs --pages 2000 --links 40 --out bench/.work/site-2000 [--seed 1] [--weight light|realistic]',
    );
    process.exit(opts.help ? 0 : 1);
  }
  const result = generateSite(opts);
  console.log(
    `wrote ${result.files} pages (${(result.bytes / 1e6).toFixed(1)} MB) to ${result.out}: ` +
      `${result.totals.links} links, ${result.totals.ids} ids, ` +
      `${result.errors} planted errors, ${result.decoys} decoys (see planted.json)`,
  );
}

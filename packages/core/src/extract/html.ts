import {
  emptyPage,
  type HeadingFact,
  type LinkFact,
  type LinkRegion,
  type PageFacts,
} from '../model/facts.js';
import { infographicTitleMarker } from '../embed/marker.js';
import { looksLikeEmbedCode, readEmbedCode } from '../embed/read.js';
import { urlForBuiltFile } from '../util/built-url.js';
import { LineIndex } from '../util/lines.js';
import { HtmlContentReader } from './content.js';
import { readHtmlEvents, type TagAttributes } from './html-events.js';
import { TermCounter } from './terms.js';
import { collapseWhitespace, countWords, type ProseSigns } from './text.js';

export interface HtmlExtractOptions {
  /** Path of the file relative to the site root, `/`-separated. */
  file: string;
  /** URL path the page is served at; derived from `file` when omitted. */
  url?: string;
  /** `false` skips `terms` (read only by `link-suggestion`), which saves time. Default `true`. */
  terms?: boolean;
}

/** Elements whose contents are never part of the page as a reader or crawler sees it. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'textarea']);
/** Elements in which a `<header>` or `<footer>` belongs to that section, not to the page. */
const SECTIONING_ELEMENTS = new Set(['article', 'aside', 'main', 'nav', 'section']);
const HEADING_DEPTH: Record<string, HeadingFact['depth']> = {
  h1: 1,
  h2: 2,
  h3: 3,
  h4: 4,
  h5: 5,
  h6: 6,
};

interface Frame {
  name: string;
  region: LinkRegion;
  inSection: boolean;
  /** Inside `<pre>` or `<code>`: not prose, so no terms. */
  code: boolean;
  /** Inside `<main>` (or `role="main"`): when a page has one, only its text gives terms. */
  main: boolean;
}

export { urlForBuiltFile };

/**
 * Reads built HTML into page facts with a streaming tokenizer: no DOM is built, which keeps
 * extraction at tokenizer speed (figures in bench/README.md). Never throws: what cannot be read
 * becomes a problem on the page.
 */
export function extractHtml(input: string | Uint8Array, options: HtmlExtractOptions): PageFacts {
  const page = emptyPage(options.file, 'html');
  page.url = options.url ?? urlForBuiltFile(options.file);

  const text = decodeHtml(input, page);
  if (text === undefined) return page;

  let lines: LineIndex | undefined;
  const positionAt = (offset: number) => (lines ??= new LineIndex(text)).position(offset);

  const stack: Frame[] = [
    { name: '#document', region: 'content', inSection: false, code: false, main: false },
  ];
  const terms = options.terms === false ? undefined : new TermCounter();
  const mainTerms = new TermCounter();
  const ids = new Set<string>();
  const content = new HtmlContentReader(positionAt);
  let headingWordsBefore = 0;
  let hiddenDepth = 0;
  let svgDepth = 0;
  let words = 0;
  const signs: ProseSigns = { digit: false };

  // Link and heading text as strings that grow, not arrays joined at the end: one fewer
  // allocation per link (70 on a typical page), and most texts are one text node anyway.
  let link: { fact: LinkFact; text: string } | undefined;
  let heading: { fact: HeadingFact; text: string } | undefined;
  let title: string[] | undefined;
  let jsonLd: { text: string[]; offset: number } | undefined;
  let impliedLinkCloseAt: number | undefined;
  let textarea: { text: string[]; offset: number } | undefined;
  let infographicFigure: { title: string; credit?: string; depth: number } | undefined;
  let bodySeen = false;

  readHtmlEvents(text, {
    open(name, attributes, offset) {
      if (name === 'a' && impliedLinkCloseAt === offset && link === undefined) {
        page.problems.push({
          message: 'A link starts inside another link; browsers end the first link here.',
          position: positionAt(offset),
        });
      }
      impliedLinkCloseAt = undefined;

      const parent = stack[stack.length - 1]!;
      stack.push({
        name,
        region: regionOf(name, attributes, parent),
        inSection: parent.inSection || SECTIONING_ELEMENTS.has(name),
        code: parent.code || name === 'pre' || name === 'code',
        main: parent.main || name === 'main' || attributes.role?.toLowerCase() === 'main',
      });

      if (name === 'script' && attributes.type?.toLowerCase() === 'application/ld+json') {
        jsonLd = { text: [], offset };
      }
      if (name === 'textarea' && hiddenDepth === 0 && isCopyBox(attributes)) {
        textarea = { text: [], offset };
      }
      if (name === 'body') bodySeen = true;
      if (HIDDEN_ELEMENTS.has(name)) hiddenDepth++;
      if (name === 'svg') svgDepth++;
      if (hiddenDepth > 0) return;

      const id = attributes.id;
      if (id) ids.add(id);
      const region = stack[stack.length - 1]!.region;
      if (region === 'content') content.open(name, attributes, stack.length - 1, offset);
      if (name === 'meta') content.meta(attributes);
      if (HEADING_DEPTH[name] !== undefined) headingWordsBefore = words;

      switch (name) {
        case 'a':
        case 'area': {
          if (name === 'a' && attributes.name) ids.add(attributes.name);
          // `<h2><a name="x"></a>Title</h2>` (DocBook): the anchor is the heading's fragment.
          const anchor = id || attributes.name;
          if (heading && heading.fact.id === undefined && anchor) heading.fact.id = anchor;
          if (attributes.href === undefined) break;
          const fact: LinkFact = {
            href: attributes.href.trim(),
            text: '',
            rel: splitTokens(attributes.rel),
            region,
            position: positionAt(offset),
          };
          const label = collapseWhitespace(attributes.ariaLabel ?? '');
          if (label) fact.label = label;
          page.links.push(fact);
          if (name === 'a') link = { fact, text: '' };
          else fact.text = collapseWhitespace(attributes.alt ?? '');
          break;
        }
        case 'img': {
          const alt = attributes.alt;
          if (link && alt) link.text += ` ${alt} `;
          if (attributes.src === undefined) break;
          page.images.push({
            src: attributes.src.trim(),
            ...(alt === undefined ? {} : { alt }),
            ...(attributes.width === undefined ? {} : { width: attributes.width }),
            ...(attributes.height === undefined ? {} : { height: attributes.height }),
            region,
            position: positionAt(offset),
          });
          // `title="Infographic: …"`: Markdown's inline form, rendered by any processor.
          const marker =
            attributes.dataInfographic ??
            infographicFigure?.title ??
            infographicTitleMarker(attributes.title);
          if (marker !== undefined) {
            const title = collapseWhitespace(marker);
            const credit = collapseWhitespace(
              attributes.dataCredit ?? infographicFigure?.credit ?? '',
            );
            (page.infographics ??= []).push({
              src: attributes.src.trim(),
              ...(title ? { title } : {}),
              ...(credit ? { credit } : {}),
              ...(alt === undefined ? {} : { alt }),
              ...(attributes.width === undefined ? {} : { width: attributes.width }),
              ...(attributes.height === undefined ? {} : { height: attributes.height }),
              position: positionAt(offset),
            });
          }
          break;
        }
        case 'figure':
          if (attributes.dataInfographic !== undefined) {
            infographicFigure = {
              title: attributes.dataInfographic,
              depth: stack.length,
              ...(attributes.dataCredit ? { credit: attributes.dataCredit } : {}),
            };
          }
          break;
        case 'title':
          if (svgDepth === 0 && page.title === undefined) title = [];
          break;
        case 'html':
          if (attributes.lang) page.lang = attributes.lang;
          break;
        case 'head':
          content.collector.facts.head ??= positionAt(offset);
          break;
        case 'meta':
          readMeta(attributes, page);
          break;
        case 'link':
          if (splitTokens(attributes.rel).includes('canonical') && attributes.href) {
            page.meta.canonical ??= attributes.href.trim();
          }
          if (
            attributes.type?.toLowerCase() === 'application/json+oembed' &&
            splitTokens(attributes.rel).includes('alternate') &&
            attributes.href !== undefined
          ) {
            (page.oembedLinks ??= []).push({
              href: attributes.href.trim(),
              inHead: !bodySeen,
              position: positionAt(offset),
            });
          }
          if (
            attributes.hreflang &&
            attributes.href &&
            !bodySeen &&
            splitTokens(attributes.rel).includes('alternate')
          ) {
            (page.alternates ??= []).push({
              href: attributes.href.trim(),
              hreflang: attributes.hreflang.trim(),
            });
          }
          break;
        default: {
          const depth = HEADING_DEPTH[name];
          if (depth !== undefined && svgDepth === 0) {
            const fact: HeadingFact = { depth, text: '', position: positionAt(offset) };
            if (id) fact.id = id;
            heading = { fact, text: '' };
          }
        }
      }
    },

    close(name, implied, offset) {
      let index = stack.length - 1;
      while (index > 0 && stack[index]!.name !== name) index--;
      if (index === 0) return;
      // Pops, not `stack.length = index`: shrinking an array by its length is a slow path in V8.
      while (stack.length > index) stack.pop();
      content.close(name, index);

      if (name === 'script' && jsonLd) {
        readJsonLd(jsonLd.text.join(''), page, positionAt(jsonLd.offset));
        content.jsonLd(jsonLd.text.join(''));
        jsonLd = undefined;
      }
      if (name === 'textarea' && textarea) {
        const code = textarea.text.join('');
        if (looksLikeEmbedCode(code)) {
          (page.embedCodes ??= []).push({
            ...readEmbedCode(code),
            ...(code.length <= 20_000 ? { code: code.trim() } : {}),
            position: positionAt(textarea.offset),
          });
        }
        textarea = undefined;
      }
      if (name === 'figure' && infographicFigure && index + 1 <= infographicFigure.depth) {
        infographicFigure = undefined;
      }
      if (HIDDEN_ELEMENTS.has(name)) hiddenDepth--;
      if (name === 'svg') svgDepth--;
      if (name === 'a' && link) {
        link.fact.text = collapseWhitespace(link.text);
        link = undefined;
        if (implied) impliedLinkCloseAt = offset;
      } else if (name === 'title' && title) {
        page.title = collapseWhitespace(title.join(''));
        title = undefined;
      } else if (heading && HEADING_DEPTH[name] === heading.fact.depth) {
        heading.fact.text = collapseWhitespace(heading.text);
        page.headings.push(heading.fact);
        content.collector.heading(heading.fact.text, headingWordsBefore);
        heading = undefined;
      }
    },

    text(data, offset) {
      if (jsonLd) {
        jsonLd.text.push(data);
        return;
      }
      if (title) {
        title.push(data);
        return;
      }
      textarea?.text.push(data);
      if (hiddenDepth > 0) return;
      if (link) link.text += data;
      if (heading) heading.text += data;
      const frame = stack[stack.length - 1]!;
      if (frame.region !== 'content') return;
      // Link text tells what the target is about, not this page.
      if (frame.code || link || !terms) {
        signs.digit = false;
        words += countWords(data, signs);
        if (!frame.code) content.text(data, offset, signs);
        return;
      }
      content.text(data, offset);
      words += (frame.main ? mainTerms : terms).add(
        data,
        heading ? undefined : (at) => positionAt(offset + at),
      );
    },
  });

  if (impliedLinkCloseAt !== undefined && impliedLinkCloseAt >= text.length) {
    page.problems.push({
      message: 'A link is never closed before the end of the file (missing `</a>`).',
    });
  }
  const commentStart = lastCommentStart(text);
  if (commentStart !== -1 && text.indexOf('-->', commentStart + 4) === -1) {
    page.problems.push({
      message: 'A comment is never closed (missing `-->`): everything after it is hidden.',
      position: positionAt(commentStart),
    });
  }

  for (const headingFact of page.headings) if (headingFact.id) ids.add(headingFact.id);
  page.ids = [...ids];
  page.wordCount = words;
  page.content = content.collector.finish(words);
  if (terms) page.terms = (mainTerms.size > 0 ? mainTerms : terms).top();
  return page;
}

/**
 * `text.lastIndexOf('<!--')`, searching forwards for `!--`: V8's `lastIndexOf` compares at every
 * position from the end (1 % of extraction), and `indexOf('<!--')` stops at every tag, while `!`
 * is rare in HTML.
 */
function lastCommentStart(text: string): number {
  let last = -1;
  for (let at = text.indexOf('!--', 1); at !== -1; at = text.indexOf('!--', at + 1)) {
    if (text.charCodeAt(at - 1) === 0x3c) last = at - 1;
  }
  return last;
}

/**
 * A `<textarea>` that offers code to copy (read-only, marked `data-linkworthy-embed`, selecting
 * itself on click, or named "embed") rather than a form field.
 */
function isCopyBox(attributes: TagAttributes): boolean {
  if (attributes.readonly !== undefined || attributes.dataLinkworthyEmbed !== undefined) {
    return true;
  }
  if (/select\(\)/.test(`${attributes.onclick ?? ''} ${attributes.onfocus ?? ''}`)) return true;
  return /embed/i.test(`${attributes.class ?? ''} ${attributes.id ?? ''} ${attributes.name ?? ''}`);
}

function regionOf(name: string, attributes: TagAttributes, parent: Frame): LinkRegion {
  const role = attributes.role?.toLowerCase();
  if (name === 'nav' || role === 'navigation') return 'nav';
  if (name === 'aside' || role === 'complementary') return 'aside';
  if (name === 'main' || role === 'main') return 'content';
  // A header or footer inside an article or section is that section's own, not site chrome.
  if ((name === 'header' || role === 'banner') && !parent.inSection) return 'header';
  if ((name === 'footer' || role === 'contentinfo') && !parent.inSection) return 'footer';
  return parent.region;
}

function readMeta(attributes: TagAttributes, page: PageFacts): void {
  const content = attributes.content;
  if (content === undefined) return;
  if (attributes.httpEquiv?.toLowerCase() === 'refresh') {
    const refresh = parseRefresh(content);
    if (refresh && !page.meta.refresh) page.meta.refresh = refresh;
    return;
  }
  const name = (attributes.name ?? attributes.property ?? '').toLowerCase();
  if (name === 'description') page.meta.description ??= content.trim();
  else if (name === 'robots') page.meta.robots.push(...splitTokens(content, /[\s,]+/));
  else if (name.startsWith('og:') || name.startsWith('twitter:')) {
    page.meta.social[name] ??= content.trim();
  }
}

/**
 * `0; url=/new/` → `{ delay: 0, url: '/new/' }`, as browsers read it (HTML's declarative refresh:
 * `;` or `,`, an optional `url=`, optional quotes). Undefined without a URL (a page that only
 * reloads itself).
 */
export function parseRefresh(content: string): { delay: number; url: string } | undefined {
  const match = /^\s*(\d*(?:\.\d*)?)[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?([\s\S]*)$/i.exec(content);
  if (!match || match[1] === '' || match[1] === '.') return undefined;
  let url = match[2]!.trim();
  const quote = url[0];
  if (quote === '"' || quote === "'") {
    const end = url.indexOf(quote, 1);
    url = url.slice(1, end === -1 ? undefined : end).trim();
  }
  if (url === '') return undefined;
  return { delay: Math.floor(Number(match[1])), url };
}

function readJsonLd(
  json: string,
  page: PageFacts,
  position: PageFacts['headings'][number]['position'],
): void {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    page.problems.push({
      message: `A JSON-LD block is not valid JSON (${(error as Error).message}); search engines ignore it.`,
      ...(position ? { position } : {}),
    });
    return;
  }
  const types = new Set(page.meta.jsonLdTypes);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const type = record['@type'];
    for (const value of Array.isArray(type) ? type : [type]) {
      if (typeof value === 'string') types.add(value);
    }
    if (record['@graph']) visit(record['@graph']);
  };
  visit(data);
  page.meta.jsonLdTypes = [...types];
}

function splitTokens(value: string | undefined, separator = /\s+/): string[] {
  if (!value) return [];
  return value
    .toLowerCase()
    .split(separator)
    .filter((token) => token.length > 0);
}

/**
 * Bytes → text: refuses binary data, honours a declared legacy charset, else UTF-8.
 * Returns undefined (with a problem on the page) when the file is not text.
 */
function decodeHtml(input: string | Uint8Array, page: PageFacts): string | undefined {
  if (typeof input === 'string') return input;
  const head = input.subarray(0, 8192);
  if (head.includes(0)) {
    page.partial = true;
    page.problems.push({
      message: 'The file is binary data, not HTML text; it was skipped.',
    });
    return undefined;
  }
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(
    new TextDecoder('latin1').decode(input.subarray(0, 1024)),
  )?.[1];
  let label = 'utf-8';
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      new TextDecoder(declared);
      label = declared;
    } catch {
      page.problems.push({
        message: `The page declares an unknown charset \`${declared}\`; it was read as UTF-8.`,
      });
    }
  }
  return new TextDecoder(label).decode(input);
}

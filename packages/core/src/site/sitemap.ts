import { gunzipSync } from 'node:zlib';
import type { PageFacts } from '../model/facts.js';
import { LineIndex } from '../util/lines.js';
import { isNoindex, isNotFoundPage } from './graph.js';
import type { Site } from './site.js';
import { decodePath, pageKey } from './url.js';

/**
 * XML sitemaps (sitemaps.org 0.9): `<urlset>` files and `<sitemapindex>` files that list other
 * sitemaps. Read with a small scanner rather than an XML parser: only `<loc>` inside `<url>` or
 * `<sitemap>` matters, with CDATA, entities, comments and namespace prefixes handled.
 */

export interface SitemapLoc {
  /** The URL, entity-decoded and trimmed. */
  loc: string;
  /** 1-based line and column of the `<loc>` element. */
  line: number;
  column: number;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'sitemapindex' | 'unknown';
  /** `<url><loc>` entries of a urlset, or `<sitemap><loc>` entries of an index. */
  entries: SitemapLoc[];
}

/** A sitemap file read from the output folder. */
export interface SitemapFile extends ParsedSitemap {
  /** Path relative to the output root, `/`-separated. */
  file: string;
}

/** One `<url>` of a sitemap, with the file and line it is listed at. */
export interface SitemapEntry extends SitemapLoc {
  file: string;
}

/** A `<sitemap>` of an index that points at no sitemap of the site. */
export interface MissingSitemap extends SitemapLoc {
  file: string;
}

export interface Sitemaps {
  files: SitemapFile[];
  /** Every `<url>` entry of every sitemap read, in file order. */
  entries: SitemapEntry[];
  /** Index entries whose sitemap is not in the output folder (on this site's host). */
  missing: MissingSitemap[];
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes XML's five named entities and numeric references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) {
      return safeCodePoint(Number.parseInt(name.slice(2), 16)) ?? whole;
    }
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10)) ?? whole;
    return ENTITIES[name] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : undefined;
}

/** Bytes or text → text; gzip (by magic number) is inflated. Undefined when it cannot be read. */
export function sitemapText(content: string | Uint8Array): string | undefined {
  if (typeof content === 'string') return content;
  let bytes = content;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return undefined;
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Reads the `<loc>` entries of a sitemap or sitemap index. Never throws. */
export function parseSitemap(content: string | Uint8Array): ParsedSitemap {
  const text = sitemapText(content);
  if (text === undefined) return { kind: 'unknown', entries: [] };
  const lines = new LineIndex(text);
  const result: ParsedSitemap = { kind: 'unknown', entries: [] };
  // Tags, comments, CDATA sections and processing instructions, in document order.
  const token =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<(\/?)(?:[\w.-]+:)?([\w.-]+)[^>]*?(\/?)>/g;
  /** The element each open `<url>`/`<sitemap>`/`<loc>` sits in. */
  let container: 'url' | 'sitemap' | undefined;
  /** Elements open inside the container: only its direct `<loc>` counts (not `<image:loc>`). */
  let depth = 0;
  let loc: { text: string[]; offset: number } | undefined;
  let last = 0;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    if (loc) loc.text.push(text.slice(last, match.index));
    last = token.lastIndex;
    const [whole, cdata, closing, rawName, selfClosing] = match;
    if (whole.startsWith('<!--') || whole.startsWith('<?')) continue;
    if (cdata !== undefined) {
      // CDATA is literal text: mark it so entity decoding leaves it alone.
      if (loc) loc.text.push(`\u0000${cdata}\u0000`);
      continue;
    }
    const name = rawName!.toLowerCase();
    if (selfClosing) continue;
    if (!closing) {
      if (result.kind === 'unknown' && (name === 'urlset' || name === 'sitemapindex')) {
        result.kind = name;
      }
      if (container) {
        if (name === 'loc' && depth === 0) loc = { text: [], offset: match.index };
        depth++;
      } else if (name === 'url' || name === 'sitemap') {
        container = name;
        depth = 0;
      }
      continue;
    }
    if (name === container) {
      // Closes the container even when something inside it was left open.
      container = undefined;
      loc = undefined;
      continue;
    }
    if (container && depth > 0) depth--;
    if (name === 'loc' && loc) {
      const value = loc.text
        .join('')
        .split('\u0000')
        .map((part, index) => (index % 2 === 1 ? part : decodeXmlEntities(part)))
        .join('')
        .trim();
      const position = lines.position(loc.offset);
      if (value !== '') result.entries.push({ loc: value, ...position });
      loc = undefined;
    }
  }
  return result;
}

/** Where the sitemap at a URL lives in the output folder, if it is this site's. */
export type SitemapLocator = (url: string) => string | undefined;

/**
 * Reads the site's sitemaps: the given starting files (those that exist), then every sitemap an
 * index lists that `locate` maps into the output folder, nested to any depth, each file once.
 */
export function readSitemaps(
  start: readonly string[],
  read: (file: string) => string | Uint8Array | undefined,
  locate: SitemapLocator,
): Sitemaps | undefined {
  const result: Sitemaps = { files: [], entries: [], missing: [] };
  const seen = new Set<string>();
  /** Files to read, each with the index entry that listed it (none for the starting files). */
  const queue: { file: string; listedBy?: MissingSitemap }[] = start.map((file) => ({ file }));
  for (let head = 0; head < queue.length; head++) {
    const { file, listedBy } = queue[head]!;
    if (seen.has(file)) continue;
    seen.add(file);
    const content = read(file);
    if (content === undefined) {
      if (listedBy) result.missing.push(listedBy);
      continue;
    }
    const parsed = parseSitemap(content);
    result.files.push({ file, ...parsed });
    for (const entry of parsed.entries) {
      if (parsed.kind !== 'sitemapindex') {
        result.entries.push({ ...entry, file });
        continue;
      }
      const child = locate(entry.loc);
      if (child !== undefined) queue.push({ file: child, listedBy: { ...entry, file } });
    }
  }
  return result.files.length === 0 ? undefined : result;
}

/** Why a page should not be in a sitemap (and is no candidate for `not-in-sitemap`). */
export interface NotIndexable {
  reason: 'noindex' | 'canonical' | 'robots' | 'not-found' | 'redirect';
  /** The canonical URL, the robots.txt rule, or the redirect's destination. */
  detail?: string;
  /** For `robots`: the line of the rule in robots.txt. */
  line?: number;
}

/**
 * Whether search engines may index the page, and if not why: a robots `noindex` (or `none`)
 * meta, a canonical URL naming another page, a robots.txt rule that blocks `userAgent`, a "not
 * found" page, or a redirect page (meta refresh).
 */
export function notIndexable(
  site: Site,
  page: PageFacts,
  userAgent: string,
): NotIndexable | undefined {
  if (page.meta.refresh && site.resolvePath(page.url ?? '/').hops.length > 0) {
    return { reason: 'redirect', detail: page.meta.refresh.url };
  }
  if (isNotFoundPage(page)) return { reason: 'not-found' };
  if (isNoindex(page)) return { reason: 'noindex' };
  const canonical = canonicalElsewhere(site, page);
  if (canonical !== undefined) return { reason: 'canonical', detail: canonical };
  const url = site.publicUrl(page);
  const verdict = url === undefined ? undefined : site.robots?.verdict(url, userAgent);
  if (verdict && !verdict.allowed) {
    return {
      reason: 'robots',
      ...(verdict.rule
        ? { detail: `Disallow: ${verdict.rule.pattern}`, line: verdict.rule.line }
        : {}),
    };
  }
  return undefined;
}

/** The page's canonical URL when it names another page or site; undefined when it is itself. */
export function canonicalElsewhere(site: Site, page: PageFacts): string | undefined {
  const canonical = page.meta.canonical;
  if (canonical === undefined || canonical === '' || page.url === undefined) return undefined;
  const path = site.sitePathOf(canonical, page.url);
  if (path === undefined) return /^(https?:)?\/\//i.test(canonical) ? canonical : undefined;
  if (pageKey(path) === pageKey(decodePath(page.url))) return undefined;
  return site.pageAt(path) === page ? undefined : canonical;
}

import type { LinkFact, PageFacts } from '../model/facts.js';
import {
  decodePath,
  joinBase,
  normalizeBase,
  originOf,
  pageKey,
  resolveFilePath,
  resolveHref,
  sourceFileCandidates,
  type HrefTarget,
  type UrlContext,
} from './url.js';

export interface SiteOptions {
  /** The deployed origin (`https://example.com`): absolute links to it count as internal. */
  site?: string;
  /** The base path the site is served under (`/docs/`). */
  base?: string;
  /**
   * Files that exist besides the pages (images, PDFs, feeds), `/`-separated and relative to the
   * site root: links to them are not broken.
   */
  files?: Iterable<string>;
  /** Markdown/MDX sources read besides the pages (the ones built pages were traced back to). */
  sources?: readonly PageFacts[];
}

export type LinkStatus =
  /** Not a web link (`mailto:`, `tel:`, `javascript:`) or empty. */
  | 'skipped'
  | 'external'
  /** Resolves to a page or file of the site. */
  | 'ok'
  /** Internal, and nothing of the site is there. */
  | 'missing'
  /** Points outside the base path; `suggestion` is set when adding the base would fix it. */
  | 'outside-base'
  /** A Markdown link that climbs above the site root; never followed. */
  | 'outside-root'
  /** Cannot be decided from what is known (a root-relative URL in Markdown with no URL map). */
  | 'unknown';

export type FragmentStatus = 'none' | 'ok' | 'missing' | 'unchecked';

export interface ResolvedLink {
  link: LinkFact;
  /** Index in the page's `links`. */
  index: number;
  status: LinkStatus;
  /** The page the link leads to, when it leads to a page. */
  page?: PageFacts;
  /** The site path the link resolves to (no base), for messages and suggestions. */
  path?: string;
  fragment?: string;
  fragmentStatus: FragmentStatus;
  /** For Markdown's file-relative links: the file path the link resolves to, from the root. */
  filePath?: string;
  /** A fixed href, when an obvious one exists (the base path added). */
  suggestion?: string;
}

/**
 * The merged site: every page's facts, indexed by URL and by file, and every link resolved
 * once. Resolution is a hash join of link targets against known URLs, files and ids: no crawl,
 * no second parse of a target per fragment.
 */
export class Site {
  readonly pages: readonly PageFacts[];
  /** Sources read besides the pages: rules about the input itself (`parse-error`) see them too. */
  readonly sources: readonly PageFacts[];
  readonly context: UrlContext;
  private readonly byKey = new Map<string, PageFacts>();
  private readonly byFile = new Map<string, PageFacts>();
  private readonly files: Set<string>;
  private readonly idSets = new Map<PageFacts, Set<string>>();
  private readonly resolved = new Map<PageFacts, ResolvedLink[]>();
  private readonly hasUrls: boolean;

  constructor(pages: readonly PageFacts[], options: SiteOptions = {}) {
    this.pages = pages;
    this.sources = options.sources ?? [];
    const origin = originOf(options.site);
    this.context = { base: normalizeBase(options.base), ...(origin ? { origin } : {}) };
    this.files = new Set([...(options.files ?? [])].map((file) => file.normalize('NFC')));
    for (const page of pages) {
      this.byFile.set(page.file.normalize('NFC'), page);
      this.files.add(page.file.normalize('NFC'));
      if (page.url === undefined) continue;
      const key = pageKey(decodePath(page.url));
      if (!this.byKey.has(key)) this.byKey.set(key, page);
      // Static hosts serve `a.html` at `/a` too ("clean URLs").
      const clean = key.replace(/\.html?$/i, '');
      if (clean !== key && !this.byKey.has(clean)) this.byKey.set(clean, page);
    }
    this.hasUrls = this.byKey.size > 0;
  }

  /** The page served at a site path (no base), if any. */
  pageAt(path: string): PageFacts | undefined {
    return this.byKey.get(pageKey(path));
  }

  pageOfFile(file: string): PageFacts | undefined {
    return this.byFile.get(file.normalize('NFC'));
  }

  /** The URL path users see for a page, with the base path. */
  publicUrl(page: PageFacts): string | undefined {
    return page.url === undefined ? undefined : joinBase(this.context.base, page.url);
  }

  /** Site paths of every page, for did-you-mean suggestions. */
  pageUrls(): string[] {
    return this.pages.flatMap((page) => (page.url === undefined ? [] : [page.url]));
  }

  idsOf(page: PageFacts): Set<string> {
    let ids = this.idSets.get(page);
    if (!ids) {
      ids = new Set(page.ids);
      this.idSets.set(page, ids);
    }
    return ids;
  }

  /** Every link of the page, resolved (computed once, then cached). */
  linksOf(page: PageFacts): readonly ResolvedLink[] {
    let links = this.resolved.get(page);
    if (!links) {
      links = page.links.map((link, index) => this.resolveLink(page, link, index));
      this.resolved.set(page, links);
    }
    return links;
  }

  private resolveLink(page: PageFacts, link: LinkFact, index: number): ResolvedLink {
    const target = resolveHref(link.href, page.url, this.context);
    const base = { link, index, fragmentStatus: 'none' as FragmentStatus };
    if (target.kind === 'skip') return { ...base, status: 'skipped' };
    if (target.kind === 'external') return { ...base, status: 'external' };

    const found: ReturnType<Site['locate']> = target.samePage
      ? { page }
      : this.locate(page, target);
    const result: ResolvedLink = {
      ...base,
      status: found.status ?? 'ok',
      path: target.path,
      ...(found.page ? { page: found.page } : {}),
      ...(found.suggestion ? { suggestion: found.suggestion } : {}),
      ...(found.filePath === undefined ? {} : { filePath: found.filePath }),
    };
    if (target.fragment !== undefined && target.fragment !== '') {
      result.fragment = target.fragment;
      result.fragmentStatus =
        result.status === 'ok' && found.page
          ? this.checkFragment(found.page, target.fragment)
          : 'unchecked';
    }
    return result;
  }

  private locate(
    from: PageFacts,
    target: Extract<HrefTarget, { kind: 'internal' }>,
  ): { page?: PageFacts; status?: LinkStatus; suggestion?: string; filePath?: string } {
    const isSource = from.format !== 'html';
    if (isSource && target.relativePath !== undefined) {
      const viaFile = this.locateFile(from, target.relativePath);
      if (viaFile.status !== 'missing' || from.url === undefined) return viaFile;
    }
    if (target.outsideBase) {
      // A root-relative link that forgot the base path; anything else outside the base may be
      // another application on the same host, which this site cannot know about.
      const withBase = this.byKey.get(pageKey(target.path));
      return withBase
        ? { status: 'outside-base', suggestion: joinBase(this.context.base, target.path) }
        : { status: 'unknown' };
    }
    const page = this.pageAt(target.path);
    if (page) return { page };
    const asFile = target.path.replace(/^\//, '');
    if (this.files.has(asFile) || this.files.has(`${asFile.replace(/\/$/, '')}/index.html`)) {
      return {};
    }
    if (isSource && !this.hasUrls) return { status: 'unknown' };
    return { status: 'missing' };
  }

  /** Markdown's file-relative links: `../guide.md#x`, `./setup/`, `img/a.png`. */
  private locateFile(
    from: PageFacts,
    relativePath: string,
  ): { page?: PageFacts; status?: LinkStatus; filePath?: string } {
    const path = resolveFilePath(from.file, relativePath);
    if (path === undefined) return { status: 'outside-root' };
    const candidates = sourceFileCandidates(path);
    for (const candidate of candidates) {
      const page = this.pageOfFile(candidate);
      if (page) return { page };
    }
    // Not read as a page (a file checked alone in an editor), but there on disk.
    if (candidates.some((candidate) => this.files.has(candidate))) return {};
    return { status: 'missing', filePath: path };
  }

  private checkFragment(target: PageFacts, fragment: string): FragmentStatus {
    if (target.format === 'html' && !/\.html?$|\/$|^[^.]*$/i.test(target.file)) return 'unchecked';
    if (target.partial) return 'unchecked';
    // `#top` scrolls to the top of any HTML page; `#:~:text=` is a text fragment.
    if (fragment.toLowerCase() === 'top' || fragment.startsWith(':~:')) return 'ok';
    const ids = this.idsOf(target);
    if (ids.has(fragment)) return 'ok';
    try {
      if (ids.has(decodeURIComponent(fragment))) return 'ok';
    } catch {
      // A malformed escape cannot match an id any other way.
    }
    return 'missing';
  }
}

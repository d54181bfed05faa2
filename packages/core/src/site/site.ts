import { emptyPage, type LinkFact, type PageFacts } from '../model/facts.js';
import type { Baseline } from './baseline.js';
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
import {
  isRedirectStatus,
  parseRedirects,
  RedirectTable,
  redirectsFromConfig,
  type RedirectRule,
  type RedirectTarget,
} from './redirects.js';
import { Robots } from './robots.js';
import { readSitemaps, type Sitemaps } from './sitemap.js';

/** How the host treats a trailing slash (Astro's `trailingSlash`). */
export type TrailingSlash = 'always' | 'never' | 'ignore';

/** Astro's `i18n` config, the parts that decide which page answers a locale URL. */
export interface I18nOptions {
  /** Locale path prefixes (`fr`), or Astro's `{ path, codes }` form. */
  locales: readonly (string | { path: string; codes?: readonly string[] })[];
  defaultLocale: string;
  /**
   * Where a locale's missing pages fall back to (`{ fr: 'en' }`). Omitted: every locale falls
   * back to the default locale (Starlight's behaviour); `{}`: no fallback (Astro's default).
   */
  fallback?: Readonly<Record<string, string>>;
  /** The default locale's pages live under `/<defaultLocale>/` too. Default `false`. */
  prefixDefaultLocale?: boolean;
}

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
  /** The URLs and ids of an earlier build (`linkworthy baseline`), for `removed-url`/`-fragment`. */
  baseline?: Baseline;
  /**
   * `'ignore'` (default): `/a` and `/a/` are the same page. `'always'`/`'never'`: a link in the
   * other form is redirected by the host (reported by `redirected-link`, not as broken).
   */
  trailingSlash?: TrailingSlash;
  /** Astro's `redirects` config: source path → destination (or `{ status, destination }`). */
  redirects?: Readonly<Record<string, RedirectTarget>>;
  /** Locales and fallbacks: a link to a missing locale page is valid when its fallback exists. */
  i18n?: I18nOptions;
  /** Whether the host matches paths case-sensitively, as Linux hosts do. Default `true`. */
  caseSensitive?: boolean;
  /** The site's name as readers know it (its brand), e.g. the embed code's credit. */
  siteName?: string;
  /**
   * Reads a file of the output root that is not a page (`robots.txt`, `_redirects`,
   * `sitemap.xml`, `sitemap-0.xml.gz`), by its `/`-separated path; undefined when there is none.
   * The Site reads them on demand; the engine reads from disk, the doc runner from the example.
   */
  readFile?: (file: string) => string | Uint8Array | undefined;
}

/** One step a link takes before it reaches its target. */
export interface RedirectHop {
  /**
   * `redirect`: a `_redirects` rule or the `redirects` config; `meta-refresh`: a redirect page;
   * `trailing-slash`: the host adds or removes the slash (`trailingSlash` policy);
   * `i18n-fallback`: a locale page that sends readers to its fallback locale's page.
   */
  kind: 'redirect' | 'meta-refresh' | 'trailing-slash' | 'i18n-fallback';
  /** The public URL path the hop leaves from (with the base path). */
  from: string;
  /** Where it leads: a public URL path of the site, or an absolute URL of another site. */
  to: string;
  status?: number;
  /** Where the redirect is defined: `_redirects:12`, `config`, or the redirect page's file. */
  origin?: string;
}

/** Where a site path leads once the host has had its say: redirects, fallbacks, case. */
export interface PathResolution {
  /** `unknown`: a redirect leads outside the base path, where this site cannot look. */
  status: 'ok' | 'missing' | 'external' | 'unknown';
  /** The page finally served, when it is a page. */
  page?: PageFacts;
  /** The site path finally reached (the start when there was no redirect). */
  path: string;
  /** The URL finally reached when the redirects lead to another site. */
  url?: string;
  /** Redirects followed, in order (empty for a direct hit). */
  hops: readonly RedirectHop[];
  /** Why redirects end nowhere: they loop (or are too many), or lead to a missing page. */
  problem?: 'loop' | 'too-many' | 'missing';
  /** The page answers for a missing locale page (i18n fallback). */
  fallback?: boolean;
  /** On a case-sensitive host, the existing path that differs only in letter case. */
  caseMatch?: string;
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

/**
 * Where a link leads. Shared by the links that lead to the same place: never change one (rules
 * see it read-only).
 */
export interface LinkOutcome {
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
  /**
   * Redirects the link goes through before it reaches `page` (status `ok`), another site
   * (`external`) or nothing (`missing`, with `redirectProblem`). Absent for a direct link.
   * `page`, and the fragment check, are those of the final target.
   */
  redirects?: readonly RedirectHop[];
  /** Status `missing` after redirects: they loop, are too many, or lead to a missing page. */
  redirectProblem?: 'loop' | 'too-many' | 'missing';
  /** The link's locale has no such page; the fallback locale's `page` answers (i18n). */
  fallback?: boolean;
  /** Status `missing` on a case-sensitive host: the site path that differs only in case. */
  caseMatch?: string;
}

/** A link with where it leads. */
export interface ResolvedLink extends LinkOutcome {
  link: LinkFact;
  /** Index in the page's `links`. */
  index: number;
}

const SKIPPED: LinkOutcome = Object.freeze({ fragmentStatus: 'none', status: 'skipped' });
const EXTERNAL: LinkOutcome = Object.freeze({ fragmentStatus: 'none', status: 'external' });

/**
 * The merged site: every page's facts, indexed by URL and by file, and every link resolved
 * once. Resolution is a hash join of link targets against known URLs, files and ids: no crawl,
 * no second parse of a target per fragment.
 */
export class Site {
  readonly pages: readonly PageFacts[];
  /** Sources read besides the pages: rules about the input itself (`parse-error`) see them too. */
  readonly sources: readonly PageFacts[];
  /** The recorded earlier build, when one was given. */
  readonly baseline: Baseline | undefined;
  readonly context: UrlContext;
  private readonly byKey = new Map<string, PageFacts>();
  private readonly byFile = new Map<string, PageFacts>();
  private readonly files: Set<string>;
  private readonly idSets = new Map<PageFacts, Set<string>>();
  private readonly outcomes = new Map<PageFacts, LinkOutcome[]>();
  /** Resolved targets of hrefs that mean the same on every page (absolute, root-relative). */
  private readonly absoluteTargets = new Map<string, LinkOutcome>();
  /** Per page folder (`/a/b/`), resolved targets of the relative hrefs written there. */
  private readonly relativeTargets = new Map<string, FolderTargets>();
  /**
   * Per ancestor folder (`/a/`), resolved targets of the hrefs that climb to it from any folder
   * below (`../x` written in `/a/b/` or `/a/c/`): where they lead depends on the ancestor alone,
   * and on sites with a folder per page (`/guide/setup/`) nothing else is shared.
   */
  private readonly climbingTargets = new Map<string, Map<string, LinkOutcome>>();
  /**
   * Where the site paths that links on built pages name lead. Relative hrefs are cached per
   * folder, and a page linked from many folders is reached under as many hrefs: looking it up
   * once per path, not per href and folder, saves most of the look-ups on a large site.
   */
  private readonly locatedPaths = new Map<string, Located>();
  private readonly hasUrls: boolean;
  readonly trailingSlash: TrailingSlash;
  readonly caseSensitive: boolean;
  /** The site's name (brand), when the config gives one. */
  readonly siteName: string | undefined;
  private readonly options: SiteOptions;
  private readonly i18n: LocaleFallbacks | undefined;
  /** Pages and files by lower-cased key: lookups on case-insensitive hosts, and case hints. */
  private foldedKeys: Map<string, PageFacts> | undefined;
  private foldedFiles: Map<string, string> | undefined;
  private redirectTable: RedirectTable | undefined;
  private robotsFile: { robots: Robots | undefined } | undefined;
  private sitemapFiles: { sitemaps: Sitemaps | undefined } | undefined;
  /** The origin of the sitemap's URLs, when the `site` option does not give one. */
  private sitemapOrigin: string | undefined;
  private readingSitemaps = false;
  private readonly documents = new Map<string, PageFacts>();

  constructor(pages: readonly PageFacts[], options: SiteOptions = {}) {
    this.pages = pages;
    this.sources = options.sources ?? [];
    this.baseline = options.baseline;
    this.options = options;
    this.trailingSlash = options.trailingSlash ?? 'ignore';
    this.caseSensitive = options.caseSensitive ?? true;
    this.siteName = options.siteName;
    this.i18n = options.i18n ? new LocaleFallbacks(options.i18n) : undefined;
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
    const key = pageKey(path);
    return this.caseSensitive ? this.byKey.get(key) : this.folded().keys.get(key.toLowerCase());
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

  /**
   * Where each of the page's links leads, in the order of `page.links` (computed once, then
   * cached). Links with the same href on built pages of one folder share one outcome object: a
   * site's links are mostly the same few hundred targets, so a large site keeps one outcome per
   * distinct target rather than one object per link.
   */
  outcomesOf(page: PageFacts): readonly Readonly<LinkOutcome>[] {
    let outcomes = this.outcomes.get(page);
    if (!outcomes) {
      // Looked up once per page, not per link: hrefs are then keys as they are (their hashes
      // cached in the strings), with no key string built per link.
      const relative = page.format === 'html' ? this.relativeTargetsOf(page.url) : undefined;
      const { links } = page;
      outcomes = new Array<LinkOutcome>(links.length);
      for (let index = 0; index < links.length; index++) {
        outcomes[index] = this.resolveTarget(page, links[index]!.href, relative);
      }
      this.outcomes.set(page, outcomes);
    }
    return outcomes;
  }

  /**
   * Every link of the page with where it leads: one new object per link per call. Rules that
   * visit every link of the site read `page.links` beside `outcomesOf(page)` instead.
   */
  linksOf(page: PageFacts): ResolvedLink[] {
    const outcomes = this.outcomesOf(page);
    return page.links.map((link, index) => ({ link, index, ...outcomes[index]! }));
  }

  private outcomeOf(page: PageFacts, target: HrefTarget): LinkOutcome {
    // Object literals, not spreads: this runs once per distinct target (millions at 100k pages).
    if (target.kind === 'skip') return SKIPPED;
    if (target.kind === 'external') return EXTERNAL;

    const found: Located | undefined = target.samePage ? undefined : this.locate(page, target);
    const fragment = target.fragment;
    if (found === undefined || found.status === undefined) {
      // A page reached directly (`{ page }`, most links) or a file (`{}`): the literal is what
      // `Object.assign` would make, key for key, without its cost.
      const reached = found === undefined ? page : found.page;
      if (fragment === undefined || fragment === '') {
        return reached === undefined
          ? { fragmentStatus: 'none', status: 'ok', path: target.path }
          : { fragmentStatus: 'none', status: 'ok', path: target.path, page: reached };
      }
      return reached === undefined
        ? { fragmentStatus: 'unchecked', status: 'ok', path: target.path, fragment }
        : {
            fragmentStatus: this.checkFragment(reached, fragment),
            status: 'ok',
            path: target.path,
            page: reached,
            fragment,
          };
    }
    const outcome: LinkOutcome = { fragmentStatus: 'none', status: 'ok', path: target.path };
    Object.assign(outcome, found);
    if (fragment !== undefined && fragment !== '') {
      outcome.fragment = fragment;
      outcome.fragmentStatus =
        outcome.status === 'ok' && outcome.page
          ? this.checkFragment(outcome.page, fragment)
          : 'unchecked';
    }
    return outcome;
  }

  /**
   * Where an href leads, computed once per distinct href and page folder and then shared: on a built site most
   * links repeat (navigation, footers, related posts), so most look-ups are cache hits. Links in
   * sources resolve against their file, and same-page links against their page: not cached.
   */
  private resolveTarget(
    page: PageFacts,
    href: string,
    /** The targets of relative hrefs in the page's folder; undefined: cache nothing (sources). */
    relative: FolderTargets | undefined,
  ): LinkOutcome {
    const cache = relative && targetCache(href, relative, this.absoluteTargets);
    const cached = cache?.get(href);
    if (cached) return cached;
    const outcome = this.outcomeOf(page, resolveHref(href, page.url, this.context));
    cache?.set(href, outcome);
    return outcome;
  }

  /** The caches of relative hrefs' targets for pages served at `pageUrl`: one per folder. */
  private relativeTargetsOf(pageUrl: string | undefined): FolderTargets {
    const url = pageUrl ?? '/';
    const folder = url.slice(0, url.lastIndexOf('/') + 1);
    let targets = this.relativeTargets.get(folder);
    if (!targets) {
      const climbing: Map<string, LinkOutcome>[] = [];
      for (let ancestor = folder; ancestor.length > 1;) {
        ancestor = ancestor.slice(0, ancestor.lastIndexOf('/', ancestor.length - 2) + 1);
        let above = this.climbingTargets.get(ancestor);
        if (!above) {
          above = new Map();
          this.climbingTargets.set(ancestor, above);
        }
        climbing.push(above);
      }
      targets = { own: new Map(), climbing };
      this.relativeTargets.set(folder, targets);
    }
    return targets;
  }

  private locate(from: PageFacts, target: Extract<HrefTarget, { kind: 'internal' }>): Located {
    const isSource = from.format !== 'html';
    if (!isSource && !target.outsideBase) {
      // On a built page, where a link leads depends on the path alone.
      let located = this.locatedPaths.get(target.path);
      if (!located) {
        located = this.locatePath(target.path, false);
        this.locatedPaths.set(target.path, located);
      }
      return located;
    }
    if (isSource && target.relativePath !== undefined) {
      const viaFile = this.locateFile(from, target.relativePath);
      if (viaFile.status !== 'missing' || from.url === undefined) return viaFile;
    }
    if (target.outsideBase) {
      // A root-relative link that forgot the base path; anything else outside the base may be
      // another application on the same host, which this site cannot know about.
      const withBase = this.pageAt(target.path);
      return withBase
        ? { status: 'outside-base', suggestion: joinBase(this.context.base, target.path) }
        : { status: 'unknown' };
    }
    return this.locatePath(target.path, isSource);
  }

  /** Where a link to a site path (within the base path) leads. */
  private locatePath(path: string, isSource: boolean): Located {
    const resolution = this.resolvePath(path);
    // Root-relative links in sources with no URL map: nothing to look them up in.
    if (isSource && !this.hasUrls && resolution.status !== 'ok') return { status: 'unknown' };
    if (resolution.hops === NO_HOPS && resolution.page) return { page: resolution.page };
    return {
      status: resolution.status,
      ...(resolution.page ? { page: resolution.page } : {}),
      ...(resolution.hops.length > 0 ? { redirects: resolution.hops } : {}),
      ...(resolution.problem ? { redirectProblem: resolution.problem } : {}),
      ...(resolution.fallback ? { fallback: true } : {}),
      ...(resolution.caseMatch === undefined ? {} : { caseMatch: resolution.caseMatch }),
    };
  }

  /**
   * Where a site path (no base, percent-decoded) leads, the way the host would serve it: the page
   * or file there; else the first matching redirect rule, followed; else the i18n fallback. A
   * page in the wrong trailing-slash form, or a redirect page (meta refresh), is followed too.
   * Used for links, sitemap entries and anything else that names a URL of the site.
   */
  resolvePath(path: string): PathResolution {
    // The common case first, with no allocation: a page served as linked.
    const forcedRules = this.redirects().hasForced;
    const direct = forcedRules ? undefined : this.pageAt(path);
    if (direct && !direct.meta.refresh && this.slashTarget(path, direct) === undefined) {
      return { status: 'ok', page: direct, path, hops: NO_HOPS };
    }
    return this.followRedirects(path);
  }

  private followRedirects(path: string): PathResolution {
    const hops: RedirectHop[] = [];
    const seen = new Set<string>();
    let current = path;
    for (;;) {
      const seenKey = this.caseSensitive ? current : current.toLowerCase();
      if (seen.has(seenKey)) return { status: 'missing', path: current, hops, problem: 'loop' };
      if (hops.length >= MAX_REDIRECTS) {
        return { status: 'missing', path: current, hops, problem: 'too-many' };
      }
      seen.add(seenKey);
      const publicPath = joinBase(this.context.base, current);
      const table = this.redirects();

      const forced = table.hasForced ? table.match(current, true) : undefined;
      const page = forced ? undefined : this.pageAt(current);
      if (page) {
        const slash = this.slashTarget(current, page);
        if (slash !== undefined) {
          hops.push({
            kind: 'trailing-slash',
            from: publicPath,
            to: joinBase(this.context.base, slash),
            status: 301,
          });
          current = slash;
          continue;
        }
        const refresh = this.refreshTarget(page);
        if (refresh) {
          const fallbackHop =
            refresh.kind === 'internal' && this.isFallbackOf(current, refresh.path);
          const hop: RedirectHop = {
            kind: fallbackHop ? 'i18n-fallback' : 'meta-refresh',
            from: publicPath,
            to:
              refresh.kind === 'internal' ? joinBase(this.context.base, refresh.path) : refresh.url,
            origin: page.file,
          };
          hops.push(hop);
          if (refresh.kind === 'external')
            return { status: 'external', path: current, url: refresh.url, hops };
          if (refresh.kind === 'unknown') return { status: 'unknown', path: current, hops };
          current = refresh.path;
          continue;
        }
        return { status: 'ok', page, path: current, hops };
      }
      if (!forced && this.hasFile(current)) return { status: 'ok', path: current, hops };

      const match = forced ?? table.match(current);
      if (match && isRedirectStatus(match.rule.status)) {
        const next = this.destination(match.to);
        const hop: RedirectHop = {
          kind: 'redirect',
          from: publicPath,
          to: next.kind === 'internal' ? joinBase(this.context.base, next.path) : next.url,
          status: match.rule.status,
          origin: match.rule.origin,
        };
        hops.push(hop);
        if (next.kind === 'external')
          return { status: 'external', path: current, url: next.url, hops };
        if (next.kind === 'unknown') return { status: 'unknown', path: current, hops };
        current = next.path;
        continue;
      }
      if (match && match.rule.status === 200 && isCatchAll(match.rule)) {
        // `/app/* /app/index.html 200`: an app's own routes, which no file can confirm. Across
        // the whole site (`/* /index.html 200`), it is a soft 404 and the link stays missing.
        if (this.ruleSource(match.rule.from) !== '/*') {
          return { status: 'unknown', path: current, hops };
        }
      } else if (match && match.rule.status === 200) {
        // A rewrite: the host serves the destination's content at this URL.
        const next = this.destination(match.to);
        if (next.kind !== 'internal') return { status: next.kind, path: current, hops };
        const served = this.pageAt(next.path);
        if (served) return { status: 'ok', page: served, path: current, hops };
        if (this.hasFile(next.path)) return { status: 'ok', path: current, hops };
        return { status: 'missing', path: current, hops, problem: 'missing' };
      }

      // No page, no redirect (or a custom 404 rule): the fallback locale may answer.
      for (const candidate of this.i18n?.fallbacksOf(current) ?? []) {
        const fallback = this.pageAt(candidate);
        if (fallback) return { status: 'ok', page: fallback, path: current, hops, fallback: true };
      }
      const caseMatch = this.caseSensitive ? this.caseMatchOf(current) : undefined;
      return {
        status: 'missing',
        path: current,
        hops,
        ...(hops.length > 0 ? { problem: 'missing' as const } : {}),
        ...(caseMatch === undefined ? {} : { caseMatch }),
      };
    }
  }

  /**
   * The site's origin: the `site` option's, else the one its sitemap's URLs use (read once the
   * sitemaps are). Undefined when neither says.
   */
  get origin(): string | undefined {
    if (this.context.origin !== undefined) return this.context.origin;
    // Reading the sitemaps maps their URLs with `sitePathOf`, which asks for the origin.
    if (!this.sitemapFiles && !this.readingSitemaps) this.loadSitemaps();
    return this.sitemapOrigin;
  }

  /**
   * Maps a URL (absolute, root-relative or relative to `from`) to a site path of this site;
   * undefined for another host or a path outside the base path.
   */
  sitePathOf(url: string, from = '/'): string | undefined {
    const origin = this.origin;
    const context = origin === undefined ? this.context : { ...this.context, origin };
    const target = resolveHref(url, from, context);
    return target.kind === 'internal' && !target.outsideBase ? target.path : undefined;
  }

  /** A file of the output root that is not a page (`embed/x.json`), when there is one. */
  readFile(file: string): string | Uint8Array | undefined {
    return this.options.readFile?.(file);
  }

  /** The site's robots.txt (at the output root), when it has one. */
  get robots(): Robots | undefined {
    if (!this.robotsFile) {
      const content = this.options.readFile?.('robots.txt');
      this.robotsFile = {
        robots: content === undefined ? undefined : Robots.parse(asText(content)),
      };
    }
    return this.robotsFile.robots;
  }

  /**
   * The site's XML sitemaps: those robots.txt names, and `sitemap.xml`, `sitemap-index.xml`,
   * `sitemap_index.xml` and `sitemap.xml.gz` at the output root, with every sitemap their indexes
   * list on this site. Undefined when the site has none.
   */
  get sitemaps(): Sitemaps | undefined {
    return this.loadSitemaps();
  }

  private loadSitemaps(): Sitemaps | undefined {
    if (!this.sitemapFiles) {
      this.readingSitemaps = true;
      const read = this.options.readFile;
      let sitemaps: Sitemaps | undefined;
      if (read) {
        const locate = (url: string): string | undefined => {
          let path = this.sitePathOf(url, '/');
          if (path === undefined && this.context.origin === undefined) {
            // No `site` option: a sitemap URL on any host names the file at its path here.
            const absolute = /^https?:\/\//i.test(url) ? safeUrl(url) : undefined;
            if (absolute) path = this.withoutBase(decodePath(absolute.pathname));
          }
          return path === undefined ? undefined : path.replace(/^\//, '');
        };
        const fromRobots = (this.robots?.sitemaps ?? []).flatMap((url) => locate(url) ?? []);
        sitemaps = readSitemaps([...fromRobots, ...SITEMAP_FILES], read, locate);
        // Without `site`, the host of the sitemap's own URLs is the site's.
        if (sitemaps && this.context.origin === undefined) {
          const first = sitemaps.files
            .flatMap((file) => file.entries)
            .find((entry) => /^https?:\/\//i.test(entry.loc));
          if (first) this.sitemapOrigin = originOf(first.loc);
        }
      }
      this.sitemapFiles = { sitemaps };
      this.readingSitemaps = false;
    }
    return this.sitemapFiles.sitemaps;
  }

  /**
   * A stand-in page for a file of the site that is not a page (a sitemap), so rules can report
   * findings on it: its `file`, no URL, no facts.
   */
  documentFor(file: string): PageFacts {
    let document = this.documents.get(file);
    if (!document) {
      document = emptyPage(file, 'html');
      this.documents.set(file, document);
    }
    return document;
  }

  /** The redirect rules: `_redirects` at the output root, then the `redirects` option. */
  redirects(): RedirectTable {
    if (!this.redirectTable) {
      const rules: RedirectRule[] = [];
      const content = this.options.readFile?.('_redirects');
      if (content !== undefined) rules.push(...parseRedirects(asText(content), '_redirects').rules);
      if (this.options.redirects) rules.push(...redirectsFromConfig(this.options.redirects));
      this.redirectTable = new RedirectTable(rules, {
        caseSensitive: this.caseSensitive,
        toSitePath: (from) => this.ruleSource(from),
      });
    }
    return this.redirectTable;
  }

  /** A rule's source as a site path: the base removed when it has it; other hosts ignored. */
  private ruleSource(from: string): string | undefined {
    let path = from;
    if (/^https?:\/\//i.test(from)) {
      let url: URL;
      try {
        url = new URL(from);
      } catch {
        return undefined;
      }
      if (this.context.origin === undefined || url.host !== new URL(this.context.origin).host) {
        return undefined;
      }
      path = url.pathname;
    }
    if (!path.startsWith('/')) return undefined;
    return decodePath(this.withoutBase(path));
  }

  /** `/docs/a/` → `/a/` under base `/docs/`; paths without the base are taken as site paths. */
  private withoutBase(path: string): string {
    const base = this.context.base;
    if (base === '/') return path;
    if (path.startsWith(base)) return `/${path.slice(base.length)}`;
    if (`${path}/` === base) return '/';
    return path;
  }

  /** A redirect's destination: a site path, another site, or outside the base. */
  private destination(
    to: string,
  ):
    | { kind: 'internal'; path: string }
    | { kind: 'external'; url: string }
    | { kind: 'unknown'; url: string } {
    // Rules are written with or without the base path; add it when it is missing.
    const written =
      to.startsWith('/') && !to.startsWith('//') && this.withoutBase(to) === to
        ? joinBase(this.context.base, to)
        : to;
    const target = resolveHref(written, '/', this.context);
    if (target.kind === 'internal') {
      return target.outsideBase
        ? { kind: 'unknown', url: to }
        : { kind: 'internal', path: target.path };
    }
    return target.kind === 'external'
      ? { kind: 'external', url: target.url }
      : { kind: 'unknown', url: to };
  }

  /** Where a redirect page (meta refresh) sends readers, if the page is one. */
  private refreshTarget(
    page: PageFacts,
  ):
    | { kind: 'internal'; path: string }
    | { kind: 'external'; url: string }
    | { kind: 'unknown'; url: string }
    | undefined {
    const refresh = page.meta.refresh;
    if (!refresh) return undefined;
    const target = resolveHref(refresh.url, page.url, this.context);
    if (target.kind === 'skip') return undefined;
    if (target.kind === 'external') return { kind: 'external', url: target.url };
    if (target.outsideBase) return { kind: 'unknown', url: refresh.url };
    // A page that refreshes itself is not a redirect.
    if (target.samePage || this.pageAt(target.path) === page) return undefined;
    return { kind: 'internal', path: target.path };
  }

  /** The form the host redirects a path to under the trailing-slash policy, if it differs. */
  private slashTarget(path: string, page: PageFacts): string | undefined {
    if (this.trailingSlash === 'ignore' || path === '/') return undefined;
    if (this.trailingSlash === 'always') {
      // Only folder pages (`a/index.html`) get the slash; `/a/index.html` is served as written.
      if (path.endsWith('/') || !page.url?.endsWith('/') || /\/index\.html?$/i.test(path)) {
        return undefined;
      }
      return `${path}/`;
    }
    return path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : undefined;
  }

  private isFallbackOf(path: string, target: string): boolean {
    if (!this.i18n) return false;
    const key = pageKey(target);
    return this.i18n.fallbacksOf(path).some((candidate) => pageKey(candidate) === key);
  }

  /** A file (not a page) of the site at a site path: `/img/a.png`, `/feed/` with `feed/index.html`. */
  private hasFile(path: string): boolean {
    const asFile = path.replace(/^\//, '');
    const inFolder = `${asFile.replace(/\/$/, '')}/index.html`;
    if (this.files.has(asFile) || this.files.has(inFolder)) return true;
    if (this.caseSensitive) return false;
    const files = this.folded().files;
    return files.has(asFile.toLowerCase()) || files.has(inFolder.toLowerCase());
  }

  /** The existing page or file path that differs from `path` only in case. */
  private caseMatchOf(path: string): string | undefined {
    const { keys, files } = this.folded();
    const page = keys.get(pageKey(path).toLowerCase());
    if (page?.url !== undefined) return page.url;
    const file = files.get(path.replace(/^\//, '').toLowerCase());
    return file === undefined ? undefined : `/${file}`;
  }

  private folded(): { keys: Map<string, PageFacts>; files: Map<string, string> } {
    if (!this.foldedKeys || !this.foldedFiles) {
      const keys = new Map<string, PageFacts>();
      for (const [key, page] of this.byKey) {
        const lower = key.toLowerCase();
        if (!keys.has(lower)) keys.set(lower, page);
      }
      const files = new Map<string, string>();
      for (const file of this.files) {
        const lower = file.toLowerCase();
        if (!files.has(lower)) files.set(lower, file);
      }
      this.foldedKeys = keys;
      this.foldedFiles = files;
    }
    return { keys: this.foldedKeys, files: this.foldedFiles };
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

  /**
   * Whether the page has the id. Most pages have a dozen: a scan of those costs less than a set
   * per page, which a large site would keep for every page linked to with a fragment.
   */
  private hasId(page: PageFacts, id: string): boolean {
    return page.ids.length <= SCANNED_IDS ? page.ids.includes(id) : this.idsOf(page).has(id);
  }

  private checkFragment(target: PageFacts, fragment: string): FragmentStatus {
    if (target.format === 'html' && !/\.html?$|\/$|^[^.]*$/i.test(target.file)) return 'unchecked';
    if (target.partial) return 'unchecked';
    // `#top` scrolls to the top of any HTML page; `#:~:text=` is a text fragment.
    if ((fragment.length === 3 && fragment.toLowerCase() === 'top') || fragment.startsWith(':~:')) {
      return 'ok';
    }
    if (this.hasId(target, fragment)) return 'ok';
    try {
      if (this.hasId(target, decodeURIComponent(fragment))) return 'ok';
    } catch {
      // A malformed escape cannot match an id any other way.
    }
    return 'missing';
  }
}

type Located = Partial<
  Pick<
    LinkOutcome,
    | 'page'
    | 'status'
    | 'suggestion'
    | 'filePath'
    | 'redirects'
    | 'redirectProblem'
    | 'fallback'
    | 'caseMatch'
  >
>;

/** Pages with at most this many ids are looked up by a scan, not a set (see `hasId`). */
const SCANNED_IDS = 24;

/** The hops of every direct hit: one shared empty list. */
const NO_HOPS: readonly RedirectHop[] = Object.freeze([]);

/** Browsers give up after about 20 redirects. */
const MAX_REDIRECTS = 20;

/** Where sitemaps usually are, besides those robots.txt names. */
const SITEMAP_FILES = ['sitemap.xml', 'sitemap-index.xml', 'sitemap_index.xml', 'sitemap.xml.gz'];

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function asText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
}

/** A rule that answers every path under it with one page (`/app/* /app/index.html 200`). */
function isCatchAll(rule: RedirectRule): boolean {
  const wildcard = /\*|:\w+|\[/.test(rule.from);
  return wildcard && !/:\w+|\[/.test(rule.to.replace(/^[a-z][a-z\d+.-]*:\/\/[^/]*/i, ''));
}

/** The i18n fallback chain: `/fr/x/` → `/x/` (or `/en/x/`) when `fr` falls back to `en`. */
class LocaleFallbacks {
  /** Locale path segment (and each of its codes) → the locale's path. */
  private readonly locales = new Map<string, string>();
  private readonly defaultLocale: string;
  private readonly prefixDefault: boolean;
  private readonly fallback: Map<string, string> | undefined;

  constructor(options: I18nOptions) {
    for (const locale of options.locales) {
      if (typeof locale === 'string') this.locales.set(locale, locale);
      else {
        this.locales.set(locale.path, locale.path);
        for (const code of locale.codes ?? [])
          if (!this.locales.has(code)) this.locales.set(code, locale.path);
      }
    }
    this.defaultLocale = this.locales.get(options.defaultLocale) ?? options.defaultLocale;
    this.prefixDefault = options.prefixDefaultLocale ?? false;
    this.fallback =
      options.fallback === undefined
        ? undefined
        : new Map(
            Object.entries(options.fallback).map(([from, to]) => [
              this.locales.get(from) ?? from,
              this.locales.get(to) ?? to,
            ]),
          );
  }

  /** The paths that answer for `path` when it is missing, nearest fallback first. */
  fallbacksOf(path: string): string[] {
    const segments = path.split('/');
    const locale = this.locales.get(segments[1] ?? '');
    if (locale === undefined) return [];
    // The default locale's pages are at the root unless it is prefixed: `/en/x/` is no locale URL.
    if (locale === this.defaultLocale && !this.prefixDefault) return [];
    const rest = `/${segments.slice(2).join('/')}`;
    const result: string[] = [];
    const visited = new Set([locale]);
    let current = locale;
    for (;;) {
      const next = this.fallback
        ? this.fallback.get(current)
        : current === this.defaultLocale
          ? undefined
          : this.defaultLocale;
      if (next === undefined || visited.has(next)) return result;
      visited.add(next);
      result.push(next === this.defaultLocale && !this.prefixDefault ? rest : `/${next}${rest}`);
      current = next;
    }
  }
}

/** The target caches of a page folder's relative hrefs. */
interface FolderTargets {
  /** Relative hrefs written in the folder. */
  own: Map<string, LinkOutcome>;
  /** Hrefs that climb `n + 1` folders (`../` `n + 1` times), at index n: the ancestor's cache. */
  climbing: Map<string, LinkOutcome>[];
}

/**
 * Where the target of an href on a built page is cached: with every page's (`absolute`) when it
 * does not depend on the page (absolute, root-relative); with the ancestor folder's it climbs to
 * when it starts with `../` and stays within the page's path; with its folder's (`relative`) when
 * it is otherwise relative; nowhere for same-page links (`#x`, `?q`), which are cheap and differ
 * per page.
 */
function targetCache(
  href: string,
  relative: FolderTargets,
  absolute: Map<string, LinkOutcome>,
): Map<string, LinkOutcome> | undefined {
  const first = href.charAt(0);
  if (first === '#' || first === '?' || href.trim() === '') return undefined;
  if (first === '/' || /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(href)) return absolute;
  if (first === '.' && href.startsWith('../')) {
    let levels = 1;
    while (href.startsWith('../', levels * 3)) levels++;
    // Climbing above the page's own path (into the base path, or against the host's root, where
    // it stops) is cached with the folder, as before.
    if (levels <= relative.climbing.length) return relative.climbing[levels - 1];
  }
  return relative.own;
}

import type { LinkFact, LinkRegion, PageFacts, SourcePosition } from '../model/facts.js';
import type { FactField } from '../model/rule.js';
import { matcher } from '../util/glob.js';
import type { Site } from './site.js';
import { decodePath, pageKey, resolveHref } from './url.js';

/**
 * The facts the graph is built from (and the graph rules read besides): a change to any other
 * fact of a page leaves the graph, `pages[]`' link figures and the graph rules' findings as they
 * were (see `RunCache`). Held to it by `test/core/graph.test.ts` and the rule docs' tests.
 */
export const GRAPH_READS: readonly FactField[] = [
  'alternates',
  'file',
  'format',
  'headings',
  'ids',
  'links',
  'meta.canonical',
  'meta.refresh',
  'meta.robots',
  'partial',
  'title',
  'url',
];

/**
 * The site's internal link graph: pages are the nodes, and every link that reaches another page
 * of the site is an edge. Built once per `Site` (see `siteGraph`) and shared by every graph rule
 * and by the report's `pages[]`.
 *
 * Decisions, documented in the graph rules' docs:
 *
 * - An edge is a link with `status === 'ok'` that leads to a page other than its own. In source
 *   mode (Markdown without URLs), a root-relative href (`/guide/setup/`) cannot be resolved by
 *   the site; the graph then guesses the page from the file layout (`…/guide/setup.md`,
 *   `…/guide/setup/index.md`), taking the unique shortest match, and marks the edge `guessed`.
 * - A link is *nofollow* when its `rel` has `nofollow`, or when its page's robots meta says
 *   `nofollow` or `none` (crawlers then follow none of the page's links).
 * - A link is a *template link* when it sits in site chrome (`nav`, `header`, `footer`, `aside`),
 *   or when the same link (same target page, same text) appears on at least half of the site's
 *   built pages, or of the pages under the same parent path (`/blog/…`, `/docs/3.3/html/…`),
 *   counting only groups of at least 4 pages and links on at least 3 of them: a sidebar or a
 *   "recent posts" widget without landmark markup. Markdown links are never template links:
 *   templates are not written in Markdown.
 * - Entry points default to the page at `/`. In source mode, where pages have no URL, they are
 *   the top-level `index.md`, `index.mdx` or `README.md` of the sources: those at the depth of
 *   the shallowest source file (several when sources sit side by side; none when the top holds
 *   no index, as in a Starlight site whose pages start in locale folders).
 * - A redirect page (`<meta http-equiv="refresh">` within 5 seconds) is followed to its target,
 *   like a link, for click depth and equity.
 * - A page's hreflang alternates (`<link rel="alternate" hreflang href>`) are followed for
 *   reach and click depth (not for inbound counts or equity): crawlers discover translations
 *   through them, even where readers switch language with a `<select>` (Starlight), not links.
 * - Click depth is a breadth-first search from the entry points over followed links.
 * - Link equity is PageRank (damping 0.85) over followed links, where pages without followed
 *   links spread their rank evenly, on a 0–100 scale: `100 × rank / highest rank`, so the
 *   strongest page has 100 and a page with 50 gets half its share of the site's internal links.
 */

const NOFOLLOW = 1;
const TEMPLATE = 2;
const GUESSED = 4;

/**
 * One link of the site that leads to another of its pages. The graph keeps its links in typed
 * arrays (5.5 million of them at 100,000 pages: 17 bytes each instead of an object's 80) and
 * makes these objects when asked.
 */
export class GraphLink {
  constructor(
    readonly from: PageFacts,
    readonly to: PageFacts,
    /** The link's index in `from.links` (and in `site.outcomesOf(from)`). */
    readonly index: number,
    private readonly flags: number,
  ) {}

  get link(): LinkFact {
    return this.from.links[this.index]!;
  }

  get region(): LinkRegion {
    return this.link.region;
  }

  /** Crawlers are told not to follow it (`rel="nofollow"`, or robots meta `nofollow` on `from`). */
  get nofollow(): boolean {
    return (this.flags & NOFOLLOW) !== 0;
  }

  /** Site chrome, or repeated on most pages: not part of the page's own content. */
  get template(): boolean {
    return (this.flags & TEMPLATE) !== 0;
  }

  /** A source-mode root-relative href matched to a Markdown file by its path (see above). */
  get guessed(): boolean {
    return (this.flags & GUESSED) !== 0;
  }
}

/** Click depths and shortest paths from a set of entry points. */
export interface Reach {
  readonly entries: readonly PageFacts[];
  /** Clicks from the nearest entry point along followed links; null when it cannot be reached. */
  depth(page: PageFacts): number | null;
  /** A shortest path of pages from an entry point to the page (both included), if reachable. */
  path(page: PageFacts): PageFacts[] | undefined;
}

export interface PageGraphStats {
  /** Distinct pages that link here with a followed link. */
  inbound: number;
  /** Distinct pages this page links to with a followed link. */
  outbound: number;
  /** Clicks from the entry points along followed links; null when it cannot be reached. */
  depth: number | null;
  /**
   * Internal link equity, 0–100: PageRank (damping 0.85) over followed internal links, as a
   * share of the strongest page's rank (`100 × rank / max rank`, two decimals).
   */
  equity: number;
}

const DAMPING = 0.85;
const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-10;
/** Share of pages (site-wide, or under one parent path) a link must be on to be a template link. */
const TEMPLATE_SHARE = 0.5;
const TEMPLATE_MIN_GROUP = 4;
const TEMPLATE_MIN_PAGES = 3;
const SOURCE_INDEX = /(?:^|\/)(?:index\.mdx?|readme\.md)$/i;

const graphs = new WeakMap<Site, SiteGraph>();

/** The link graph of a site, computed on first use and then shared (memoised per `Site`). */
export function siteGraph(site: Site): SiteGraph {
  let graph = graphs.get(site);
  if (!graph) {
    graph = new SiteGraph(site);
    graphs.set(site, graph);
  }
  return graph;
}

export class SiteGraph {
  readonly site: Site;
  readonly pages: readonly PageFacts[];
  /** The default entry points: the page at `/`, or in source mode the top-level index files. */
  readonly entryPoints: readonly PageFacts[];
  /** Pages that could not be read in full: their links are not all known. */
  readonly partialPages: readonly PageFacts[];
  /** True when no page has a URL (Markdown sources alone). */
  readonly sourceMode: boolean;

  private readonly index = new Map<PageFacts, number>();
  /**
   * The links between pages, in page order then link order: link `e` goes from page
   * `linkFrom[e]` to `linkTo[e]`, is `from.links[linkIndex[e]]`, and has `linkFlags[e]`.
   */
  private readonly linkFrom: Int32Array;
  private readonly linkTo: Int32Array;
  private readonly linkIndex: Int32Array;
  private readonly linkFlags: Uint8Array;
  /** Page `p`'s links are `outStart[p]` up to `outStart[p + 1]`. */
  private readonly outStart: Int32Array;
  /** The links to page `p` are `inLinks[inStart[p]]` up to `inLinks[inStart[p + 1]]`, in page order. */
  private readonly inStart: Int32Array;
  private readonly inLinks: Int32Array;
  /** Distinct targets of followed links, per page index, in link order. */
  private readonly followed: number[][];
  private readonly followedInbound: number[];
  private readonly anyInbound: number[];
  private readonly reaches = new Map<string, Reach>();
  private readonly alternates = new Map<number, readonly number[]>();
  private equityScores: number[] | undefined;

  constructor(site: Site) {
    this.site = site;
    this.pages = site.pages;
    this.pages.forEach((page, position) => this.index.set(page, position));
    this.sourceMode = this.pages.every((page) => page.url === undefined);
    this.partialPages = this.pages.filter((page) => page.partial === true);
    this.entryPoints = this.defaultEntries();

    const count = this.pages.length;
    // Built on the first link it is needed for: most sites (and editor runs) have none.
    let guess: RouteGuesser | undefined;
    const linkFrom = new IntList();
    const linkTo = new IntList();
    const linkIndex = new IntList();
    const linkFlags = new IntList();
    const outStart = new Int32Array(count + 1);
    const inCount = new Int32Array(count);
    const repeats = new RepeatCounter(this.pages);
    /**
     * Content links of built pages (their page, target, text and edge, or -1 for a link to its
     * own page), counted for repetition once the loop below has found how many pages link to
     * each target: a link to a page fewer pages link to than any template needs cannot repeat,
     * and on most sites that spares most links the counting.
     */
    const contentFrom: number[] = [];
    const contentTo: number[] = [];
    const contentText: string[] = [];
    const contentEdge: number[] = [];
    /** Per page index, how many pages have content links to it, and the last one counted. */
    const contentReferrers = new Int32Array(count);
    const lastContentReferrer = new Int32Array(count).fill(-1);
    const noteContentLink = (from: number, to: number, text: string, edge: number) => {
      contentFrom.push(from);
      contentTo.push(to);
      contentText.push(text);
      contentEdge.push(edge);
      if (lastContentReferrer[to] !== from) {
        lastContentReferrer[to] = from;
        contentReferrers[to]!++;
      }
    };
    const followed = new Array<number[]>(count);
    /** Per page index, the last page that counted it as a followed target (a Set per page, flat). */
    const followedFrom = new Int32Array(count).fill(-1);

    this.pages.forEach((from, position) => {
      /** Distinct targets of followed links, in link order. */
      const targets: number[] = [];
      const pageNofollow = from.meta.robots.some(
        (token) => token === 'nofollow' || token === 'none',
      );
      const html = from.format === 'html';
      const outcomes = site.outcomesOf(from);
      for (let index = 0; index < outcomes.length; index++) {
        const outcome = outcomes[index]!;
        let to: PageFacts | undefined;
        let guessed = false;
        if (outcome.status === 'ok') to = outcome.page;
        else if (outcome.status === 'unknown' && this.sourceMode && outcome.path !== undefined) {
          guess ??= new RouteGuesser(this.pages, this.entryPoints);
          to = guess.pageFor(outcome.path);
          guessed = to !== undefined;
        }
        if (to === undefined) continue;
        const link = from.links[index]!;
        const content = link.region === 'content';
        if (to === from) {
          // A link to its own page still counts towards a widget that every page has.
          if (html && content) noteContentLink(position, position, link.text, -1);
          continue;
        }
        const target = this.index.get(to);
        if (target === undefined) continue;
        const nofollow = pageNofollow || link.rel.includes('nofollow');
        if (html && content) noteContentLink(position, target, link.text, linkFrom.length);
        linkFrom.push(position);
        linkTo.push(target);
        linkIndex.push(index);
        linkFlags.push(
          (nofollow ? NOFOLLOW : 0) | (content ? 0 : TEMPLATE) | (guessed ? GUESSED : 0),
        );
        inCount[target]!++;
        if (!nofollow && followedFrom[target] !== position) {
          followedFrom[target] = position;
          targets.push(target);
        }
      }
      // A redirect page (meta refresh) passes readers, crawlers and equity on to its target.
      const redirect = this.redirectTarget(from);
      if (redirect !== undefined && redirect !== position && followedFrom[redirect] !== position) {
        followedFrom[redirect] = position;
        targets.push(redirect);
      }
      followed[position] = targets;
      outStart[position + 1] = linkFrom.length;
    });
    this.linkFrom = linkFrom.toArray();
    this.linkTo = linkTo.toArray();
    this.linkIndex = linkIndex.toArray();
    const flags = new Uint8Array(linkFlags.length);
    flags.set(linkFlags.toArray());
    this.linkFlags = flags;
    this.outStart = outStart;
    // Counting sort by target: links keep page order within each target.
    const inStart = new Int32Array(count + 1);
    for (let page = 0; page < count; page++) inStart[page + 1] = inStart[page]! + inCount[page]!;
    const inLinks = new Int32Array(this.linkTo.length);
    const next = inStart.slice(0, count);
    for (let link = 0; link < this.linkTo.length; link++)
      inLinks[next[this.linkTo[link]!]!++] = link;
    this.inStart = inStart;
    this.inLinks = inLinks;
    /** Per content link: its repetition key, or -1 when it was not counted. */
    const contentKeys = new Int32Array(contentFrom.length).fill(-1);
    for (let at = 0; at < contentFrom.length; at++) {
      const to = contentTo[at]!;
      if (contentReferrers[to]! < repeats.fewestPages) continue;
      contentKeys[at] = repeats.add(contentFrom[at]!, to, contentText[at]!);
    }
    // Once every link is counted: whether a link repeats depends on all of them.
    for (let at = 0; at < contentFrom.length; at++) {
      const edge = contentEdge[at]!;
      const key = contentKeys[at]!;
      if (edge !== -1 && key !== -1 && repeats.isTemplate(key, contentFrom[at]!)) {
        this.linkFlags[edge]! |= TEMPLATE;
      }
    }

    this.followed = followed;
    this.followedInbound = new Array<number>(count).fill(0);
    for (const targets of this.followed) for (const to of targets) this.followedInbound[to]!++;
    // A page's incoming links are in page order, so those from one page are adjacent.
    this.anyInbound = new Array<number>(count);
    for (let page = 0; page < count; page++) {
      let pages = 0;
      let previous = -1;
      for (let at = inStart[page]!; at < inStart[page + 1]!; at++) {
        const from = this.linkFrom[inLinks[at]!]!;
        if (from !== previous) pages++;
        previous = from;
      }
      this.anyInbound[page] = pages;
    }
  }

  /** Every link that reaches another page, in page order then link order (made on each call). */
  get links(): GraphLink[] {
    const links = new Array<GraphLink>(this.linkTo.length);
    for (let link = 0; link < links.length; link++) links[link] = this.graphLink(link);
    return links;
  }

  /**
   * The pairs of pages that links join, as indexes into `pages`, each pair once, in link order:
   * read from the graph's arrays, with no `GraphLink` made.
   */
  linkedPairs(): [number, number][] {
    const seen = new Set<number>();
    const pairs: [number, number][] = [];
    const size = this.pages.length;
    for (let link = 0; link < this.linkTo.length; link++) {
      const from = this.linkFrom[link]!;
      const to = this.linkTo[link]!;
      const key = from * size + to;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([from, to]);
    }
    return pairs;
  }

  /** Links on the page that reach other pages (made on each call). */
  linksFrom(page: PageFacts): GraphLink[] {
    const position = this.at(page);
    const start = this.outStart[position]!;
    const links = new Array<GraphLink>(this.outStart[position + 1]! - start);
    for (let at = 0; at < links.length; at++) links[at] = this.graphLink(start + at);
    return links;
  }

  /** Links from other pages that reach this page, in page order (made on each call). */
  linksTo(page: PageFacts): GraphLink[] {
    const position = this.at(page);
    const start = this.inStart[position]!;
    const links = new Array<GraphLink>(this.inStart[position + 1]! - start);
    for (let at = 0; at < links.length; at++) links[at] = this.graphLink(this.inLinks[start + at]!);
    return links;
  }

  private graphLink(link: number): GraphLink {
    return new GraphLink(
      this.pages[this.linkFrom[link]!]!,
      this.pages[this.linkTo[link]!]!,
      this.linkIndex[link]!,
      this.linkFlags[link]!,
    );
  }

  /** Distinct pages that link here with a followed link. */
  inbound(page: PageFacts): number {
    return this.followedInbound[this.at(page)]!;
  }

  /** Distinct pages that link here at all (nofollow and template links included). */
  referrers(page: PageFacts): number {
    return this.anyInbound[this.at(page)]!;
  }

  /** Distinct pages this page links to with a followed link. */
  outbound(page: PageFacts): number {
    return this.followed[this.at(page)]!.length;
  }

  /**
   * The pages named by entry-point paths: URL paths (with or without the base path) or, for
   * sources, file paths. `/` falls back to the default entry points when no page is at `/`, so
   * the default works in source mode too. Unknown paths are left out.
   */
  entriesFor(paths: readonly string[]): PageFacts[] {
    const found = new Set<PageFacts>();
    const base = this.site.context.base;
    for (const path of paths) {
      const withoutBase =
        base !== '/' && path.startsWith(base) ? `/${path.slice(base.length)}` : path;
      const page =
        this.site.pageAt(withoutBase) ??
        this.site.pageAt(path) ??
        this.site.pageOfFile(path.replace(/^\/+/, ''));
      if (page) found.add(page);
      else if (pageKey(withoutBase) === '/') for (const entry of this.entryPoints) found.add(entry);
    }
    return [...found];
  }

  isEntry(page: PageFacts, entries: readonly PageFacts[] = this.entryPoints): boolean {
    return entries.includes(page);
  }

  /** Depths and shortest paths from the given entry points (the defaults when omitted); memoised. */
  reach(entries: readonly PageFacts[] = this.entryPoints): Reach {
    const starts = [...new Set(entries.map((page) => this.at(page)))].sort((a, b) => a - b);
    const key = starts.join(',');
    let reach = this.reaches.get(key);
    if (!reach) {
      reach = this.breadthFirst(starts);
      this.reaches.set(key, reach);
    }
    return reach;
  }

  /** Link equity on the 0–100 scale (100 = the strongest page). */
  equity(page: PageFacts): number {
    this.equityScores ??= scale(pageRank(this.followed));
    return this.equityScores[this.at(page)]!;
  }

  /**
   * Splits pages into weakly connected clusters over the followed links among them (a link from
   * or to a page outside the set does not join anything). Clusters keep page order.
   */
  clusters(members: readonly PageFacts[]): PageFacts[][] {
    const inSet = new Set(members.map((page) => this.at(page)));
    const parent = new Map<number, number>();
    for (const node of inSet) parent.set(node, node);
    const find = (node: number): number => {
      let root = node;
      while (parent.get(root) !== root) root = parent.get(root)!;
      let current = node;
      while (current !== root) {
        const next = parent.get(current)!;
        parent.set(current, root);
        current = next;
      }
      return root;
    };
    for (const from of inSet) {
      for (const to of this.followed[from]!) {
        if (!inSet.has(to)) continue;
        const a = find(from);
        const b = find(to);
        if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
      }
    }
    const groups = new Map<number, PageFacts[]>();
    for (const node of [...inSet].sort((a, b) => a - b)) {
      const root = find(node);
      const group = groups.get(root) ?? [];
      group.push(this.pages[node]!);
      groups.set(root, group);
    }
    return [...groups.values()];
  }

  /** Inbound and outbound counts, depth and equity of every page, for the report. */
  stats(): Map<PageFacts, PageGraphStats> {
    const reach = this.reach();
    const stats = new Map<PageFacts, PageGraphStats>();
    for (const page of this.pages) {
      stats.set(page, {
        inbound: this.inbound(page),
        outbound: this.outbound(page),
        depth: reach.depth(page),
        equity: this.equity(page),
      });
    }
    return stats;
  }

  private at(page: PageFacts): number {
    const position = this.index.get(page);
    if (position === undefined) throw new Error(`Not a page of this site: ${page.file}`);
    return position;
  }

  private redirectTarget(page: PageFacts): number | undefined {
    if (!isRedirectPage(page)) return undefined;
    const target = resolveHref(page.meta.refresh!.url, page.url, this.site.context);
    if (target.kind !== 'internal') return undefined;
    const to = this.site.pageAt(target.path);
    return to === undefined ? undefined : this.index.get(to);
  }

  /** Pages named by the page's `<link rel="alternate" hreflang>` (its translations); memoised. */
  private alternatesOf(position: number): readonly number[] {
    const page = this.pages[position]!;
    if (!page.alternates || page.url === undefined) return [];
    const known = this.alternates.get(position);
    if (known) return known;
    const targets: number[] = [];
    for (const { href } of page.alternates) {
      const path = this.site.sitePathOf(href, page.url);
      const target = path === undefined ? undefined : this.site.resolvePath(path).page;
      const index = target === undefined ? undefined : this.index.get(target);
      if (index !== undefined && index !== position) targets.push(index);
    }
    this.alternates.set(position, targets);
    return targets;
  }

  private defaultEntries(): PageFacts[] {
    const home = this.site.pageAt('/');
    if (home) return [home];
    if (!this.sourceMode) return [];
    // The index files at the top of the sources: no source file may sit higher up.
    const depthOf = (page: PageFacts) => page.file.split('/').length;
    const top = Math.min(...this.pages.map(depthOf));
    return this.pages.filter(
      (page) => page.format !== 'html' && depthOf(page) === top && SOURCE_INDEX.test(page.file),
    );
  }

  private breadthFirst(starts: readonly number[]): Reach {
    const depth = new Int32Array(this.pages.length).fill(-1);
    const previous = new Int32Array(this.pages.length).fill(-1);
    const queue: number[] = [];
    for (const start of starts) {
      depth[start] = 0;
      queue.push(start);
    }
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      for (const next of this.followed[current]!) {
        if (depth[next] !== -1) continue;
        depth[next] = depth[current]! + 1;
        previous[next] = current;
        queue.push(next);
      }
      // Crawlers find a page's translations through its hreflang alternates.
      for (const next of this.alternatesOf(current)) {
        if (depth[next] !== -1) continue;
        depth[next] = depth[current]! + 1;
        previous[next] = current;
        queue.push(next);
      }
    }
    const pages = this.pages;
    const at = (page: PageFacts) => this.at(page);
    return {
      entries: starts.map((start) => pages[start]!),
      depth(page) {
        const value = depth[at(page)]!;
        return value === -1 ? null : value;
      },
      path(page) {
        let node = at(page);
        if (depth[node] === -1) return undefined;
        const path: PageFacts[] = [];
        while (node !== -1) {
          path.push(pages[node]!);
          node = previous[node]!;
        }
        return path.reverse();
      },
    };
  }
}

/** Inbound and outbound counts, click depth and link equity for every page, in one pass. */
export function graphStats(site: Site): Map<PageFacts, PageGraphStats> {
  return siteGraph(site).stats();
}

/** How a page is named in messages: its public URL, else its file. */
export function pageName(site: Site, page: PageFacts): string {
  return site.publicUrl(page) ?? page.file;
}

/**
 * A predicate for the `ignore` option of page rules: globs matched against the page's URL path
 * (with and without the base path) and against its file.
 */
export function pageMatcher(site: Site, globs: readonly string[]): (page: PageFacts) => boolean {
  if (globs.length === 0) return () => false;
  const matches = matcher(globs);
  return (page) => {
    const url = site.publicUrl(page);
    return (
      matches(page.file) ||
      (page.url !== undefined && matches(page.url)) ||
      (url !== undefined && matches(url))
    );
  };
}

/**
 * Where a finding about a whole page goes: its first `h1` (else its first heading), else the
 * top of the file.
 */
export function pagePosition(page: PageFacts): SourcePosition {
  const heading =
    page.headings.find((candidate) => candidate.depth === 1 && candidate.position) ??
    page.headings.find((candidate) => candidate.position);
  return heading?.position ?? { line: 1, column: 1 };
}

const NOT_FOUND_FILE = /(?:^|\/)404(?:\.html?|\.mdx?|\/index\.html?|\/index\.mdx?)$/i;
const NOT_FOUND_TITLE =
  /(?:^|\W)404(?:\W|$)|^\s*(?:error\W+)?(?:page\s+)?not\s+found\b|\bpage not found\b/i;

/** A "not found" page: `404.html`, `404/index.html`, or a title or `h1` that says 404. */
export function isNotFoundPage(page: PageFacts): boolean {
  if (NOT_FOUND_FILE.test(page.file)) return true;
  if (page.url !== undefined && /(?:^|\/)404(?:\.html?)?\/?$/i.test(page.url)) return true;
  const h1 = page.headings.find((heading) => heading.depth === 1)?.text;
  return [page.title, h1].some((text) => text !== undefined && NOT_FOUND_TITLE.test(text));
}

/**
 * A redirect page: a `<meta http-equiv="refresh">` that sends readers on within a few seconds
 * (what Astro, Hugo aliases, Jekyll and mkdocs-redirects write for moved pages). Not a page of
 * its own for the graph rules; the graph follows it to its target.
 */
export function isRedirectPage(page: PageFacts): boolean {
  const refresh = page.meta.refresh;
  return refresh !== undefined && refresh.delay <= 5;
}

/** Robots meta `noindex` (or `none`): the page asks to stay out of search results. */
export function isNoindex(page: PageFacts): boolean {
  return page.meta.robots.some((token) => token === 'noindex' || token === 'none');
}

/**
 * The sentence graph rules add to findings that the links of unreadable pages could change:
 * those pages' links are unknown, and one of them might be the missing link.
 */
export function partialPagesNote(graph: SiteGraph): string {
  const count = graph.partialPages.length;
  if (count === 0) return '';
  const first = pageName(graph.site, graph.partialPages[0]!);
  return count === 1
    ? ` \`${first}\` could not be read in full (see \`parse-error\`): links on it are not known, so this may change once it parses.`
    : ` ${count} pages (\`${first}\`, …) could not be read in full (see \`parse-error\`): links on them are not known, so this may change once they parse.`;
}

/** Counts, per link key (target and text), the pages a link appears on: site-wide and per parent. */
class RepeatCounter {
  /** Group (parent path) id of each page. */
  private readonly groupOf: number[];
  /** HTML pages per group id. */
  private readonly groupSize: number[] = [];
  private readonly siteSize: number;
  /** The fewest pages a link must be on to be a template link, site-wide or in any group. */
  readonly fewestPages: number;
  /** Per target page: link text → key id. */
  private readonly keyIds: (Map<string, number> | undefined)[];
  private keyCount = 0;
  /** Per key id: pages counted, and the last page counted (links of a page come together). */
  private readonly sitePages: number[] = [];
  private readonly siteLast: number[] = [];
  /**
   * Per key id: the group of the first page counted, with its pages counted and last page. Most
   * keys are one page's link, so most never need a slot in the map below.
   */
  private readonly firstGroup: number[] = [];
  private readonly firstGroupCount: number[] = [];
  private readonly firstGroupLast: number[] = [];
  /** Per `key id × groups + group id`, other groups: its slot in `groupCount` and `groupLast`. */
  private readonly groupSlot = new Map<number, number>();
  /** Per slot: pages counted, and the last page counted (numbers, not a pair per entry). */
  private readonly groupCount: number[] = [];
  private readonly groupLast: number[] = [];

  constructor(pages: readonly PageFacts[]) {
    const groupIds = new Map<string, number>();
    let html = 0;
    this.groupOf = pages.map((page) => {
      const parent = parentPath(page);
      let id = groupIds.get(parent);
      if (id === undefined) {
        id = groupIds.size;
        groupIds.set(parent, id);
        this.groupSize.push(0);
      }
      if (page.format === 'html') {
        html++;
        this.groupSize[id]!++;
      }
      return id;
    });
    this.siteSize = html;
    let fewest = Infinity;
    for (const size of [html, ...this.groupSize]) {
      if (size < TEMPLATE_MIN_GROUP) continue;
      fewest = Math.min(fewest, Math.max(TEMPLATE_MIN_PAGES, Math.ceil(size * TEMPLATE_SHARE)));
    }
    this.fewestPages = fewest;
    this.keyIds = new Array<Map<string, number> | undefined>(pages.length);
  }

  /** Records that page `from` has a content link to page `to` with this text; returns its key. */
  add(from: number, to: number, text: string): number {
    const texts = (this.keyIds[to] ??= new Map<string, number>());
    let key = texts.get(text);
    if (key === undefined) {
      key = this.keyCount++;
      texts.set(text, key);
      this.sitePages.push(0);
      this.siteLast.push(-1);
      this.firstGroup.push(this.groupOf[from]!);
      this.firstGroupCount.push(0);
      this.firstGroupLast.push(-1);
    }
    if (this.siteLast[key] !== from) {
      this.sitePages[key]!++;
      this.siteLast[key] = from;
    }
    const group = this.groupOf[from]!;
    if (this.firstGroup[key] === group) {
      if (this.firstGroupLast[key] !== from) {
        this.firstGroupCount[key]!++;
        this.firstGroupLast[key] = from;
      }
      return key;
    }
    const groupKey = key * this.groupSize.length + group;
    const slot = this.groupSlot.get(groupKey);
    if (slot === undefined) {
      this.groupSlot.set(groupKey, this.groupCount.length);
      this.groupCount.push(1);
      this.groupLast.push(from);
    } else if (this.groupLast[slot] !== from) {
      this.groupCount[slot]!++;
      this.groupLast[slot] = from;
    }
    return key;
  }

  isTemplate(key: number, from: number): boolean {
    if (repeated(this.sitePages[key]!, this.siteSize)) return true;
    const group = this.groupOf[from]!;
    if (this.firstGroup[key] === group) {
      return repeated(this.firstGroupCount[key]!, this.groupSize[group]!);
    }
    const slot = this.groupSlot.get(key * this.groupSize.length + group);
    return repeated(slot === undefined ? 0 : this.groupCount[slot]!, this.groupSize[group]!);
  }
}

function repeated(pages: number, groupSize: number): boolean {
  return (
    groupSize >= TEMPLATE_MIN_GROUP &&
    pages >= TEMPLATE_MIN_PAGES &&
    pages >= Math.ceil(groupSize * TEMPLATE_SHARE)
  );
}

/** `/blog/post/` → `/blog`; `/docs/3.3/html/a.html` → `/docs/3.3/html`; `/` → ``. */
function parentPath(page: PageFacts): string {
  const path = page.url === undefined ? `/${page.file}` : pageKey(page.url);
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/**
 * Source mode: matches a root-relative route (`/en/guides/setup/`) to the Markdown file that
 * most plausibly renders it (`src/content/docs/en/guides/setup.mdx`): the file whose path, minus
 * extension and `index`/`README`, ends with the route's segments; the shortest such path, and
 * only when it is unique.
 */
class RouteGuesser {
  private readonly bySuffix = new Map<string, { page: PageFacts; length: number }[]>();

  constructor(
    pages: readonly PageFacts[],
    private readonly roots: readonly PageFacts[],
  ) {
    for (const page of pages) {
      if (page.format === 'html') continue;
      const segments = page.file
        .replace(/\.(?:md|mdx|markdown)$/i, '')
        .replace(/(?:^|\/)(?:index|readme)$/i, '')
        .split('/')
        .filter(Boolean);
      for (let start = 0; start < segments.length; start++) {
        const suffix = segments.slice(start).join('/').normalize('NFC').toLowerCase();
        const list = this.bySuffix.get(suffix) ?? [];
        list.push({ page, length: segments.length });
        this.bySuffix.set(suffix, list);
      }
    }
  }

  pageFor(path: string): PageFacts | undefined {
    const route = decodePath(path)
      .replace(/(?:^|\/)index\.html?$/i, '')
      .replace(/\.(?:html?|mdx?)$/i, '')
      .replace(/^\/+|\/+$/g, '')
      .toLowerCase();
    if (route === '') return this.roots.length === 1 ? this.roots[0] : undefined;
    const candidates = this.bySuffix.get(route);
    if (!candidates) return undefined;
    const shortest = Math.min(...candidates.map((candidate) => candidate.length));
    const best = candidates.filter((candidate) => candidate.length === shortest);
    return best.length === 1 ? best[0]!.page : undefined;
  }
}

/** Power-iteration PageRank; pages without followed links spread their rank evenly. */
function pageRank(outgoing: readonly (readonly number[])[]): Float64Array {
  const count = outgoing.length;
  let rank = new Float64Array(count).fill(1 / count);
  let next = new Float64Array(count);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    next.fill(0);
    let dangling = 0;
    for (let from = 0; from < count; from++) {
      const targets = outgoing[from]!;
      if (targets.length === 0) {
        dangling += rank[from]!;
        continue;
      }
      const share = rank[from]! / targets.length;
      for (const to of targets) next[to]! += share;
    }
    const spread = (1 - DAMPING) / count + (DAMPING * dangling) / count;
    let change = 0;
    for (let node = 0; node < count; node++) {
      const value = spread + DAMPING * next[node]!;
      change += Math.abs(value - rank[node]!);
      next[node] = value;
    }
    [rank, next] = [next, rank];
    if (change < TOLERANCE) break;
  }
  return rank;
}

/** `100 × rank / max rank`, two decimals. */
function scale(rank: Float64Array): number[] {
  let max = 0;
  for (const value of rank) if (value > max) max = value;
  return Array.from(rank, (value) => (max === 0 ? 0 : Math.round((10000 * value) / max) / 100));
}

/** A growable list of 32-bit integers: a typed array that doubles when full. */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values, in an array of their own length. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

import { posix } from 'node:path';
import type { PageFacts, SourcePosition } from '../model/facts.js';

/**
 * Traces built pages back to the Markdown/MDX sources that made them, so findings point at the
 * file an author edits: the host's `explicit` URL → file pairs first; then the source whose path
 * ends with the page's whole URL path, when its name alone tells ({@link attributeByName});
 * otherwise the overlap of headings and links decides among the sources whose slug (file name or
 * frontmatter `slug`) is the URL's last segment.
 */
export function attributeSources(
  built: readonly PageFacts[],
  sources: readonly PageFacts[],
  explicit: ReadonlyMap<string, string> = new Map(),
): Map<PageFacts, PageFacts> {
  if (sources.length === 0) return new Map();
  const named = sources.map((facts) => ({
    file: facts.file,
    ...(typeof facts.frontmatter?.slug === 'string' ? { slug: facts.frontmatter.slug } : {}),
    facts,
  }));
  const { result, undecided } = attributeByName(built, named, explicit);
  const byContent = decideByContent(
    undecided.map(({ page, slug, candidates }) => ({
      page,
      slug,
      candidates: candidates.map((candidate) => candidate.facts),
    })),
  );
  return new Map(
    built.flatMap((page) => {
      const source = result.get(page)?.facts ?? byContent.get(page);
      return source ? [[page, source] as const] : [];
    }),
  );
}

/** What attribution by name knows of a source: its file, and its frontmatter `slug` if a string. */
export interface NamedSource {
  file: string;
  slug?: string;
}

/** A built page that names did not decide, with the sources whose slug fits its URL. */
export interface Undecided<S> {
  page: PageFacts;
  /** The URL's last segment, lower-cased. */
  slug: string;
  candidates: S[];
}

/**
 * Attribution by names alone: the host's `explicit` pairs, then, among the sources whose slug is
 * the page's last URL segment, the one whose path (folders and name, `index` dropped; or its
 * frontmatter `slug`) ends with every segment of the page's URL, when exactly one does and no
 * other page claims that source as well or better. Pages with candidates but no such source are
 * left `undecided`, for {@link decideByContent}.
 */
export function attributeByName<S extends NamedSource>(
  built: readonly PageFacts[],
  sources: readonly S[],
  explicit: ReadonlyMap<string, string> = new Map(),
): { result: Map<PageFacts, S>; undecided: Undecided<S>[] } {
  const result = new Map<PageFacts, S>();
  const undecided: Undecided<S>[] = [];
  if (sources.length === 0) return { result, undecided };
  const byFile = new Map(sources.map((source) => [source.file, source]));
  const bySlug = new Map<string, S[]>();
  for (const source of sources) {
    for (const slug of slugsOfFile(source.file, source.slug)) {
      const list = bySlug.get(slug) ?? [];
      list.push(source);
      bySlug.set(slug, list);
    }
  }
  /** Page → the source its URL names in full, and how many segments matched. */
  const matched = new Map<PageFacts, { source: S; length: number; slug: string }>();
  /** Source → the longest match any page claims it with, and by how many pages. */
  const claims = new Map<S, { length: number; count: number }>();
  for (const page of built) {
    const explicitFile = page.url === undefined ? undefined : explicit.get(page.url);
    const explicitSource = explicitFile === undefined ? undefined : byFile.get(explicitFile);
    if (explicitSource) {
      result.set(page, explicitSource);
      continue;
    }
    const slug = lastSegment(page.url ?? page.file);
    const candidates = bySlug.get(slug) ?? [];
    if (candidates.length === 0) continue;
    const match = page.url === undefined || slug === '' ? undefined : byPath(page.url, candidates);
    if (!match) {
      undecided.push({ page, slug, candidates });
      continue;
    }
    matched.set(page, { ...match, slug });
    const claim = claims.get(match.source);
    if (!claim || match.length > claim.length) {
      claims.set(match.source, { length: match.length, count: 1 });
    } else if (match.length === claim.length) claim.count++;
  }
  for (const [page, { source, length, slug }] of matched) {
    const claim = claims.get(source)!;
    if (claim.length === length && claim.count === 1) result.set(page, source);
    else undecided.push({ page, slug, candidates: bySlug.get(slug)! });
  }
  return { result, undecided };
}

/**
 * For each undecided page, the candidate whose headings and links the page shares most, if it
 * shares at least half of them.
 */
export function decideByContent(
  undecided: readonly Undecided<PageFacts>[],
): Map<PageFacts, PageFacts> {
  const result = new Map<PageFacts, PageFacts>();
  const fingerprint = fingerprinter();
  for (const { page, slug, candidates } of undecided) {
    const best = bestByContent(page, candidates, slug, fingerprint);
    if (best) result.set(page, best);
  }
  return result;
}

/**
 * Where in the source the `linkIndex`-th link of a built page was written: the same href, the
 * same occurrence (the second `/a/` of the page is the second `/a/` of the source).
 */
export function sourcePositionOfLink(
  built: PageFacts,
  linkIndex: number,
  source: PageFacts,
): SourcePosition | undefined {
  const link = built.links[linkIndex];
  if (!link || link.region !== 'content') return undefined;
  let occurrence = 0;
  for (let index = 0; index < linkIndex; index++) {
    const other = built.links[index]!;
    if (other.href === link.href && other.region === 'content') occurrence++;
  }
  const matches = source.links.filter((candidate) => candidate.href === link.href);
  return (matches[occurrence] ?? matches.at(-1))?.position;
}

/** The fingerprint of a page (headings and content links), computed once per page. */
function fingerprinter(): (page: PageFacts) => Set<string> {
  const fingerprints = new Map<PageFacts, Set<string>>();
  return (page) => {
    let set = fingerprints.get(page);
    if (!set) {
      set = new Set([
        ...page.headings.map((heading) => `h:${heading.text.toLowerCase()}`),
        ...page.links.filter((link) => link.region === 'content').map((link) => `a:${link.href}`),
      ]);
      fingerprints.set(page, set);
    }
    return set;
  };
}

/**
 * The candidate (sources whose slug is the built page's last URL segment `slug`) whose headings
 * and links the built page shares most, if it shares at least half of them.
 */
function bestByContent(
  page: PageFacts,
  candidates: readonly PageFacts[],
  slug: string,
  fingerprint: (page: PageFacts) => Set<string>,
): PageFacts | undefined {
  let best: PageFacts | undefined;
  let bestScore = 0;
  const own = fingerprint(page);
  for (const candidate of candidates) {
    const theirs = fingerprint(candidate);
    let shared = 0;
    for (const key of theirs) if (own.has(key)) shared++;
    // A source with no headings or links is only known by its name: accept the slug alone,
    // but not the home page's empty one.
    const score = theirs.size === 0 ? (slug === '' ? 0 : 0.5) : shared / theirs.size;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best && bestScore >= 0.5 ? best : undefined;
}

/** The slugs a source file answers to: its name (its folder's for `index`), frontmatter `slug`. */
function slugsOfFile(file: string, frontmatterSlug: unknown): string[] {
  const slugs = new Set<string>();
  const name = posix.basename(file).replace(/\.(mdx?|markdown)$/i, '');
  if (/^(index|readme)$/i.test(name)) {
    slugs.add(posix.basename(posix.dirname(file)));
    // The home page has no last segment: any index file may be its source (a collection's
    // `index.md` rendered at `/`, as in Starlight); the content decides.
    slugs.add('');
  } else slugs.add(name);
  if (typeof frontmatterSlug === 'string') slugs.add(lastSegment(frontmatterSlug));
  return [...slugs].map((slug) => slug.toLowerCase());
}

/** The lower-cased last segment of a URL path or built file (`index.html`, `.html` dropped). */
function lastSegment(path: string): string {
  return urlSegments(path).at(-1) ?? '';
}

/** The lower-cased segments of a URL path or built file (`index.html`, `.html` dropped). */
function urlSegments(path: string): string[] {
  return path
    .replace(/(^|\/)index\.html?$/i, '')
    .replace(/\.html?$/i, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.toLowerCase());
}

/**
 * The candidate whose path (folders and name, `index` dropped; or folders and frontmatter slug;
 * or the slug as a path) ends with every segment of `url`, when exactly one has the longest such
 * ending.
 */
function byPath<S extends NamedSource>(
  url: string,
  candidates: readonly S[],
): { source: S; length: number } | undefined {
  const segments = urlSegments(url).map(decodeSegment);
  let best: S | undefined;
  let bestLength = 0;
  let tied = false;
  for (const source of candidates) {
    const length = Math.max(...pathsOf(source).map((path) => commonSuffix(segments, path)));
    if (length > bestLength) {
      best = source;
      bestLength = length;
      tied = false;
    } else if (length === bestLength) tied = true;
  }
  if (!best || tied || bestLength < segments.length) return undefined;
  return { source: best, length: bestLength };
}

function pathsOf(source: NamedSource): string[][] {
  const folders = posix.dirname(source.file).split('/').filter(Boolean);
  const name = posix.basename(source.file).replace(/\.(mdx?|markdown)$/i, '');
  const paths = [/^(index|readme)$/i.test(name) ? folders : [...folders, name]];
  if (source.slug !== undefined) {
    const slug = source.slug.split('/').filter(Boolean);
    paths.push(slug, [...folders, ...slug.slice(-1)]);
  }
  return paths.map((path) => path.map((segment) => segment.toLowerCase()));
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let length = 0;
  while (
    length < a.length &&
    length < b.length &&
    a[a.length - 1 - length] === b[b.length - 1 - length]
  ) {
    length++;
  }
  return length;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment;
  }
}

import { posix } from 'node:path';
import type { PageFacts, SourcePosition } from '../model/facts.js';

/**
 * Traces built pages back to the Markdown/MDX sources that made them, so findings point at the
 * file an author edits. A slug match (the URL's last segment against the file name or the
 * frontmatter `slug`) proposes candidates; the overlap of headings and links decides.
 */
export function attributeSources(
  built: readonly PageFacts[],
  sources: readonly PageFacts[],
  explicit: ReadonlyMap<string, string> = new Map(),
): Map<PageFacts, PageFacts> {
  const result = new Map<PageFacts, PageFacts>();
  if (sources.length === 0) return result;
  const byFile = new Map(sources.map((source) => [source.file, source]));
  const bySlug = new Map<string, PageFacts[]>();
  for (const source of sources) {
    for (const slug of slugsOf(source)) {
      const list = bySlug.get(slug) ?? [];
      list.push(source);
      bySlug.set(slug, list);
    }
  }
  const fingerprints = new Map<PageFacts, Set<string>>();
  const fingerprint = (page: PageFacts) => {
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

  for (const page of built) {
    const named = page.url === undefined ? undefined : explicit.get(page.url);
    const namedSource = named === undefined ? undefined : byFile.get(named);
    if (namedSource) {
      result.set(page, namedSource);
      continue;
    }
    const slug = lastSegment(page.url ?? page.file);
    const candidates = bySlug.get(slug) ?? [];
    let best: PageFacts | undefined;
    let bestScore = 0;
    const own = fingerprint(page);
    for (const candidate of candidates) {
      const theirs = fingerprint(candidate);
      let shared = 0;
      for (const key of theirs) if (own.has(key)) shared++;
      // A source with no headings or links is only known by its name: accept the slug alone.
      const score = theirs.size === 0 ? 0.5 : shared / theirs.size;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best && bestScore >= 0.5) result.set(page, best);
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

function slugsOf(source: PageFacts): string[] {
  const slugs = new Set<string>();
  const name = posix.basename(source.file).replace(/\.(mdx?|markdown)$/i, '');
  slugs.add(/^(index|readme)$/i.test(name) ? posix.basename(posix.dirname(source.file)) : name);
  const frontmatterSlug = source.frontmatter?.slug;
  if (typeof frontmatterSlug === 'string') slugs.add(lastSegment(frontmatterSlug));
  return [...slugs].map((slug) => slug.toLowerCase());
}

function lastSegment(path: string): string {
  const segments = path
    .replace(/(^|\/)index\.html?$/i, '')
    .replace(/\.html?$/i, '')
    .split('/')
    .filter(Boolean);
  return (segments.at(-1) ?? '').toLowerCase();
}

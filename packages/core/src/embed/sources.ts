import type { PageFacts, SourcePosition } from '../model/facts.js';

/** `src` as a path, resolved against the page's path; undefined for other origins. */
function pathOf(src: string, page: string): string | undefined {
  try {
    const url = new URL(src.trim(), new URL(page, 'https://site.invalid'));
    return url.host === 'site.invalid' ? decodeURI(url.pathname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Built pages and the Markdown sources that made them: each infographic a source declares
 * (frontmatter `infographics:` or an `Infographic:` image title) whose image the built page
 * shows, and that the built HTML does not mark itself, becomes an infographic of the built page
 * too, so the `infographic-*` rules judge it. Returns the positions so added → their source file:
 * a finding placed there points at the frontmatter entry or the image's line.
 */
export function adoptSourceInfographics(
  attribution: ReadonlyMap<PageFacts, PageFacts>,
): Map<SourcePosition, string> {
  const adopted = new Map<SourcePosition, string>();
  for (const [page, source] of attribution) {
    if (!source.infographics?.length) continue;
    const base = page.url ?? `/${page.file}`;
    const marked = new Set(
      (page.infographics ?? []).map((item) => pathOf(item.src, base)).filter(Boolean),
    );
    const shown = new Map<string, string | undefined>();
    for (const image of page.images) {
      const path = pathOf(image.src, base);
      if (path !== undefined && !shown.has(path)) shown.set(path, image.alt);
    }
    for (const item of source.infographics) {
      const path = pathOf(item.src, base);
      if (path === undefined || marked.has(path) || !shown.has(path)) continue;
      marked.add(path);
      const position: SourcePosition = item.position
        ? { ...item.position }
        : { line: 1, column: 1 };
      // The built page's alt is what readers get; the source's when the build dropped it.
      const alt = shown.get(path) ?? item.alt;
      (page.infographics ??= []).push({
        src: item.src,
        ...(item.title === undefined ? {} : { title: item.title }),
        ...(item.credit === undefined ? {} : { credit: item.credit }),
        ...(alt === undefined ? {} : { alt }),
        position,
      });
      adopted.set(position, source.file);
    }
  }
  return adopted;
}

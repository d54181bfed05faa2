import { isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { urlForBuiltFile } from '@linkworthy/core/setup';
import type { IntegrationResolvedRoute } from 'astro';
import { toPosix } from './paths.js';

/** What the integration keeps of each route from `astro:routes:resolved`. */
export type RouteInfo = Pick<
  IntegrationResolvedRoute,
  'pattern' | 'entrypoint' | 'type' | 'origin'
> & {
  pathname?: string | undefined;
  /** What the route matches (a site path without base); from `astro:routes:resolved`. */
  patternRegex?: RegExp | undefined;
};

export interface PageSourcesContext {
  /** The project root, as a path. */
  root: string;
  /** The folder of built HTML (`dir` of `astro:build:done`), as a path. */
  dir: string;
  /** `assets` of `astro:build:done` (Astro 5+): route pattern → built files. */
  assets?: ReadonlyMap<string, readonly URL[]> | undefined;
  /** Astro's `build.format`, for when `assets` does not name a route's files. */
  buildFormat?: string | undefined;
}

const MARKDOWN_ENTRY = /\.(md|mdx|markdown)$/i;
const HTML_FILE = /\.html?$/i;

/**
 * URL path (site path without base, as the core keys built pages) → source file, for pages whose
 * route entrypoint is a Markdown file (`src/pages/about.md`). The built file comes from `assets`
 * when Astro gives it, so it is right for every `build.format`; otherwise from the pathname.
 * Dynamic routes (`[...slug].astro` rendering a collection) have no single source: the core
 * traces those pages to their Markdown by slug and content.
 */
export function pageSources(
  routes: readonly RouteInfo[],
  context: PageSourcesContext,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const route of routes) {
    if (route.type !== 'page' || route.origin === 'external') continue;
    if (!MARKDOWN_ENTRY.test(route.entrypoint) || route.pathname === undefined) continue;
    const source = entryFile(route, context);
    const built = builtHtmlFiles(route, context);
    if (built.length > 0) {
      for (const file of built) map.set(urlForBuiltFile(file), source);
    } else {
      map.set(urlOfPathname(route.pathname, route.entrypoint, context.buildFormat), source);
    }
  }
  return map;
}

/** The route's entrypoint, relative to the project root and `/`-separated. */
function entryFile(route: RouteInfo, context: PageSourcesContext): string {
  return toPosix(
    isAbsolute(route.entrypoint) ? relative(context.root, route.entrypoint) : route.entrypoint,
  );
}

/**
 * The HTML files Astro says it built for the route (`assets`, Astro 5+), relative to `dir`. A URL
 * under `dir` with nothing escaped is cut from its text: converting each of 2,000 pages' URLs to
 * a path and that to a relative one took 14 ms of the build's own thread.
 */
function builtHtmlFiles(route: RouteInfo, context: PageSourcesContext): string[] {
  const urls = context.assets?.get(route.pattern);
  if (!urls) return [];
  const dirUrl = pathToFileURL(context.dir).href;
  const prefix = dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`;
  const files: string[] = [];
  for (const url of urls) {
    const { href } = url;
    const file =
      href.startsWith(prefix) && !/[%?#]/.test(href)
        ? href.slice(prefix.length)
        : toPosix(relative(context.dir, fileURLToPath(url)));
    if (HTML_FILE.test(file)) files.push(file);
  }
  return files;
}

function urlOfPathname(pathname: string, entrypoint: string, format: string | undefined): string {
  const path = `/${pathname.replace(/^\/+|\/+$/g, '')}`;
  if (path === '/') return '/';
  const isIndex = /(^|\/)index\.[^/]+$/.test(entrypoint);
  if (format === 'file' || (format === 'preserve' && !isIndex)) return `${path}.html`;
  return `${path}/`;
}

/**
 * The route file of a site path (no base), for pages with no Markdown source: the first page
 * route (Astro sorts them by priority) whose pattern matches.
 */
export function routeEntrypoint(routes: readonly RouteInfo[], path: string): string | undefined {
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const route of routes) {
    if (route.type !== 'page' || route.origin === 'external') continue;
    const regex = route.patternRegex;
    if (regex ? regex.test(bare) || regex.test(withSlash) : route.pattern === bare) {
      return toPosix(route.entrypoint);
    }
  }
  return undefined;
}

/**
 * Built file (relative to `dir`, `/`-separated) → route file, for pages made by a route that is
 * not a Markdown page (`src/pages/index.astro`, `src/pages/tags/[tag].astro`): findings the core
 * leaves on such a built file belong to the route file an author edits.
 */
export function routeFilesOfBuiltPages(
  routes: readonly RouteInfo[],
  context: PageSourcesContext,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const route of routes) {
    if (route.type !== 'page' || route.origin === 'external') continue;
    if (MARKDOWN_ENTRY.test(route.entrypoint)) continue;
    const entry = entryFile(route, context);
    const built = builtHtmlFiles(route, context);
    if (built.length === 0 && route.pathname !== undefined) {
      const url = urlOfPathname(route.pathname, route.entrypoint, context.buildFormat);
      built.push(url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1));
    }
    for (const file of built) if (!map.has(file)) map.set(file, entry);
  }
  return map;
}

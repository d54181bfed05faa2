import { globToRegExp } from '../util/glob.js';

/**
 * A routing convention: source files matching `pattern` (a glob relative to the root) are
 * served at `url`, where `[slug]` is the file's path under the glob's base (the part before the
 * first wildcard) without its extension, and an `index` file is its folder's URL.
 */
export interface Route {
  pattern: string;
  url: string;
}

/**
 * A function giving a source file (relative to the root, `/`-separated) its URL path by the first
 * matching route, or undefined when none matches. Compiled once; linear in the routes per file.
 */
export function routeFiles(routes: readonly Route[]): (file: string) => string | undefined {
  const compiled = routes.map((route) => {
    const wildcard = route.pattern.search(/[*?]/);
    const head = wildcard === -1 ? route.pattern : route.pattern.slice(0, wildcard);
    const base = head.slice(0, head.lastIndexOf('/') + 1);
    return { test: globToRegExp(route.pattern), base, url: route.url };
  });
  return (file) => {
    for (const route of compiled) {
      if (!route.test.test(file)) continue;
      const slug = file
        .slice(route.base.length)
        .replace(/\.[^./]*$/, '')
        .replace(/(?:^|\/)index$/, '');
      return route.url.replaceAll('[slug]', slug).replace(/\/{2,}/g, '/');
    }
    return undefined;
  };
}

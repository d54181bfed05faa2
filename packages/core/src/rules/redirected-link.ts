import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { describeRedirectOrigin } from '../site/redirects.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'redirected-link',
  meta: {
    description:
      'Report internal links that reach their page only through a redirect, and name the URL to link to instead.',
    category: 'links',
    defaultSeverity: 'warn',
    recommended: true,
    reads: ['alternates', 'file', 'format', 'ids', 'links', 'meta.refresh', 'partial', 'url'],
  },
  options: z.strictObject({
    /** Globs of hrefs or resolved site paths to leave alone (`/go/**` for deliberate short links). */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const ignored = matcher(options.ignore);
    for (const page of site.pages) {
      const outcomes = site.outcomesOf(page);
      for (let index = 0; index < outcomes.length; index++) {
        const resolved = outcomes[index]!;
        // Broken chains are `broken-link`'s; a locale page that falls back is not a detour.
        if (resolved.status === 'missing' || !resolved.redirects) continue;
        const link = page.links[index]!;
        const hops = resolved.redirects.filter((hop) => hop.kind !== 'i18n-fallback');
        if (hops.length === 0) continue;
        if (ignored(link.href) || (resolved.path !== undefined && ignored(resolved.path))) continue;

        const final = hops.at(-1)!.to;
        // A redirect to another site replaces the whole href; a path keeps `?query#fragment`.
        const tail = /^https?:/i.test(final) ? '' : (/[?#].*$/.exec(link.href)?.[0] ?? '');
        const slashOnly = hops.every((hop) => hop.kind === 'trailing-slash');
        // A slash fix keeps the href as written (relative stays relative); others name the URL.
        const suggestion =
          (slashOnly ? toggledSlash(link.href, site.trailingSlash) : undefined) ?? final + tail;
        const chain = [hops[0]!.from, ...hops.map((hop) => hop.to)];
        const origins = [...new Set(hops.flatMap((hop) => (hop.origin ? [hop.origin] : [])))];
        const where =
          origins.length === 0
            ? ''
            : ` (${origins.map((origin) => describeRedirectOrigin(origin)).join(', ')})`;
        report({
          page,
          messageId: slashOnly ? 'trailingSlash' : 'redirected',
          message: slashOnly
            ? `Link to \`${link.href}\` is redirected to \`${final}\`: the site serves its pages ${site.trailingSlash === 'always' ? 'with' : 'without'} a trailing slash. Link to \`${suggestion}\` directly.`
            : hops.length === 1
              ? `Link to \`${link.href}\` is redirected to \`${final}\`${where}. Link to \`${suggestion}\` directly.`
              : `Link to \`${link.href}\` goes through ${hops.length} redirects (\`${chain.join('` → `')}\`)${where}. Link to \`${suggestion}\` directly.`,
          note: 'Every redirect costs readers a round trip and crawlers a hop; chains lose link signals and break when one step changes. Links should point at the final URL.',
          linkIndex: index,
          target: link.href,
          suggestions: [suggestion],
          data: { final, redirects: hops },
        });
      }
    }
  },
});

/**
 * The href with its trailing slash added (`always`) or removed (`never`), query and fragment
 * kept; undefined when that cannot be written (`../` has no slash-less form).
 */
function toggledSlash(href: string, policy: string): string | undefined {
  const at = href.search(/[?#]/);
  const path = at === -1 ? href : href.slice(0, at);
  const tail = at === -1 ? '' : href.slice(at);
  if (policy === 'always') return path.endsWith('/') ? undefined : `${path}/${tail}`;
  const trimmed = path.replace(/\/+$/, '');
  if (
    trimmed === path ||
    trimmed === '' ||
    /(^|\/)\.\.?$/.test(trimmed) ||
    /^[a-z][a-z\d+.-]*:\/\/[^/]*$/i.test(trimmed)
  ) {
    return undefined;
  }
  return trimmed + tail;
}

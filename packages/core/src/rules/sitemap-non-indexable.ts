import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { GRAPH_READS } from '../site/graph.js';
import { notIndexable, type SitemapEntry } from '../site/sitemap.js';
import { joinBase } from '../site/url.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'sitemap-non-indexable',
  meta: {
    description:
      'Report sitemap entries that search engines cannot index: missing pages, redirects, pages blocked by robots.txt, `noindex` pages and pages canonicalised elsewhere.',
    category: 'links',
    defaultSeverity: 'warn',
    recommended: true,
    // What the graph reads covers theirs; a change to it runs the analysis in full anyway.
    reads: GRAPH_READS,
  },
  options: z.strictObject({
    /** The crawler whose robots.txt rules apply. */
    userAgent: z.string().min(1).default('Googlebot'),
    /** Globs of URL paths (with the base path) to leave alone. */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const sitemaps = site.sitemaps;
    if (!sitemaps) return;
    const ignored = matcher(options.ignore);
    const note =
      'A sitemap should list only the canonical, indexable URLs of the site: every other entry wastes crawl budget, and search engines trust a sitemap less the more such entries it has.';

    for (const entry of sitemaps.missing) {
      report({
        page: site.documentFor(entry.file),
        messageId: 'missingSitemap',
        message: `Sitemap index entry \`${entry.loc}\` points at no sitemap of the site: the file is not in the build.`,
        note: 'Search engines get a 404 for this sitemap and every URL it should list; fix the URL or generate the file.',
        at: { line: entry.line, column: entry.column },
        target: entry.loc,
      });
    }

    /** Entries on another host, by sitemap file: reported once per file, not once per entry. */
    const foreign = new Map<string, { first: SitemapEntry; count: number; host: string }>();
    const ownHost = hostOf(site.origin);
    for (const entry of sitemaps.entries) {
      const path = site.sitePathOf(entry.loc);
      if (path === undefined) {
        // Outside the base path may be another application on the host: not this site's.
        const host = hostOf(entry.loc);
        if (host === undefined || host === ownHost) continue;
        const seen = foreign.get(entry.file);
        if (seen) seen.count++;
        else foreign.set(entry.file, { first: entry, count: 1, host });
        continue;
      }
      const url = joinBase(site.context.base, path);
      if (ignored(url)) continue;
      const base = {
        page: site.documentFor(entry.file),
        note,
        at: { line: entry.line, column: entry.column },
        target: entry.loc,
      };
      const resolution = site.resolvePath(path);
      const hops = resolution.hops.filter((hop) => hop.kind !== 'i18n-fallback');

      if (resolution.status === 'missing') {
        report({
          ...base,
          messageId: 'missing',
          message:
            hops.length > 0 && resolution.problem !== 'missing'
              ? `Sitemap entry \`${entry.loc}\` never reaches a page: its redirects loop. Remove it or fix the redirects.`
              : `Sitemap entry \`${entry.loc}\` is missing: no page of the site is at \`${url}\`${hops.length > 0 ? ` (it redirects to \`${hops.at(-1)!.to}\`, which does not exist)` : ''}. Remove it from the sitemap.`,
          data: { reason: 'missing', url },
        });
        continue;
      }
      if (hops.length > 0) {
        const final = hops.at(-1)!.to;
        const listed = absoluteLike(entry.loc, final);
        report({
          ...base,
          messageId: 'redirect',
          message: `Sitemap entry \`${entry.loc}\` is a redirect to \`${final}\`: list \`${listed}\` instead.`,
          suggestions: [listed],
          data: { reason: 'redirect', url, final },
        });
        continue;
      }
      // A file (a PDF, a feed) is fine; only pages carry indexing signals.
      if (!resolution.page) continue;
      const problem = notIndexable(site, resolution.page, options.userAgent);
      if (!problem || problem.reason === 'redirect') continue;
      const messages = {
        'not-found': {
          messageId: 'notFound',
          message: `Sitemap entry \`${entry.loc}\` is the site’s “not found” page. Remove it from the sitemap.`,
        },
        noindex: {
          messageId: 'noindex',
          message: `Sitemap entry \`${entry.loc}\` is marked \`noindex\`: search engines are asked to keep it out. Remove it from the sitemap, or drop the \`noindex\`.`,
        },
        canonical: {
          messageId: 'canonicalised',
          message: `Sitemap entry \`${entry.loc}\` is canonicalised elsewhere: its canonical URL is \`${problem.detail ?? ''}\`. List the canonical URL instead.`,
        },
        robots: {
          messageId: 'blocked',
          message: `Sitemap entry \`${entry.loc}\` is blocked by robots.txt${problem.detail ? ` (\`${problem.detail}\`, line ${problem.line ?? 0})` : ''} for \`${options.userAgent}\`. Remove it from the sitemap, or allow it in robots.txt.`,
        },
      } as const;
      report({
        ...base,
        ...messages[problem.reason],
        data: {
          reason: problem.reason,
          url,
          ...(problem.detail ? { detail: problem.detail } : {}),
        },
      });
    }

    for (const [file, { first, count, host }] of foreign) {
      report({
        page: site.documentFor(file),
        messageId: 'otherHost',
        message: `\`${file}\` lists ${count === 1 ? 'a URL' : `${count} URLs`} on \`${host}\` (first: \`${first.loc}\`), not on this site's host \`${ownHost ?? ''}\`: search engines ignore ${count === 1 ? 'it' : 'them'}.`,
        note: 'A sitemap may only list URLs of its own host. If the site is served on that host, set the `site` option to it; otherwise fix the sitemap generator’s site URL.',
        at: { line: first.line, column: first.column },
        target: first.loc,
        data: { count, host },
      });
    }
  },
});

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined || !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** `final` in the form the sitemap entry is written in: absolute when the entry is. */
function absoluteLike(loc: string, final: string): string {
  if (!final.startsWith('/')) return final;
  try {
    return new URL(final, loc).href;
  } catch {
    return final;
  }
}

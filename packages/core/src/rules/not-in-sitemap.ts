import { z } from 'zod';
import type { PageFacts } from '../model/facts.js';
import { defineRule } from '../model/rule.js';
import { pagePosition, GRAPH_READS } from '../site/graph.js';
import { notIndexable } from '../site/sitemap.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'not-in-sitemap',
  meta: {
    description: 'Report indexable pages that the site’s XML sitemap does not list.',
    category: 'links',
    defaultSeverity: 'warn',
    recommended: true,
    // What the graph reads covers theirs; a change to it runs the analysis in full anyway.
    reads: GRAPH_READS,
  },
  options: z.strictObject({
    /** The crawler whose robots.txt rules decide what is indexable. */
    userAgent: z.string().min(1).default('Googlebot'),
    /** Globs of URL paths (with the base path) to leave alone (`/drafts/**`). */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const sitemaps = site.sitemaps;
    // No sitemap at all is a choice (small, well-linked sites do not need one), not a finding.
    if (!sitemaps) return;
    const ignored = matcher(options.ignore);
    const listed = new Set<PageFacts>();
    let onSite = 0;
    for (const entry of sitemaps.entries) {
      const path = site.sitePathOf(entry.loc);
      if (path === undefined) continue;
      onSite++;
      const page = site.resolvePath(path).page;
      if (page) listed.add(page);
    }
    // No entry is on this site (another host, usually a wrong `site` option or generator URL):
    // `sitemap-non-indexable` says so once, rather than every page here.
    if (onSite === 0 && sitemaps.entries.length > 0) return;
    const files = sitemaps.files
      .filter((file) => file.kind !== 'sitemapindex')
      .map((file) => `\`${file.file}\``);
    const which =
      files.length === 1 ? files[0]! : `none of the site’s sitemaps (${files.join(', ')})`;
    for (const page of site.pages) {
      if (page.url === undefined || page.partial || listed.has(page)) continue;
      if (notIndexable(site, page, options.userAgent)) continue;
      const url = site.publicUrl(page)!;
      if (ignored(url)) continue;
      report({
        page,
        messageId: 'missing',
        message: `\`${url}\` is missing from the sitemap: the page is indexable, but ${files.length === 1 ? `${which} does not list it` : `it is in ${which}`}.`,
        note: 'Search engines read the sitemap to find and recrawl pages; an indexable page left out is found later, or only through links. Add it to the sitemap, or mark it `noindex` or canonicalise it if it should stay out of search.',
        at: pagePosition(page),
        data: { url, sitemaps: sitemaps.files.map((file) => file.file) },
      });
    }
  },
});

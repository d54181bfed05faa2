import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import {
  isNotFoundPage,
  isRedirectPage,
  pageMatcher,
  pageName,
  pagePosition,
  siteGraph,
  GRAPH_READS,
} from '../site/graph.js';

export default defineRule({
  id: 'dead-end-page',
  meta: {
    description: 'Report pages with no followed link to any other page of the site.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: true,
    reads: GRAPH_READS,
  },
  options: z.strictObject({
    /** Globs of URL paths or files of pages that may end the journey (`/thanks/`). */
    ignore: z.array(z.string()).default([]),
    /**
     * Also report Markdown/MDX sources whose own text links to no other page (the navigation a
     * theme adds at build time is not in them, so most sources would otherwise be dead ends).
     */
    checkSources: z.boolean().default(false),
  }),
  check({ site, options, report }) {
    if (site.pages.length < 2) return;
    // Sources only, and sources are not checked: nothing to report, so no graph to build (the
    // editor lints one Markdown file against a whole site on every keystroke).
    if (!options.checkSources && !site.pages.some((page) => page.format === 'html')) return;
    const graph = siteGraph(site);
    const ignored = pageMatcher(site, options.ignore);
    for (const page of site.pages) {
      if (graph.outbound(page) > 0) continue;
      // Its links are not all known; `parse-error` reports it.
      if (page.partial) continue;
      const source = page.format !== 'html';
      if (source && !options.checkSources) continue;
      if (isNotFoundPage(page) || isRedirectPage(page) || ignored(page)) continue;
      // A root-relative link in Markdown without URLs that the graph could not place may well
      // lead to a page.
      if (site.outcomesOf(page).some((outcome) => outcome.status === 'unknown')) continue;
      const name = pageName(site, page);
      const nofollow = graph.linksFrom(page).length > 0;
      report({
        page,
        messageId: nofollow ? 'onlyNofollow' : source ? 'noContentLinks' : 'deadEnd',
        message: nofollow
          ? `Dead end: every link from \`${name}\` to another page of the site is nofollow. Drop \`nofollow\` from links to your own pages.`
          : source
            ? `Dead end: \`${name}\` links to no other page of the site in its text. Link to the pages a reader would want next.`
            : `Dead end: \`${name}\` links to no other page of the site. Link to related pages, or at least back to the home page.`,
        note: source
          ? 'Contextual links carry readers and crawlers on and tell them what the next page is about; the navigation a theme adds when the site is built does not replace them.'
          : 'Readers who land here have nowhere to go but back, and the equity the page earns flows nowhere.',
        at: pagePosition(page),
        data: { links: page.links.length },
      });
    }
  },
});

import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { checkSourcesOption, entryPointsOption } from '../site/graph-options.js';
import {
  isNoindex,
  isNotFoundPage,
  isRedirectPage,
  pageMatcher,
  pageName,
  pagePosition,
  partialPagesNote,
  siteGraph,
  GRAPH_READS,
} from '../site/graph.js';

export default defineRule({
  id: 'orphan-page',
  meta: {
    description: 'Report pages that no other page of the site links to.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: true,
    reads: GRAPH_READS,
    scope: 'site',
  },
  options: z.strictObject({
    checkSources: checkSourcesOption,
    /** Globs of URL paths or files of pages that stand alone on purpose (`/landing/**`). */
    ignore: z.array(z.string()).default([]),
    entryPoints: entryPointsOption,
  }),
  check({ site, options, report }) {
    if (site.pages.length < 2) return;
    const graph = siteGraph(site);
    if (graph.sourceMode && !options.checkSources) return;
    const entries = new Set(graph.entriesFor(options.entryPoints));
    const ignored = pageMatcher(site, options.ignore);
    const uncertain = partialPagesNote(graph);
    for (const page of site.pages) {
      if (graph.referrers(page) > 0 || entries.has(page)) continue;
      if (isNotFoundPage(page) || isRedirectPage(page) || isNoindex(page) || ignored(page))
        continue;
      const name = pageName(site, page);
      report({
        page,
        messageId: 'orphan',
        message: `Orphan page: no other page of the site links to \`${name}\`. Link to it from a related page, or list it in \`ignore\` if it stands alone on purpose.`,
        note:
          'Readers cannot click their way to an orphan page, and crawlers find it only through a sitemap, if at all; it earns no internal link equity.' +
          uncertain,
        at: pagePosition(page),
      });
    }
  },
});

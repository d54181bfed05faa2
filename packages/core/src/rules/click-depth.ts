import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { checkSourcesOption, entryPointsOption } from '../site/graph-options.js';
import {
  isRedirectPage,
  pageMatcher,
  pageName,
  pagePosition,
  partialPagesNote,
  siteGraph,
  GRAPH_READS,
} from '../site/graph.js';

export default defineRule({
  id: 'click-depth',
  meta: {
    description:
      'Report pages that take more than `maxDepth` clicks to reach from the entry points.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: true,
    reads: GRAPH_READS,
    scope: 'site',
  },
  options: z.strictObject({
    checkSources: checkSourcesOption,
    /** The most clicks a page may be from the entry points; deeper pages are reported. */
    maxDepth: z.int().min(1).default(3),
    entryPoints: entryPointsOption,
    /** Globs of URL paths or files of pages not to report. */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const graph = siteGraph(site);
    if (graph.sourceMode && !options.checkSources) return;
    const entries = graph.entriesFor(options.entryPoints);
    if (entries.length === 0) return;
    const reach = graph.reach(entries);
    const ignored = pageMatcher(site, options.ignore);
    const uncertain = partialPagesNote(graph);
    for (const page of site.pages) {
      const depth = reach.depth(page);
      // Unreachable pages belong to `unreachable-page` and `orphan-page`.
      if (depth === null || depth <= options.maxDepth) continue;
      if (isRedirectPage(page) || ignored(page)) continue;
      const path = reach.path(page)!.map((step) => pageName(site, step));
      const name = pageName(site, page);
      report({
        page,
        messageId: 'tooDeep',
        message: `Deep page: \`${name}\` is ${depth} clicks from \`${path[0]!}\`, more than ${options.maxDepth}. Link to it from a page closer to the entry points.`,
        note:
          `Shortest path: ${path.map((step) => `\`${step}\``).join(' → ')}. Pages many clicks deep are crawled less often, get less internal link equity and are harder for readers to find.` +
          uncertain,
        at: pagePosition(page),
        data: { depth, maxDepth: options.maxDepth, path },
      });
    }
  },
});

import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import {
  isRedirectPage,
  pageMatcher,
  pageName,
  pagePosition,
  partialPagesNote,
  siteGraph,
} from '../site/graph.js';

export default defineRule({
  id: 'click-depth',
  meta: {
    description:
      'Report pages that take more than `maxDepth` clicks to reach from the entry points.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: true,
    scope: 'site',
  },
  options: z.strictObject({
    /**
     * Also judge sites read from Markdown/MDX sources alone. Their navigation (a sidebar config,
     * a theme's layouts) is not in the files, so most pages would look unlinked; turn it on when
     * the Markdown links are the navigation (a docs folder read on GitHub).
     */
    checkSources: z.boolean().default(false),
    /** The most clicks a page may be from the entry points; deeper pages are reported. */
    maxDepth: z.int().min(1).default(3),
    /** URL paths (or source files) of the pages clicks are counted from. */
    entryPoints: z.array(z.string()).default(['/']),
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

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
  id: 'content-orphan',
  meta: {
    description:
      'Report pages linked only from site navigation and other template links, never from the content of another page.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: false,
    reads: GRAPH_READS,
    scope: 'site',
  },
  options: z.strictObject({
    checkSources: checkSourcesOption,
    /** Globs of URL paths or files of pages that navigation alone may link to (`/tags/**`). */
    ignore: z.array(z.string()).default([]),
    entryPoints: entryPointsOption,
  }),
  check({ site, options, report }) {
    const graph = siteGraph(site);
    if (graph.sourceMode && !options.checkSources) return;
    const entries = new Set(graph.entriesFor(options.entryPoints));
    const ignored = pageMatcher(site, options.ignore);
    const uncertain = partialPagesNote(graph);
    for (const page of site.pages) {
      const inbound = graph.linksTo(page);
      // No links at all is `orphan-page`'s business.
      if (inbound.length === 0 || inbound.some((link) => !link.template)) continue;
      if (
        entries.has(page) ||
        isNotFoundPage(page) ||
        isRedirectPage(page) ||
        isNoindex(page) ||
        ignored(page)
      )
        continue;
      const regions = [...new Set(inbound.map((link) => link.region))];
      const where = regions
        .map((region) => (region === 'content' ? 'links repeated on most pages' : `\`${region}\``))
        .join(', ');
      const name = pageName(site, page);
      const pages = new Set(inbound.map((link) => link.from)).size;
      report({
        page,
        messageId: 'templateOnly',
        message: `Content orphan: \`${name}\` is linked only from site navigation (${where}), from ${pages} page${pages === 1 ? '' : 's'}; no page links to it from its content. Link to it from the text of a related page.`,
        note:
          'Links in the body of related pages tell readers and search engines what a page is about, and weigh more than site-wide navigation, which links to everything alike.' +
          uncertain,
        at: pagePosition(page),
        data: { regions, pages },
      });
    }
  },
});

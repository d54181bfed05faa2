import { z } from 'zod';
import type { PageFacts } from '../model/facts.js';
import { defineRule } from '../model/rule.js';
import { checkSourcesOption, entryPointsOption } from '../site/graph-options.js';
import {
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
  id: 'unreachable-page',
  meta: {
    description:
      'Report clusters of pages that are linked, but that no chain of followed links from the entry points reaches.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: true,
    reads: GRAPH_READS,
    scope: 'site',
  },
  options: z.strictObject({
    checkSources: checkSourcesOption,
    entryPoints: entryPointsOption,
    /** Globs of URL paths or files of pages to leave out of the clusters. */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const graph = siteGraph(site);
    if (graph.sourceMode && !options.checkSources) return;
    const entries = graph.entriesFor(options.entryPoints);
    if (entries.length === 0) return;
    const reach = graph.reach(entries);
    const ignored = pageMatcher(site, options.ignore);
    const unreachable = site.pages.filter(
      (page) =>
        reach.depth(page) === null &&
        !isNotFoundPage(page) &&
        !isRedirectPage(page) &&
        !ignored(page),
    );
    const from = entries.map((entry) => `\`${pageName(site, entry)}\``).join(', ');
    const uncertain = partialPagesNote(graph);

    for (const cluster of graph.clusters(unreachable)) {
      let representative: PageFacts | undefined;
      for (const member of cluster) {
        if (graph.referrers(member) === 0) continue;
        if (!representative || graph.referrers(member) > graph.referrers(representative)) {
          representative = member;
        }
      }
      // A lone page nothing links to is an orphan: `orphan-page` reports it.
      if (!representative) continue;
      const name = pageName(site, representative);
      const members = [representative, ...cluster.filter((page) => page !== representative)];
      // Reachable pages that link into the cluster can only do so with nofollow links.
      const nofollowFrom = cluster.some((member) =>
        graph.linksTo(member).some((link) => reach.depth(link.from) !== null),
      );
      const how = nofollowFrom
        ? 'the only links to it from reachable pages are nofollow'
        : 'it is linked only from pages that cannot be reached either';
      const others = cluster.length - 1;
      report({
        page: representative,
        messageId: others === 0 ? 'unreachable' : 'cluster',
        message:
          others === 0
            ? `Unreachable page: no chain of followed links from ${from} reaches \`${name}\`; ${how}. Link to it from a page that can be reached.`
            : `Unreachable cluster: \`${name}\` and ${others} other page${others === 1 ? '' : 's'} link to each other, but no chain of followed links from ${from} reaches them${nofollowFrom ? ' (reachable pages link in only with nofollow links)' : ''}. Link to \`${name}\` from a page that can be reached.`,
        note:
          'Crawlers discover pages by following links from the entry points: an isolated cluster is found only through a sitemap, if at all, and the links inside it pass equity only to each other.' +
          uncertain,
        at: pagePosition(representative),
        data: {
          members: members.map((member) => pageName(site, member)),
          size: cluster.length,
          nofollowOnly: nofollowFrom,
        },
      });
    }
  },
});

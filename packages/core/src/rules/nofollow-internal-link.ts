import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { matcher } from '../util/glob.js';
import { pageName, pagePosition, siteGraph, GRAPH_READS } from '../site/graph.js';

export default defineRule({
  id: 'nofollow-internal-link',
  meta: {
    description: 'Report `nofollow` on links from one page of the site to another.',
    category: 'graph',
    defaultSeverity: 'warn',
    recommended: true,
    reads: GRAPH_READS,
  },
  options: z.strictObject({
    /** Globs of hrefs or resolved site paths whose nofollow is intended (`/login/`). */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const graph = siteGraph(site);
    const ignored = matcher(options.ignore);
    for (const page of site.pages) {
      const links = graph.linksFrom(page);
      if (links.length === 0) continue;
      const robots = page.meta.robots.find((token) => token === 'nofollow' || token === 'none');
      if (robots) {
        const name = pageName(site, page);
        report({
          page,
          messageId: 'metaNofollow',
          message: `\`${name}\` has \`<meta name="robots" content="${robots}">\`: crawlers follow none of its ${links.length} link${links.length === 1 ? '' : 's'} to other pages of the site. Remove \`nofollow\` from the robots meta.`,
          note: 'Internal links are how crawlers find your pages and how equity flows between them; to keep the page itself out of search results, `noindex` alone is enough.',
          at: pagePosition(page),
          data: { robots },
        });
      }
      for (const link of links) {
        // The edge's own flag first: it is set for every `rel="nofollow"`, and reading it spares
        // most links a walk to their `rel`.
        if (!link.nofollow) continue;
        const { href, rel } = link.link;
        if (!rel.includes('nofollow')) continue;
        const { path } = site.outcomesOf(page)[link.index]!;
        if (ignored(href) || (path !== undefined && ignored(path))) continue;
        const target = pageName(site, link.to);
        report({
          page,
          messageId: 'relNofollow',
          message: `Internal link to \`${target}\` has \`rel="nofollow"\`. Remove \`nofollow\` from links to your own pages.`,
          note: 'nofollow tells crawlers not to follow the link or pass equity through it: on an internal link it only starves your own page. To keep a page out of search results, give that page `noindex` instead.',
          linkIndex: link.index,
          target: href,
        });
      }
    }
  },
});

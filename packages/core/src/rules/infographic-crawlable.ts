import { z } from 'zod';
import { hasInfographic, infographicPosition } from '../embed/facts.js';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

export default defineRule({
  id: 'infographic-crawlable',
  meta: {
    description:
      'Report infographic pages that search engines may not index: `noindex`, or blocked by robots.txt.',
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      if (!hasInfographic(page)) continue;
      const name = pageName(site, page);
      const noindex = page.meta.robots.find((token) => token === 'noindex' || token === 'none');
      if (noindex) {
        report({
          page,
          messageId: 'noindex',
          message: `\`${name}\` has an infographic but \`<meta name="robots" content="${noindex}">\`. Remove \`${noindex}\` so the page embedders link to can rank.`,
          note: 'Every embed links back to this page: a page kept out of the index wastes those links, and image search cannot credit the infographic to it.',
          at: infographicPosition(page),
        });
      }
      const path = site.publicUrl(page);
      const robots = site.robots;
      if (path !== undefined && robots && !robots.isAllowed(path)) {
        report({
          page,
          messageId: 'robotsBlocked',
          message: `\`${name}\` has an infographic but robots.txt blocks it. Allow it in robots.txt.`,
          note: 'A blocked page cannot be crawled: the links embedders give it and its image metadata are never read.',
          at: infographicPosition(page),
        });
      }
    }
  },
});

import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageMatcher } from '../site/graph.js';

export default defineRule({
  id: 'unsupported-statistic',
  meta: {
    description:
      'Report sentences that state a figure (a percentage, a multiple, an amount, a large count) with no source link nearby.',
    category: 'linkability',
    defaultSeverity: 'info',
    recommended: false,
    reads: 'page',
  },
  options: z.strictObject({
    /** Globs of URL paths or files of pages not to check (changelogs, pricing pages). */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const ignored = pageMatcher(site, options.ignore);
    for (const page of site.pages) {
      const statistics = page.content?.statistics;
      if (!statistics || statistics.length === 0 || ignored(page)) continue;
      for (const statistic of statistics) {
        if (statistic.sourced || !statistic.position) continue;
        report({
          page,
          messageId: 'unsupported',
          message: `The figure \`${statistic.figure}\` has no source nearby. Link the sentence or its paragraph to where the number comes from (a study, a dataset, your methodology).`,
          note: 'Writers link to pages that back a claim with a number they can check (Citation/Proof links); an unsourced figure is one they cannot reuse. The linkability score counts sourced figures fully and unsourced ones at half.',
          at: statistic.position,
          data: { figure: statistic.figure },
        });
      }
    }
  },
});

import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import type { PageFacts } from '../model/facts.js';
import { Suggester } from '../util/did-you-mean.js';
import { matcher } from '../util/glob.js';

export default defineRule({
  id: 'broken-fragment',
  meta: {
    description: 'Report links to a `#fragment` that no element of the target page has as its id.',
    category: 'links',
    defaultSeverity: 'error',
    recommended: true,
    reads: ['alternates', 'file', 'format', 'ids', 'links', 'meta.refresh', 'partial', 'url'],
  },
  options: z.strictObject({
    /** Globs of hrefs or fragments to leave alone (`#L*` for line anchors added by scripts). */
    ignore: z.array(z.string()).default([]),
  }),
  check({ site, options, report }) {
    const ignored = matcher(options.ignore);
    const suggesters = new Map<PageFacts, Suggester>();
    for (const page of site.pages) {
      const outcomes = site.outcomesOf(page);
      for (let index = 0; index < outcomes.length; index++) {
        const resolved = outcomes[index]!;
        if (resolved.fragmentStatus !== 'missing' || !resolved.page) continue;
        const fragment = resolved.fragment!;
        const link = page.links[index]!;
        if (ignored(link.href) || ignored(`#${fragment}`)) continue;
        const target = resolved.page;
        const where =
          target === page ? 'this page' : `\`${site.publicUrl(target) ?? target.file}\``;
        let suggester = suggesters.get(target);
        if (!suggester) {
          suggester = new Suggester(site.idsOf(target));
          suggesters.set(target, suggester);
        }
        const near = suggester.suggest(fragment);
        const suggestions = near === undefined ? [] : [near];
        report({
          page,
          messageId: target === page ? 'missingHere' : 'missing',
          message:
            `Broken fragment \`#${fragment}\`: ${where} has no element with that id.` +
            (suggestions[0] ? ` Did you mean \`#${suggestions[0]}\`?` : ''),
          note: 'The link opens the page at the top instead of the section it promises; link to an existing heading id or add the id.',
          linkIndex: index,
          target: link.href,
          ...(suggestions.length > 0 ? { suggestions: suggestions.map((id) => `#${id}`) } : {}),
          data: { fragment, targetUrl: site.publicUrl(target) ?? target.file },
        });
      }
    }
  },
});

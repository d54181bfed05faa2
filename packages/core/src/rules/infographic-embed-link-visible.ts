import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

export default defineRule({
  id: 'infographic-embed-link-visible',
  meta: {
    description:
      'Report links in infographic embed code that readers cannot see: `hidden`, `display:none`, `visibility:hidden`, zero opacity or font size.',
    category: 'embeds',
    defaultSeverity: 'error',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      for (const code of page.embedCodes ?? []) {
        for (const link of code.links) {
          if (!link.hidden) continue;
          report({
            page,
            messageId: 'hidden',
            message: `The embed code on \`${pageName(site, page)}\` has a hidden link to \`${link.href}\`. Make every link in it visible, or remove it.`,
            note: 'Google names hidden links in distributed widgets as link spam: embedders publish links they cannot see.',
            ...(code.position ? { at: code.position } : {}),
            target: link.href,
          });
        }
      }
    }
  },
});

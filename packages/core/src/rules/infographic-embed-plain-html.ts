import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

export default defineRule({
  id: 'infographic-embed-plain-html',
  meta: {
    description:
      'Report infographic embed code that is not small, plain HTML: scripts, iframes, event handlers, or more than `maxBytes`.',
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({
    /** Largest embed code, in UTF-8 bytes. */
    maxBytes: z.number().int().positive().default(1024),
  }),
  check({ site, options, report }) {
    for (const page of site.pages) {
      for (const code of page.embedCodes ?? []) {
        const name = pageName(site, page);
        const at = code.position ? { at: code.position } : {};
        if (code.active.length > 0) {
          const list = [...new Set(code.active)].map((item) => `\`${item}\``).join(', ');
          report({
            page,
            messageId: 'active',
            message: `The embed code on \`${name}\` uses ${list}. Give embedders a linked \`<img>\` and a credit line in plain HTML.`,
            note: 'WordPress, Ghost and most CMSs strip scripts, iframes and event handlers from pasted HTML, and a link that a script adds is not in the embedding page for crawlers to see.',
            ...at,
          });
        }
        if (code.bytes > options.maxBytes) {
          report({
            page,
            messageId: 'tooLarge',
            message: `The embed code on \`${name}\` is ${code.bytes} bytes (more than ${options.maxBytes}). Keep it to the image, its link and a credit line.`,
            note: 'Short code fits CMS fields and can be read before it is pasted: embedders should see every link they publish.',
            ...at,
            data: { bytes: code.bytes },
          });
        }
      }
    }
  },
});

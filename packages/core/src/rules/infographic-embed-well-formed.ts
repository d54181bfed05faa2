import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

export default defineRule({
  id: 'infographic-embed-well-formed',
  meta: {
    description:
      'Report infographic embed code that does not parse as written: an unescaped quote in an attribute, an element never closed, a copy box cut short.',
    category: 'embeds',
    defaultSeverity: 'error',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      for (const code of page.embedCodes ?? []) {
        if (!code.malformed?.length) continue;
        report({
          page,
          messageId: 'malformed',
          message: `The embed code on \`${pageName(site, page)}\` does not parse as written: ${code.malformed.slice(0, 3).join('; ')}. Generate it from a tree with escaped values (\`linkworthy embed\`) rather than by joining strings.`,
          note: 'Code joined from strings breaks on the first title with a quote: the alt ends early, the rest becomes stray attributes, and on a copy box a `</textarea>` in a title ends the box and injects the rest into your page.',
          ...(code.position ? { at: code.position } : {}),
          data: { malformed: code.malformed },
        });
      }
    }
  },
});

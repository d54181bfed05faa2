import { z } from 'zod';
import { defineRule } from '../model/rule.js';

export default defineRule({
  id: 'parse-error',
  meta: {
    description:
      'Report files that could not be read in full: invalid frontmatter, MDX syntax errors, binary or malformed HTML.',
    category: 'input',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of [...site.pages, ...site.sources]) {
      for (const problem of page.problems) {
        report({
          page,
          messageId: 'problem',
          message: problem.message,
          note: page.partial
            ? 'What could be read was checked; links into this file are not checked for fragments until it parses.'
            : 'The rest of the file was checked.',
          ...(problem.position ? { at: problem.position } : {}),
        });
      }
    }
  },
});

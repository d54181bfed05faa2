import { z } from 'zod';
import { infographicPosition } from '../embed/facts.js';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

export default defineRule({
  id: 'infographic-imageobject',
  meta: {
    description:
      'Report pages with a marked infographic and no `ImageObject` JSON-LD carrying its licence and credit.',
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      // Generated into the built page: a Markdown source cannot show it.
      if (page.format !== 'html') continue;
      if (!page.infographics?.length || page.meta.jsonLdTypes.includes('ImageObject')) continue;
      report({
        page,
        messageId: 'missing',
        message: `\`${pageName(site, page)}\` has an infographic but no \`ImageObject\` JSON-LD. Describe it with \`contentUrl\`, \`creator\`, \`creditText\`, \`copyrightNotice\` and \`license\`.`,
        note: 'Google Images shows credit and the Licensable badge from this structured data; without it a copy of the infographic carries no trace of where it came from.',
        at: infographicPosition(page),
      });
    }
  },
});

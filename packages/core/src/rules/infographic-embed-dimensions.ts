import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

const INTEGER = /^[1-9]\d*$/;

export default defineRule({
  id: 'infographic-embed-dimensions',
  meta: {
    description:
      'Report images in infographic embed code without integer `width` and `height` attributes.',
    category: 'embeds',
    defaultSeverity: 'error',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      for (const code of page.embedCodes ?? []) {
        for (const image of code.images) {
          const bad = (['width', 'height'] as const).filter((key) => {
            const value = image[key];
            return value === undefined || !INTEGER.test(value.trim());
          });
          if (bad.length === 0) continue;
          const missing = bad.filter((key) => image[key] === undefined);
          const name = pageName(site, page);
          const values = bad
            .filter((key) => image[key] !== undefined)
            .map((key) => `${key}="${image[key] ?? ''}"`)
            .join(' ');
          report({
            page,
            messageId: missing.length === bad.length ? 'missing' : 'invalid',
            message:
              missing.length === bad.length
                ? `The embedded image \`${image.src}\` on \`${name}\` has no \`${missing.join('` or `')}\`. Give it the image's size in pixels as integers, and \`style="max-width:100%;height:auto"\`.`
                : `The embedded image \`${image.src}\` on \`${name}\` has \`${values}\`, not integer pixels. Write plain integers (\`width="800"\`) and make it responsive with \`style="max-width:100%;height:auto"\`.`,
            note: '`width` and `height` take integer pixels only; `100%` or `540px` are invalid and leave the host page without the aspect ratio it needs to reserve space.',
            ...(code.position ? { at: code.position } : {}),
            target: image.src,
          });
        }
      }
    }
  },
});

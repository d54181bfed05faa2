import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

const FILE_NAME = /^[\w.-]+\.(png|jpe?g|gif|svg|webp|avif)$/i;

export default defineRule({
  id: 'infographic-alt',
  meta: {
    description:
      'Report infographics, on the page or in embed code, whose alt text is missing, a file name or too long.',
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({
    /** Longest acceptable alt, in characters; a long description belongs in the page's text. */
    maxLength: z.number().int().positive().default(150),
  }),
  check({ site, options, report }) {
    for (const page of site.pages) {
      const images = [
        ...(page.infographics ?? []).map((image) => ({ ...image, where: 'infographic' })),
        ...(page.embedCodes ?? []).flatMap((code) =>
          code.images.map((image) => ({
            ...image,
            where: 'embedded image',
            ...(code.position ? { position: code.position } : {}),
          })),
        ),
      ];
      for (const image of images) {
        const alt = (image.alt ?? '').replace(/\s+/g, ' ').trim();
        const base = image.src.split(/[?#]/)[0]!.split('/').pop() ?? '';
        const name = pageName(site, page);
        const at = image.position ? { at: image.position } : {};
        if (alt === '') {
          report({
            page,
            messageId: 'missing',
            message: `The ${image.where} \`${image.src}\` on \`${name}\` has no alt text. Give it the infographic's title.`,
            note: 'An infographic is content: screen readers and image search read its alt, and when the image is a link the alt is its anchor text.',
            ...at,
            target: image.src,
          });
        } else if (FILE_NAME.test(alt) || alt === base) {
          report({
            page,
            messageId: 'fileName',
            message: `The ${image.where} \`${image.src}\` on \`${name}\` has a file name as its alt, \`${alt}\`. Give it the infographic's title.`,
            note: 'A file name tells readers and search engines nothing about the image.',
            ...at,
            target: image.src,
          });
        } else if (alt.length > options.maxLength) {
          report({
            page,
            messageId: 'tooLong',
            message: `The ${image.where} \`${image.src}\` on \`${name}\` has an alt of ${alt.length} characters (more than ${options.maxLength}). Keep the title in the alt and put the description in the page's text or a figcaption.`,
            note: 'Screen readers read an alt in one go, and a linked image’s alt is its anchor text: long alts read as keyword stuffing.',
            ...at,
            target: image.src,
            data: { length: alt.length },
          });
        }
      }
    }
  },
});

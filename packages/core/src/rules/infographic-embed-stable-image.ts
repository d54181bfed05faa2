import { z } from 'zod';
import { defineRule } from '../model/rule.js';
import { pageName } from '../site/graph.js';

/**
 * Hashed build output: anything under Astro's `/_astro/` or Next's `/_next/static/`, and file
 * names ending in an 8-character hash as bundlers write them (`chart.BxT3a_9K.png`,
 * `chart-Dk2p9QaZ.png`): mixed case or letters and digits, which a word rarely is.
 */
function looksHashed(src: string): boolean {
  if (/\/_astro\/|\/_next\/static\//i.test(src)) return true;
  const hash = /[.-]([A-Za-z0-9_-]{8})\.(?:png|jpe?g|gif|svg|webp|avif)(?:[?#]|$)/i.exec(src)?.[1];
  if (hash === undefined) return false;
  const kinds = [/\d/, /[a-z]/, /[A-Z]/].filter((kind) => kind.test(hash)).length;
  return kinds >= 2 && !/^[a-z]+\d{1,4}$/.test(hash);
}

export default defineRule({
  id: 'infographic-embed-stable-image',
  meta: {
    description:
      'Report images in infographic embed code served from a hashed build path that changes when the image is rebuilt.',
    category: 'embeds',
    defaultSeverity: 'warn',
    recommended: true,
    reads: 'page',
  },
  options: z.strictObject({}),
  check({ site, report }) {
    for (const page of site.pages) {
      for (const code of page.embedCodes ?? []) {
        for (const image of code.images) {
          if (!looksHashed(image.src)) continue;
          report({
            page,
            messageId: 'hashed',
            message: `The embed code on \`${pageName(site, page)}\` loads \`${image.src}\`, a hashed build path. Serve the image at a stable URL (\`/embed/<name>.<ext>\`) and use that.`,
            note: 'Copies of embed code live on other sites for years; the next build renames a hashed file and every embed shows a broken image.',
            ...(code.position ? { at: code.position } : {}),
            target: image.src,
          });
        }
      }
    }
  },
});

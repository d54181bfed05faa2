// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import linkworthy from '@linkworthy/astro';

export default defineConfig({
  site: 'https://blog.example.com',
  integrations: [
    // Before linkworthy, so the sitemap exists when linkworthy checks it (`not-in-sitemap`).
    sitemap(),
    // This is a demo: the blog has one deliberate broken fragment (see README.md). linkworthy
    // reports it as an error, and `failOn: 'never'` keeps the build green so the demo can show
    // it. A real site keeps the default (`failOn: 'error'`) so broken links fail the build.
    // `embeds`: every `data-infographic` image gets a stable copy and oEmbed JSON under /embed/,
    // and its page a discovery link, ImageObject JSON-LD and a copy box with the embed code.
    linkworthy({ failOn: 'never', embeds: { siteName: 'Crema Notes' } }),
  ],
});

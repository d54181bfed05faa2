import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const blog = defineCollection({
  loader: glob({ pattern: '*.md', base: './src/content/blog' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    pubDate: z.coerce.date(),
    tags: z.array(z.string()).default([]),
    author: z.string().default('Maya Lindqvist'),
    // linkworthy's frontmatter infographics, for the post page's <InfographicEmbed> copy boxes.
    infographics: z
      .array(
        z.object({
          src: z.string(),
          title: z.string(),
          alt: z.string().optional(),
          description: z.string().optional(),
          credit: z.string().optional(),
          license: z.string().optional(),
          acquireLicensePage: z.string().optional(),
          sources: z.array(z.string()).optional(),
        }),
      )
      .default([]),
  }),
});

export const collections = { blog };

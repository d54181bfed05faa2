import rss from '@astrojs/rss';
import { getCollection } from 'astro:content';

/** The RSS feed of every post, newest first, at /rss.xml. */
export async function GET(/** @type {import('astro').APIContext} */ context) {
  const posts = (await getCollection('blog')).sort(
    (a, b) => b.data.pubDate.valueOf() - a.data.pubDate.valueOf(),
  );
  return rss({
    title: 'Crema Notes',
    description: 'Notes on making better espresso at home, one shot at a time.',
    site: context.site ?? 'https://blog.example.com',
    items: posts.map((post) => ({
      title: post.data.title,
      description: post.data.description,
      pubDate: post.data.pubDate,
      author: post.data.author,
      categories: post.data.tags,
      link: `/blog/${post.id}/`,
    })),
  });
}

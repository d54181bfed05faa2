import { buildEmbed, embedSlug, type EmbedArtifacts, type Infographic } from './infographic.js';

export interface PageEmbedOptions {
  /** The deployed origin, `https://example.com`. */
  origin: string;
  /** The site's name or brand. */
  siteName: string;
  /** The infographic's page: a path from the origin (`/blog/coffee/`), base included. */
  page: string;
  /** Intrinsic size of the image, in pixels. */
  width: number;
  height: number;
  /** The site's base path (`/docs/`); default `/`. */
  base?: string;
  /** Folder (under the base) of the stable images and oEmbed JSON; default `embed`. */
  folder?: string;
  /** `rel` tokens for the snippet's links. */
  rel?: string[];
}

export interface PageEmbed extends EmbedArtifacts {
  /** The slug, and the URL paths (base included) of the stable image copy and the oEmbed JSON. */
  paths: { slug: string; image: string; oembed: string };
}

/** `/docs` → `/docs/`, `` → `/`. */
export function normalBase(base = '/'): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
}

/**
 * The stable URL paths `linkworthy embed` and the Astro integration give an infographic:
 * `<base><folder>/<slug><ext>` for the image copy and `<base><folder>/<slug>.json` for its
 * oEmbed JSON, the slug from the title and the extension from `src`.
 */
export function embedPaths(
  infographic: Pick<Infographic, 'src' | 'title'>,
  options: { base?: string; folder?: string } = {},
): { slug: string; image: string; oembed: string } {
  const folder = (options.folder ?? 'embed').replace(/^\/+|\/+$/g, '');
  const slug = embedSlug(infographic.title);
  const path = infographic.src.split(/[?#]/)[0]!;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).toLowerCase() : '.img';
  const prefix = `${normalBase(options.base)}${folder}/`;
  return { slug, image: `${prefix}${slug}${extension}`, oembed: `${prefix}${slug}.json` };
}

/**
 * Everything an infographic shown on a page needs, at the stable URLs `linkworthy embed` uses:
 * what the Astro component and the remark transform render, so their copy box is the one the
 * build step would insert (which then sees it and adds no second one).
 */
export function pageEmbed(infographic: Infographic, options: PageEmbedOptions): PageEmbed {
  const paths = embedPaths(infographic, options);
  const artifacts = buildEmbed(infographic, {
    origin: options.origin,
    siteName: options.siteName,
    page: options.page,
    image: paths.image,
    oembed: paths.oembed,
    width: options.width,
    height: options.height,
    ...(options.rel ? { rel: options.rel } : {}),
  });
  return { ...artifacts, paths };
}

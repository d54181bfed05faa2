import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  EmbedError,
  imageSize,
  infographicTitleMarker,
  pageEmbed,
  type Infographic,
} from '@linkworthy/core';
import { extractMdast } from '@linkworthy/core/markdown';
import type { Html, Image, Nodes, Parents, Root } from 'mdast';
import type { VFile } from 'vfile';

export interface EmbedOptions {
  /** The deployed origin, `https://example.com` (Astro's `site`). */
  site: string;
  /** The site's name or brand: the credit when an infographic names none. Default the host. */
  siteName?: string;
  /** The site's base path (`/docs/`); default `/`. */
  base?: string;
  /** `rel` tokens for the embed code's links (`['nofollow']`); none by default. */
  rel?: string[];
  /** Where images with a root-relative `src` are read from to learn their size; default `public`. */
  publicDir?: string;
  /**
   * The URL path (base included) of the page a file becomes: what the embed code links to.
   * Default: files under `src/pages/` by Astro's file routing (`src/pages/blog/x.md` →
   * `/blog/x/`); give it for content collections (`(file) => \`/blog/${file.stem}/\``).
   */
  page?: (file: VFile) => string | undefined;
}

/** Where the plugin's messages say they come from. */
const ORIGIN = 'remark-linkworthy:embed';

/**
 * A remark transform that renders the copy box (the `<details>` with the embed code `linkworthy
 * embed` would insert) after every infographic image: an image titled `Infographic: …` or one
 * whose `src` the frontmatter declares in `infographics:`. The image also gets
 * `data-infographic` (and `data-credit`, `data-license`, … from frontmatter), so the built HTML
 * says what it is; `linkworthy embed` and the Astro integration then write the stable image, the
 * oEmbed JSON and the head tags, and add no second copy box.
 */
export default function remarkLinkworthyEmbed(options: EmbedOptions) {
  if (!options.site.startsWith('https://')) {
    throw new Error(`${ORIGIN}: \`site\` must be an https origin, not \`${options.site}\`.`);
  }
  const origin = new URL(options.site).origin;
  const publicDir = resolve(options.publicDir ?? 'public');
  return (tree: Root, file: VFile): void => {
    const declared = declarations(tree, file);
    const targets: { parent: Parents; index: number; image: Image; infographic: Infographic }[] =
      [];
    const walk = (
      node: Nodes,
      parent: Parents | undefined,
      top: { parent: Parents; index: number } | undefined,
    ) => {
      if (node.type === 'image') {
        const marker = infographicTitleMarker(node.title);
        const declaration = declared.get(node.url.trim());
        if ((marker !== undefined || declaration) && top) {
          const title = marker || declaration?.title || node.alt?.trim() || '';
          targets.push({
            ...top,
            image: node,
            infographic: { ...declaration, src: node.url.trim(), title },
          });
        }
        return;
      }
      if (!('children' in node)) return;
      node.children.forEach((child, index) => {
        // The copy box goes after the top-level block holding the image.
        walk(child, node, top ?? (parent === undefined ? { parent: node, index } : undefined));
      });
    };
    walk(tree, undefined, undefined);
    const page = options.page ? options.page(file) : astroPage(file, options.base);
    // From the end, so earlier indexes stay valid.
    for (const target of targets.reverse()) {
      const { image, infographic } = target;
      const data = (image.data ?? {}) as { hProperties?: Record<string, unknown> };
      image.data = {
        ...data,
        hProperties: {
          ...data.hProperties,
          dataInfographic: infographic.title,
          ...(infographic.credit ? { dataCredit: infographic.credit } : {}),
          ...(infographic.license ? { dataLicense: infographic.license } : {}),
          ...(infographic.acquireLicensePage
            ? { dataAcquireLicensePage: infographic.acquireLicensePage }
            : {}),
          ...(infographic.description ? { dataDescription: infographic.description } : {}),
          ...(infographic.sources ? { dataSources: infographic.sources.join(' ') } : {}),
        },
      };
      if (page === undefined) {
        file.message(
          `No copy box for the infographic \`${infographic.src}\`: the page URL of this file is unknown; give the \`page\` option.`,
          { place: image.position, ruleId: 'embed', source: ORIGIN },
        );
        continue;
      }
      const size = sizeOf(infographic.src, publicDir, options.base);
      if (!size) {
        file.message(
          `No copy box for the infographic \`${infographic.src}\`: its size could not be read from \`${shown(publicDir)}\`.`,
          { place: image.position, ruleId: 'embed', source: ORIGIN },
        );
        continue;
      }
      try {
        const embed = pageEmbed(infographic, {
          origin,
          siteName: options.siteName ?? new URL(origin).host,
          page,
          width: size.width,
          height: size.height,
          ...(options.base ? { base: options.base } : {}),
          ...(options.rel ? { rel: options.rel } : {}),
        });
        const box: Html = { type: 'html', value: embed.copyBox };
        (target.parent.children as Nodes[]).splice(target.index + 1, 0, box);
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        file.message(`No copy box for the infographic \`${infographic.src}\`: ${error.message}`, {
          place: image.position,
          ruleId: 'embed',
          source: ORIGIN,
        });
      }
    }
  };
}

/** Frontmatter `infographics:` by `src`: from the tree's YAML (remark-frontmatter) or Astro's data. */
function declarations(tree: Root, file: VFile): Map<string, Omit<Infographic, 'src'>> {
  const result = new Map<string, Omit<Infographic, 'src'>>();
  const fromTree = extractMdast(tree, {
    file: file.path || 'page.md',
    terms: false,
  }).declaredInfographics;
  const astro = (file.data as { astro?: { frontmatter?: { infographics?: unknown } } }).astro;
  const list: unknown[] =
    fromTree ??
    (Array.isArray(astro?.frontmatter?.infographics) ? astro.frontmatter.infographics : []);
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const entry = item as Infographic;
    if (typeof entry.src !== 'string' || typeof entry.title !== 'string') continue;
    const details: Omit<Infographic, 'src'> = { title: entry.title };
    for (const key of ['alt', 'description', 'credit', 'license', 'acquireLicensePage'] as const) {
      if (typeof entry[key] === 'string') details[key] = entry[key];
    }
    if (Array.isArray(entry.sources)) {
      details.sources = entry.sources.filter((url) => typeof url === 'string');
    }
    result.set(entry.src.trim(), details);
  }
  return result;
}

/** Astro's file routing for `src/pages/**`: `src/pages/blog/x.md` → `/blog/x/`. */
function astroPage(file: VFile, base = '/'): string | undefined {
  if (!file.path) return undefined;
  const path = isAbsolute(file.path) ? file.path : resolve(file.cwd, file.path);
  const pages = join(file.cwd, 'src', 'pages') + sep;
  if (!path.startsWith(pages)) return undefined;
  const route = path
    .slice(pages.length)
    .split(sep)
    .join('/')
    .replace(/\.(md|mdx|markdown)$/i, '')
    .replace(/(^|\/)index$/, '');
  return `${`/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/')}${route}${route ? '/' : ''}`;
}

/** A folder as messages show it: relative to the working folder when inside it. */
function shown(folder: string): string {
  const path = relative('.', folder);
  return path === '' ? '.' : path.startsWith('..') || isAbsolute(path) ? folder : path;
}

function sizeOf(
  src: string,
  publicDir: string,
  base = '/',
): { width: number; height: number } | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src) || !src.startsWith('/')) return undefined;
  let path = decodeURI(src.split(/[?#]/)[0]!);
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  if (path.startsWith(prefix)) path = path.slice(prefix.length);
  try {
    return imageSize(readFileSync(join(publicDir, path.replace(/^\/+/, ''))));
  } catch {
    return undefined;
  }
}

import type { DeclaredInfographicFact } from '../model/facts.js';
import { h, scriptSafeJson, toHtml, type ElementNode } from './tree.js';

/** An infographic as the author marks it, without where it was declared. */
export type Infographic = Omit<DeclaredInfographicFact, 'position'>;

export interface EmbedOptions {
  /** The deployed origin, `https://example.com`. Must be https. */
  origin: string;
  /** The site's name or brand: the provider name, and the credit when the infographic has none. */
  siteName: string;
  /** The infographic's page (a path from the origin, or an absolute URL on it): what it links to. */
  page: string;
  /** The stable URL path of the image embedders load (`/embed/<slug>.png`). */
  image: string;
  /** Intrinsic size of the image, in pixels. */
  width: number;
  height: number;
  /** The path of the oEmbed JSON (`/embed/<slug>.json`). */
  oembed: string;
  /** `rel` tokens for the snippet's links (`nofollow`); none by default. */
  rel?: string[];
}

export class EmbedError extends Error {}

/** `value` resolved against `origin`; throws unless the result is an `https:` URL on any host. */
export function absoluteHttpsUrl(value: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(value.trim(), origin);
  } catch {
    throw new EmbedError(`\`${value}\` is not a URL.`);
  }
  if (url.protocol !== 'https:') {
    throw new EmbedError(`\`${value}\` is not an https URL (\`${url.protocol}\`).`);
  }
  return url.href;
}

function checkOrigin(origin: string): string {
  const url = new URL(absoluteHttpsUrl(origin, 'https://invalid.invalid'));
  return url.origin;
}

function checkSize(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new EmbedError(`The image ${name} must be a positive integer, not \`${value}\`.`);
  }
  return value;
}

/** `my Infographic: 2024!` → `my-infographic-2024`; never empty. */
export function embedSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'infographic';
}

export interface EmbedArtifacts {
  /** The snippet embedders paste, as a tree and as HTML. */
  tree: ElementNode;
  snippet: string;
  /** The `<details>` copy box for the infographic's page. */
  copyBox: string;
  /** The oEmbed response, and its JSON text. */
  oembed: Record<string, string | number>;
  oembedJson: string;
  /** `<link rel="alternate" type="application/json+oembed">` for the page's head. */
  discoveryLink: string;
  /** `ImageObject` JSON-LD, and the `<script>` element carrying it. */
  imageObject: Record<string, unknown>;
  jsonLdScript: string;
  /** Absolute URLs used. */
  urls: { page: string; image: string; oembed: string };
}

const REL_TOKEN = /^[a-z]+$/;

/** Everything an infographic needs to be embedded elsewhere, from one set of inputs. */
export function buildEmbed(infographic: Infographic, options: EmbedOptions): EmbedArtifacts {
  const origin = checkOrigin(options.origin);
  const page = absoluteHttpsUrl(options.page, origin);
  const image = absoluteHttpsUrl(options.image, origin);
  const oembedUrl = absoluteHttpsUrl(options.oembed, origin);
  for (const [name, url] of [
    ['page', page],
    ['image', image],
    ['oembed', oembedUrl],
  ] as const) {
    if (new URL(url).origin !== origin) {
      throw new EmbedError(`The ${name} URL \`${url}\` is not on the site (\`${origin}\`).`);
    }
  }
  const width = checkSize(options.width, 'width');
  const height = checkSize(options.height, 'height');
  const title = oneLine(infographic.title);
  if (!title) throw new EmbedError('An infographic needs a title.');
  const siteName = oneLine(options.siteName) || new URL(origin).host;
  const credit = oneLine(infographic.credit ?? '') || siteName;
  const rel = options.rel ?? [];
  for (const token of rel) {
    if (!REL_TOKEN.test(token)) throw new EmbedError(`\`${token}\` is not a rel token.`);
  }
  const relValue = rel.length > 0 ? rel.join(' ') : undefined;

  const tree = h(
    'figure',
    { style: `margin:0;max-width:${width}px` },
    h(
      'a',
      { href: page, rel: relValue },
      h('img', {
        src: image,
        alt: title,
        width,
        height,
        style: 'max-width:100%;height:auto',
        loading: 'lazy',
      }),
    ),
    h('figcaption', {}, 'Infographic by ', h('a', { href: page, rel: relValue }, credit)),
  );
  const snippet = toHtml(tree);

  const copyBox = toHtml(
    h(
      'details',
      { class: 'linkworthy-embed' },
      h('summary', {}, 'Embed this infographic'),
      h(
        'p',
        {},
        `Paste this HTML into your page. It shows the image with a credit link to ${credit}.`,
      ),
      h(
        'textarea',
        {
          readonly: true,
          rows: 5,
          cols: 60,
          'aria-label': `Embed code for ${title}`,
          'data-linkworthy-embed': true,
          onfocus: 'this.select()',
        },
        snippet,
      ),
      h(
        'button',
        {
          type: 'button',
          onclick:
            'var t=this.previousElementSibling;t.focus();t.select();if(navigator.clipboard)navigator.clipboard.writeText(t.value)',
        },
        'Copy embed code',
      ),
    ),
  );

  const oembed: Record<string, string | number> = {
    version: '1.0',
    type: 'photo',
    title,
    author_name: credit,
    author_url: origin + '/',
    provider_name: siteName,
    provider_url: origin + '/',
    url: image,
    width,
    height,
    thumbnail_url: image,
    thumbnail_width: width,
    thumbnail_height: height,
  };
  const discoveryLink = toHtml(
    h('link', { rel: 'alternate', type: 'application/json+oembed', href: oembedUrl, title }),
  );

  const imageObject: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'ImageObject',
    contentUrl: image,
    url: page,
    name: title,
    ...(infographic.description ? { description: oneLine(infographic.description) } : {}),
    width,
    height,
    creator: { '@type': 'Organization', name: credit },
    creditText: credit,
    copyrightNotice: credit,
    ...(infographic.license ? { license: absoluteHttpsUrl(infographic.license, origin) } : {}),
    ...(infographic.acquireLicensePage
      ? { acquireLicensePage: absoluteHttpsUrl(infographic.acquireLicensePage, origin) }
      : {}),
    ...(infographic.sources && infographic.sources.length > 0
      ? { isBasedOn: infographic.sources.map((source) => absoluteHttpsUrl(source, origin)) }
      : {}),
  };
  const jsonLdScript = toHtml(
    h('script', { type: 'application/ld+json' }, { type: 'json', value: imageObject }),
  );

  return {
    tree,
    snippet,
    copyBox,
    oembed,
    oembedJson: `${JSON.stringify(oembed, null, 2)}\n`,
    discoveryLink,
    imageObject,
    jsonLdScript,
    urls: { page, image, oembed: oembedUrl },
  };
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export { scriptSafeJson };

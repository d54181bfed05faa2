import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { Parser } from 'htmlparser2';
import { urlForBuiltFile } from '../extract/html.js';
import { walkFiles } from '../util/files.js';
import {
  buildEmbed,
  EmbedError,
  embedSlug,
  type EmbedArtifacts,
  type Infographic,
} from './infographic.js';
import { imageSize } from './image-size.js';

export interface GenerateEmbedsOptions {
  /** The built site's folder. */
  dir: string;
  /** The deployed origin, `https://example.com`. */
  origin: string;
  /** The site's name or brand. */
  siteName: string;
  /** The site's base path (`/docs/`); default `/`. */
  base?: string;
  /** `rel` tokens for the snippet's links. */
  rel?: string[];
  /** Folder (under `dir`) for the stable images and the oEmbed JSON; default `embed`. */
  folder?: string;
}

export interface GeneratedEmbed {
  /** The page's file, relative to `dir`. */
  file: string;
  title: string;
  slug: string;
  /** Files written, relative to `dir`. */
  image: string;
  oembed: string;
  artifacts: EmbedArtifacts;
}

export interface GenerateEmbedsResult {
  embeds: GeneratedEmbed[];
  /** Infographics that could not be made embeddable, and why. */
  problems: { file: string; src: string; message: string }[];
}

interface Marked {
  src: string;
  title: string;
  /** Credit, licence, description and sources from `data-*` attributes. */
  details: Omit<Infographic, 'src' | 'title'>;
  /** Where the copy box goes: after this offset. */
  after: number;
}

interface Scan {
  marked: Marked[];
  headClose: number | undefined;
  done: boolean;
}

/** Finds infographic markers, where each copy box goes and where `</head>` is. */
function scan(html: string): Scan {
  const result: Scan = { marked: [], headClose: undefined, done: false };
  const stack: { name: string; marked?: Omit<Marked, 'after'>[] }[] = [];
  let figure: Record<string, string> | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'textarea' && attributes['data-linkworthy-embed'] !== undefined) {
          result.done = true;
        }
        if (name === 'figure' && attributes['data-infographic'] !== undefined) {
          figure = attributes;
        }
        stack.push({ name });
        if (name !== 'img') return;
        const marker = attributes['data-infographic'] ?? figure?.['data-infographic'];
        const src = attributes.src?.trim();
        if (marker === undefined || !src) return;
        const title = (marker.trim() || attributes.alt || '').replace(/\s+/g, ' ').trim();
        const item = { src, title, details: detailsOf({ ...figure, ...attributes }) };
        // The copy box goes after the figure, paragraph or link holding the image.
        for (let index = stack.length - 2; index >= 0; index--) {
          const frame = stack[index]!;
          if (frame.name === 'figure' || frame.name === 'p' || frame.name === 'a') {
            let outer = index;
            while (outer > 0 && ['figure', 'p', 'a', 'picture'].includes(stack[outer - 1]!.name))
              outer--;
            (stack[outer]!.marked ??= []).push(item);
            return;
          }
        }
        result.marked.push({ ...item, after: parser.endIndex + 1 });
      },
      onclosetag(name) {
        if (name === 'head') result.headClose = parser.startIndex;
        if (name === 'figure') figure = undefined;
        let index = stack.length - 1;
        while (index >= 0 && stack[index]!.name !== name) index--;
        if (index < 0) return;
        const frame = stack[index]!;
        stack.length = index;
        for (const item of frame.marked ?? []) {
          result.marked.push({ ...item, after: parser.endIndex + 1 });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return result;
}

/** `data-credit`, `data-license`, `data-acquire-license-page`, `data-description`, `data-sources`. */
function detailsOf(attributes: Record<string, string>): Marked['details'] {
  const details: Marked['details'] = {};
  const value = (key: string) => attributes[key]?.trim() || undefined;
  const credit = value('data-credit');
  const license = value('data-license');
  const acquireLicensePage = value('data-acquire-license-page');
  const description = value('data-description');
  const sources = value('data-sources')?.split(/\s+/);
  if (credit) details.credit = credit;
  if (license) details.license = license;
  if (acquireLicensePage) details.acquireLicensePage = acquireLicensePage;
  if (description) details.description = description;
  if (sources) details.sources = sources;
  return details;
}

/**
 * Makes every infographic of a built site embeddable: for each `<img data-infographic>` (or
 * `<figure data-infographic>`), copies the image to a stable URL (`/embed/<slug>.<ext>`), writes
 * its oEmbed JSON beside it, and adds the discovery link and `ImageObject` JSON-LD to the page's
 * head and the copy box after the image. Pages that already have a copy box are left alone.
 */
export async function generateEmbeds(
  options: GenerateEmbedsOptions,
): Promise<GenerateEmbedsResult> {
  const folder = (options.folder ?? 'embed').replace(/^\/+|\/+$/g, '');
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const result: GenerateEmbedsResult = { embeds: [], problems: [] };
  const { files } = await walkFiles(options.dir, options.dir);
  const slugs = new Map<string, string>();
  for (const file of files.filter((f) => /\.html?$/i.test(f)).sort()) {
    const path = join(options.dir, file);
    let html = await readFile(path, 'utf8');
    if (!html.includes('data-infographic')) continue;
    const found = scan(html);
    if (found.done || found.marked.length === 0) continue;
    const pagePath = base + urlForBuiltFile(file).slice(1);
    const head: string[] = [];
    const inserts: { at: number; html: string }[] = [];
    for (const item of found.marked) {
      const problem = (message: string) => result.problems.push({ file, src: item.src, message });
      if (!item.title) {
        problem(
          'The infographic has no title: give `data-infographic` a value, or the image an alt.',
        );
        continue;
      }
      let imageUrl: URL;
      try {
        imageUrl = new URL(item.src, new URL(pagePath, options.origin));
      } catch {
        problem(`\`${item.src}\` is not a URL.`);
        continue;
      }
      if (imageUrl.origin !== new URL(options.origin).origin) {
        problem(`\`${item.src}\` is not on the site; only the site's own images are copied.`);
        continue;
      }
      let relative = decodeURIComponent(imageUrl.pathname);
      if (relative.startsWith(base)) relative = relative.slice(base.length);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(join(options.dir, relative.replace(/^\/+/, '')));
      } catch {
        problem(`The image \`${item.src}\` is not a file of the build.`);
        continue;
      }
      const size = imageSize(bytes);
      if (!size) {
        problem(
          `The size of \`${item.src}\` could not be read (PNG, JPEG, GIF, WebP and SVG are read).`,
        );
        continue;
      }
      let slug = embedSlug(item.title);
      for (let n = 2; slugs.has(slug) && slugs.get(slug) !== imageUrl.pathname; n++) {
        slug = `${embedSlug(item.title)}-${n}`;
      }
      slugs.set(slug, imageUrl.pathname);
      const extension = extname(relative).toLowerCase() || '.img';
      const image = `${folder}/${slug}${extension}`;
      const oembed = `${folder}/${slug}.json`;
      let artifacts: EmbedArtifacts;
      try {
        artifacts = buildEmbed(
          { ...item.details, src: item.src, title: item.title },
          {
            origin: options.origin,
            siteName: options.siteName,
            page: pagePath,
            image: base + image,
            oembed: base + oembed,
            width: size.width,
            height: size.height,
            ...(options.rel ? { rel: options.rel } : {}),
          },
        );
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        problem(error.message);
        continue;
      }
      await mkdir(dirname(join(options.dir, image)), { recursive: true });
      await writeFile(join(options.dir, image), bytes);
      await writeFile(join(options.dir, oembed), artifacts.oembedJson);
      head.push(artifacts.discoveryLink, artifacts.jsonLdScript);
      inserts.push({ at: item.after, html: artifacts.copyBox });
      result.embeds.push({ file, title: item.title, slug, image, oembed, artifacts });
    }
    if (inserts.length === 0) continue;
    if (found.headClose !== undefined) inserts.push({ at: found.headClose, html: head.join('') });
    // Insert from the end so earlier offsets stay valid; stable for equal offsets.
    inserts.sort((a, b) => b.at - a.at);
    for (const insert of inserts)
      html = html.slice(0, insert.at) + insert.html + html.slice(insert.at);
    await writeFile(path, html);
  }
  return result;
}

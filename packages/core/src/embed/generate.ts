import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, posix, relative, resolve } from 'node:path';
import { Parser } from 'htmlparser2';
import { extractHtml, urlForBuiltFile } from '../extract/html.js';
import type { DeclaredInfographicFact, PageFacts } from '../model/facts.js';
import { attributeSources } from '../site/attribution.js';
import { toPosix, walkFiles } from '../util/files.js';
import {
  buildEmbed,
  EmbedError,
  embedSlug,
  type EmbedArtifacts,
  type Infographic,
} from './infographic.js';
import { imageSize } from './image-size.js';
import { infographicTitleMarker } from './marker.js';
import { readEmbedCode } from './read.js';

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
  /**
   * Folders of Markdown/MDX sources (absolute, or relative to `root`): an `<img>` on a built page
   * is an infographic when the page's source declares its `src` in frontmatter `infographics:`.
   */
  sources?: readonly string[];
  /** What relative `sources` and source file names are relative to; default the working folder. */
  root?: string;
  /** Markdown facts already read (`extractMarkdown`), used besides `sources`. */
  sourcePages?: readonly PageFacts[];
  /** URL path of a built page → its source file (relative to `root`), when known for sure. */
  pageSources?: ReadonlyMap<string, string>;
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
  /**
   * Infographics that could not be made embeddable, and why. `file` is the built page, or the
   * Markdown source for a malformed or unmatched frontmatter declaration.
   */
  problems: { file: string; src: string; message: string }[];
  /** Files written (the stable images, the oEmbed JSON and the pages changed), relative to `dir`. */
  written: string[];
}

/** An `<img title="Infographic: …">` (Markdown's inline form) may be on the page. */
const INLINE_MARKER = /title\s*=\s*["']?\s*infographic\s*:/i;

/** Declared infographics of one built page, by the URL path their `src` resolves to. */
type Declared = ReadonlyMap<string, DeclaredInfographicFact>;

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
  /** Frontmatter declarations an image of the page matched. */
  used: Set<DeclaredInfographicFact>;
  headClose: number | undefined;
  /** The page has a copy box (`data-linkworthy-embed`). */
  done: boolean;
  /** Image URLs the page's copy boxes already show (an Astro component or an earlier run made them). */
  boxed: Set<string>;
  /** oEmbed discovery hrefs already in the page. */
  discovery: Set<string>;
}

/** The decoded path `src` resolves to from `page` (an absolute URL), or undefined. */
function pathOf(src: string, page: URL): string | undefined {
  try {
    const url = new URL(src.trim(), page);
    return url.origin === page.origin ? decodeURI(url.pathname) : url.href;
  } catch {
    return undefined;
  }
}

/** Finds infographic markers, where each copy box goes and where `</head>` is. */
function scan(html: string, declared?: Declared, page?: URL): Scan {
  const result: Scan = {
    marked: [],
    headClose: undefined,
    done: false,
    used: new Set(),
    boxed: new Set(),
    discovery: new Set(),
  };
  let box: string | undefined;
  const used = result.used;
  const stack: { name: string; marked?: Omit<Marked, 'after'>[] }[] = [];
  let figure: Record<string, string> | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'textarea' && attributes['data-linkworthy-embed'] !== undefined) {
          result.done = true;
          box = '';
        }
        if (
          name === 'link' &&
          attributes.type?.toLowerCase() === 'application/json+oembed' &&
          attributes.href
        ) {
          result.discovery.add(attributes.href.trim());
        }
        if (name === 'figure' && attributes['data-infographic'] !== undefined) {
          figure = attributes;
        }
        stack.push({ name });
        if (name !== 'img') return;
        const marker =
          attributes['data-infographic'] ??
          figure?.['data-infographic'] ??
          infographicTitleMarker(attributes.title);
        const src = attributes.src?.trim();
        if (!src) return;
        const path = declared && page ? pathOf(src, page) : undefined;
        const declaration = path === undefined ? undefined : declared?.get(path);
        if (marker === undefined && !declaration) return;
        const title = ((marker ?? '').trim() || declaration?.title || attributes.alt || '')
          .replace(/\s+/g, ' ')
          .trim();
        // Frontmatter gives the details; `data-*` attributes on the page win.
        const details = {
          ...(declaration ? declaredDetails(declaration) : {}),
          ...detailsOf({ ...figure, ...attributes }),
        };
        if (declaration) used.add(declaration);
        const item = { src, title, details };
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
      ontext(text) {
        if (box !== undefined) box += text;
      },
      onclosetag(name) {
        if (name === 'textarea' && box !== undefined) {
          for (const image of readEmbedCode(box).images) result.boxed.add(image.src);
          box = undefined;
        }
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

function declaredDetails(declared: DeclaredInfographicFact): Marked['details'] {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- what is not a detail
  const { src, title, position, ...details } = declared;
  return details;
}

/**
 * Reads the Markdown sources, and traces the built pages whose HTML may show a declared
 * infographic back to them: built file → its declarations. Malformed declarations are problems.
 */
async function declaredInfographics(
  options: GenerateEmbedsOptions,
  htmlFiles: readonly string[],
  problems: GenerateEmbedsResult['problems'],
): Promise<Map<string, DeclaredInfographicFact[]>> {
  const byFile = new Map<string, DeclaredInfographicFact[]>();
  const root = resolve(options.root ?? '.');
  const sources: PageFacts[] = [...(options.sourcePages ?? [])];
  for (const folder of options.sources ?? []) {
    const absolute = resolve(root, folder);
    const prefix = toPosix(relative(root, absolute));
    const walked = await walkFiles(absolute, absolute);
    for (const file of walked.files.filter((name) => /\.(md|mdx|markdown)$/i.test(name)).sort()) {
      const text = await readFile(join(absolute, file), 'utf8');
      // Only files that may declare infographics are parsed.
      if (!text.includes('infographics')) continue;
      // The Markdown stack is large: loaded only when a source may declare infographics.
      const { extractMarkdown } = await import('../extract/markdown.js');
      sources.push(extractMarkdown(text, { file: posix.join(prefix, file), terms: false }));
    }
  }
  const declaring = sources.filter((source) => (source.declaredInfographics?.length ?? 0) > 0);
  if (declaring.length === 0) return byFile;
  // A page can only show a declared image if its HTML names the image's file.
  const names = [
    ...new Set(
      declaring.flatMap((source) =>
        source.declaredInfographics!.map((item) => basename(item.src.split(/[?#]/)[0]!)),
      ),
    ),
  ].filter(Boolean);
  const built: PageFacts[] = [];
  for (const file of htmlFiles) {
    const html = await readFile(join(options.dir, file), 'utf8');
    if (!names.some((name) => html.includes(name))) continue;
    built.push(extractHtml(html, { file, terms: false }));
  }
  const attribution = attributeSources(built, declaring, options.pageSources);
  const shown = new Set<PageFacts>();
  for (const [page, source] of attribution) {
    byFile.set(page.file, source.declaredInfographics!);
    shown.add(source);
  }
  problems.push(...declarationProblems(sources, shown));
  return byFile;
}

/**
 * What is wrong with the sources' frontmatter `infographics:`: malformed entries (at their
 * line), then declarations no built page made from the source shows (`shown`: the sources whose
 * built page was found), most likely a wrong `src`.
 */
export function declarationProblems(
  sources: readonly PageFacts[],
  shown: ReadonlySet<PageFacts | undefined>,
): GenerateEmbedsResult['problems'] {
  const problems: GenerateEmbedsResult['problems'] = [];
  for (const source of sources) {
    for (const problem of source.problems) {
      if (!problem.message.startsWith('Frontmatter `infographics')) continue;
      const line = problem.position ? `:${problem.position.line}` : '';
      problems.push({ file: `${source.file}${line}`, src: '', message: problem.message });
    }
  }
  for (const source of sources) {
    if (shown.has(source)) continue;
    for (const item of source.declaredInfographics ?? []) {
      problems.push({
        file: `${source.file}${item.position ? `:${item.position.line}` : ''}`,
        src: item.src,
        message:
          'No built page made from this source shows the image; check that `src` is the URL the page uses.',
      });
    }
  }
  return problems;
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
  const result: GenerateEmbedsResult = { embeds: [], problems: [], written: [] };
  const { files } = await walkFiles(options.dir, options.dir);
  const htmlFiles = files.filter((f) => /\.html?$/i.test(f)).sort();
  const declared =
    options.sources?.length || options.sourcePages?.length
      ? await declaredInfographics(options, htmlFiles, result.problems)
      : new Map<string, DeclaredInfographicFact[]>();
  await embedInPages(
    options,
    htmlFiles.map((file) => ({ file, declared: declared.get(file) })),
    result,
  );
  return result;
}

/** What {@link embedInFiles} needs: where the build is and how to credit it. */
export type EmbedInFilesOptions = Pick<
  GenerateEmbedsOptions,
  'dir' | 'origin' | 'siteName' | 'base' | 'rel' | 'folder'
>;

/**
 * {@link generateEmbeds} for a caller that has read the build already (`lint` with `embeds`):
 * only the given pages are read, with the infographics their sources declare; nothing is walked.
 * Pages are visited in the order given, which decides the `-2` suffixes of equal titles.
 */
export async function embedInFiles(
  options: EmbedInFilesOptions,
  pages: readonly { file: string; declared?: readonly DeclaredInfographicFact[] | undefined }[],
): Promise<GenerateEmbedsResult> {
  const result: GenerateEmbedsResult = { embeds: [], problems: [], written: [] };
  await embedInPages(options, pages, result);
  return result;
}

/** Makes the infographics of each page embeddable (see {@link generateEmbeds}). */
async function embedInPages(
  options: EmbedInFilesOptions,
  pages: readonly { file: string; declared?: readonly DeclaredInfographicFact[] | undefined }[],
  result: GenerateEmbedsResult,
): Promise<void> {
  const folder = (options.folder ?? 'embed').replace(/^\/+|\/+$/g, '');
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const slugs = new Map<string, string>();
  for (const { file, declared: declarations } of pages) {
    const path = join(options.dir, file);
    let html = await readFile(path, 'utf8');
    if (!declarations && !html.includes('data-infographic') && !INLINE_MARKER.test(html)) continue;
    const pagePath = base + urlForBuiltFile(file).slice(1);
    const pageUrl = new URL(pagePath, options.origin);
    const byPath = new Map<string, DeclaredInfographicFact>();
    for (const item of declarations ?? []) {
      const key = pathOf(item.src, pageUrl);
      if (key !== undefined) byPath.set(key, item);
    }
    const found = scan(html, byPath, pageUrl);
    for (const item of declarations ?? []) {
      if (found.used.has(item)) continue;
      result.problems.push({
        file,
        src: item.src,
        message:
          'The frontmatter of the page declares this infographic, but the page has no `<img>` with that `src`.',
      });
    }
    if (found.marked.length === 0) continue;
    // Hand-written copy boxes for other images: the page is left alone.
    if (found.done && found.boxed.size === 0) continue;
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
      result.written.push(image, oembed);
      // A copy box for this image is already there (the Astro component, or an earlier run):
      // no second one; the head tags once. An infographic that had both is not reported again.
      const hasHead = found.discovery.has(artifacts.urls.oembed);
      const hasBox = found.boxed.has(artifacts.urls.image);
      if (!hasHead) head.push(artifacts.discoveryLink, artifacts.jsonLdScript);
      if (!hasBox) inserts.push({ at: item.after, html: artifacts.copyBox });
      if (hasHead && hasBox) continue;
      result.embeds.push({ file, title: item.title, slug, image, oembed, artifacts });
    }
    if (found.headClose !== undefined && head.length > 0) {
      inserts.push({ at: found.headClose, html: head.join('') });
    }
    if (inserts.length === 0) continue;
    // Insert from the end so earlier offsets stay valid; stable for equal offsets.
    inserts.sort((a, b) => b.at - a.at);
    for (const insert of inserts)
      html = html.slice(0, insert.at) + insert.html + html.slice(insert.at);
    await writeFile(path, html);
    result.written.push(file);
  }
}

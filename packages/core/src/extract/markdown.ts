import GithubSlugger from 'github-slugger';
import { Parser } from 'htmlparser2';
import type { Definition, Heading, InlineCode, Nodes, Paragraph, Parents, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import { isMap, parseDocument } from 'yaml';
import {
  emptyPage,
  type HeadingFact,
  type PageFacts,
  type PageFormat,
  type SourcePosition,
} from '../model/facts.js';
import {
  CODE_MARK,
  ContentCollector,
  frontmatterByline,
  isNoteFragment,
  isTocMarker,
  pipeTableRows,
} from './content.js';
import { parseControl } from '../site/controls.js';
import { infographicTitleMarker } from '../embed/marker.js';
import { readFrontmatterInfographics } from './frontmatter-infographics.js';
import { TermCounter } from './terms.js';
import { collapseWhitespace, countWords } from './text.js';

export interface MarkdownExtractOptions {
  /** Path of the file relative to the site root, `/`-separated. */
  file: string;
  /** `mdx` parses JSX and ESM; defaults from the file extension. */
  format?: Extract<PageFormat, 'markdown' | 'mdx'>;
  /** URL path the page is served at, when known. */
  url?: string;
  /** `false` skips `terms` (read only by `link-suggestion`), which saves time. Default `true`. */
  terms?: boolean;
}

/** `## Title {#custom-id}` (and kramdown's `{: #id}`, attr_list's `{ #id .class }`). */
const EXPLICIT_ID = /\s*\{\s*:?\s*#([^\s}]+)[^}]*\}\s*$/;
/** An attribute list after inline content: `**term**{ #term-id }` (attr_list, kramdown, Pandoc). */
const INLINE_ID = /\{\s*:?\s*#([\w:.-]+)(?:\s[^}]*)?\}/g;
/**
 * Lines that pull content in at build time (pymdownx.snippets `--8<--`, mkdocstrings and
 * mkdocs-click `::: module`): the page's ids cannot be known from its source.
 */
const BUILD_TIME_INCLUDE = /^(?:-{1,3}8<-{1,3}\s|:::\s+\S)/m;

/**
 * Without remark-gfm: GFM's constructs change no link or heading id except autolink literals
 * (bare `https://…` and `www.…`), which `BARE_URL` finds in text instead, and GFM doubles the
 * parse time (bench/README.md).
 */
const processors = {
  markdown: unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']),
  mdx: unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkMdx),
};
/** A GFM autolink literal: a bare URL in text, without its trailing punctuation. */
const BARE_URL = /(?<![\w/.@-])(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~'")\]]/g;

export function formatOfFile(file: string): Extract<PageFormat, 'markdown' | 'mdx'> {
  return /\.mdx$/i.test(file) ? 'mdx' : 'markdown';
}

/** Parses Markdown or MDX source into page facts. Never throws: syntax errors become problems. */
export function extractMarkdown(source: string, options: MarkdownExtractOptions): PageFacts {
  const format = options.format ?? formatOfFile(options.file);
  let tree: Root;
  try {
    tree = processors[format].parse(source);
  } catch (error) {
    const page = emptyPage(options.file, format);
    if (options.url !== undefined) page.url = options.url;
    page.partial = true;
    page.problems.push(problemFromSyntaxError(error, format));
    return page;
  }
  return extractMdast(tree, { ...options, format });
}

/**
 * Reads an mdast tree (from remark or any unified pipeline) into page facts. Heading ids are the
 * ones the host renders: an explicit `{#id}` wins, else github-slugger's slug, de-duplicated.
 */
export function extractMdast(tree: Root, options: MarkdownExtractOptions): PageFacts {
  const format = options.format ?? formatOfFile(options.file);
  const page = emptyPage(options.file, format);
  if (options.url !== undefined) page.url = options.url;
  const slugger = new GithubSlugger();
  const ids = new Set<string>();
  const definitions = new Map<string, Definition>();
  let words = 0;
  const terms = options.terms === false ? undefined : new TermCounter();
  /** Text in headings counts for terms but cannot carry a new link; link text does neither. */
  const inHeading = new Set<Nodes>();
  const inLink = new Set<Nodes>();
  const content = new ContentCollector();

  visit(tree, 'definition', (node) => {
    // `[^note]: text` is a footnote (GFM), not a link definition.
    if (node.identifier.startsWith('^')) return;
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });

  visit(tree, (node: Nodes, index: number | undefined, parent: Parents | undefined) => {
    switch (node.type) {
      case 'yaml':
        readFrontmatter(node.value, positionOf(node.position?.start), page);
        return 'skip';
      case 'heading':
        page.headings.push(readHeading(node, slugger, ids));
        content.heading(page.headings[page.headings.length - 1]!.text, words);
        markText(node, inHeading);
        return undefined;
      case 'link':
      case 'linkReference': {
        markText(node, inLink);
        const url = node.type === 'link' ? node.url : definitions.get(node.identifier)?.url;
        if (url !== undefined) {
          page.links.push({
            href: url.trim(),
            text: collapseWhitespace(toString(node)),
            rel: [],
            region: 'content',
            ...at(node.position?.start),
          });
        }
        return undefined;
      }
      case 'image':
      case 'imageReference': {
        const url = node.type === 'image' ? node.url : definitions.get(node.identifier)?.url;
        if (url !== undefined) {
          page.images.push({
            src: url.trim(),
            alt: node.alt ?? '',
            region: 'content',
            ...at(node.position?.start),
          });
          // `![alt](src "Infographic: Title")`: the inline infographic marker.
          const marker = infographicTitleMarker(
            node.type === 'image' ? node.title : definitions.get(node.identifier)?.title,
          );
          if (marker !== undefined) {
            (page.infographics ??= []).push({
              src: url.trim(),
              ...(marker ? { title: marker } : {}),
              alt: node.alt ?? '',
              ...at(node.position?.start),
            });
          }
        }
        return undefined;
      }
      case 'html':
        if (isTocMarker(node.value)) content.facts.toc = true;
        scanRawHtml(node.value, node.position?.start, page, ids);
        if (node.value.startsWith('<!--')) readControl(node, false, index, parent, page);
        return undefined;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const attributes = new Map<string, string>();
        for (const attribute of node.attributes) {
          if (attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string') {
            attributes.set(attribute.name, attribute.value);
          }
        }
        const id = attributes.get('id');
        if (id) ids.add(id);
        const href = attributes.get('href');
        if (node.name === 'a' && href !== undefined) {
          page.links.push({
            href: href.trim(),
            text: collapseWhitespace(toString(node)),
            rel: (attributes.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
            region: 'content',
            ...at(node.position?.start),
          });
        }
        if (node.name === 'a' && attributes.get('name')) ids.add(attributes.get('name')!);
        if (node.name === 'a') markText(node, inLink);
        return undefined;
      }
      case 'text':
        if (!inLink.has(node) && (node.value.includes('://') || node.value.includes('www.'))) {
          readBareUrls(node.value, node.position?.start, page);
        }
        words +=
          !terms || inLink.has(node)
            ? countWords(node.value)
            : terms.add(node.value, inHeading.has(node) ? undefined : positionInText(node));
        if (node.value.includes('{')) {
          for (const match of node.value.matchAll(INLINE_ID)) ids.add(match[1]!);
        }
        return undefined;
      case 'paragraph': {
        const first = node.children[0];
        if (first?.type === 'text' && BUILD_TIME_INCLUDE.test(first.value)) page.partial = true;
        readParagraph(node, content);
        return undefined;
      }
      case 'blockquote':
        content.facts.blockquotes++;
        return undefined;
      case 'code':
        content.facts.codeBlocks++;
        return 'skip';
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (node.value.includes('/*')) readControl(node, true, index, parent, page);
        return 'skip';
      case 'mdxjsEsm':
        return 'skip';
      default:
        return undefined;
    }
  });

  const title = page.frontmatter?.title;
  if (typeof title === 'string') page.title = title;
  else {
    const h1 = page.headings.find((heading) => heading.depth === 1);
    if (h1) page.title = h1.text;
  }
  const description = page.frontmatter?.description;
  if (typeof description === 'string') page.meta.description = description;
  page.ids = [...ids];
  page.wordCount = words;
  page.content = content.finish(words);
  frontmatterByline(page.frontmatter, page.content);
  sourceInfographics(page);
  if (terms) page.terms = terms.top();
  return page;
}

/**
 * Frontmatter `infographics:` declarations become infographics of the page, at the entry's line,
 * so the `infographic-*` rules judge them from sources. The alt is the declaration's, else that of
 * the body's image with the same `src`, else the title (what the embed code uses). An inline
 * marker on the same image keeps its own line and takes the declaration's details.
 */
function sourceInfographics(page: PageFacts): void {
  if (!page.declaredInfographics?.length) return;
  const inline = new Map((page.infographics ?? []).map((item) => [item.src, item]));
  for (const declared of page.declaredInfographics) {
    const shown = inline.get(declared.src);
    if (shown) {
      shown.title ??= declared.title;
      if (declared.credit !== undefined) shown.credit ??= declared.credit;
      if (declared.alt !== undefined && !shown.alt) shown.alt = declared.alt;
      continue;
    }
    const image = page.images.find((item) => item.src === declared.src);
    (page.infographics ??= []).push({
      src: declared.src,
      title: declared.title,
      ...(declared.credit === undefined ? {} : { credit: declared.credit }),
      alt: declared.alt ?? image?.alt ?? declared.title,
      ...(declared.position ? { position: declared.position } : {}),
    });
  }
}

/**
 * A `lint disable|enable|ignore` comment becomes a control fact; `ignore` covers the comment's
 * next sibling (the next block, or the next inline node inside a paragraph).
 */
function readControl(
  node: Nodes,
  mdx: boolean,
  index: number | undefined,
  parent: Parents | undefined,
  page: PageFacts,
): void {
  const line = node.position?.start.line;
  const control = 'value' in node ? parseControl(node.value, mdx) : undefined;
  if (!control || line === undefined) return;
  const next = index === undefined ? undefined : parent?.children[index + 1];
  const until = control.kind === 'ignore' ? (next?.position?.end.line ?? line) : undefined;
  (page.controls ??= []).push({ ...control, line, ...(until === undefined ? {} : { until }) });
}

/** A paragraph as the scorecard reads it: a pipe table (no GFM here), or a block of prose. */
function readParagraph(node: Paragraph, content: ContentCollector): void {
  const segments: { text: string; start: number; node: Text | InlineCode }[] = [];
  let length = 0;
  let hasSource = false;
  visit(node, (child: Nodes) => {
    switch (child.type) {
      case 'text':
        segments.push({ text: child.value, start: length, node: child });
        length += child.value.length + 1;
        return undefined;
      case 'inlineCode':
        segments.push({ text: CODE_MARK, start: length, node: child });
        length += CODE_MARK.length + 1;
        return undefined;
      case 'link':
        if (!child.url.startsWith('#') || isNoteFragment(child.url)) hasSource = true;
        return undefined;
      case 'linkReference':
        hasSource = true;
        return undefined;
      case 'html':
        if (/<(?:a\s[^>]*href|sup)\b/i.test(child.value)) hasSource = true;
        return undefined;
      case 'mdxJsxTextElement':
        if (child.name === 'a' || child.name === 'sup') hasSource = true;
        return undefined;
      default:
        return undefined;
    }
  });
  const text = segments.map((segment) => segment.text).join(' ');
  const rows = text.includes('|') ? pipeTableRows(text) : undefined;
  if (rows) {
    content.table(rows, positionOf(node.position?.start));
    return;
  }
  content.block({
    text,
    hasSource,
    positionAt: (offset) => {
      let found = segments[0];
      for (const segment of segments) {
        if (segment.start > offset) break;
        found = segment;
      }
      return found ? positionInText(found.node)?.(offset - found.start) : undefined;
    },
  });
}

function readHeading(node: Heading, slugger: GithubSlugger, ids: Set<string>): HeadingFact {
  // The slug is made from the raw text, as hosts do: a no-break space (French `Titre : suite`)
  // is dropped by the slugger, while a plain space becomes a hyphen.
  let raw = toString(node);
  let id: string | undefined;
  const explicit = EXPLICIT_ID.exec(raw);
  const hProperties = (node.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties;
  if (explicit) {
    raw = raw.slice(0, explicit.index);
    id = explicit[1]!;
  } else if (typeof hProperties?.id === 'string') {
    id = hProperties.id;
  } else {
    id = slugger.slug(raw);
  }
  ids.add(id);
  return { depth: node.depth, text: collapseWhitespace(raw), id, ...at(node.position?.start) };
}

function readFrontmatter(value: string, start: SourcePosition | undefined, page: PageFacts): void {
  const document = parseDocument(value, { prettyErrors: false });
  // The YAML starts on the line after the opening `---`.
  const firstLine = (start?.line ?? 1) + 1;
  const error = document.errors[0];
  if (error) {
    const before = value.slice(0, error.pos[0]);
    const line = before.split('\n').length;
    const column = error.pos[0] - before.lastIndexOf('\n');
    page.problems.push({
      message: `Invalid YAML frontmatter: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`,
      position: { line: firstLine + line - 1, column },
    });
    return;
  }
  if (document.contents === null) return;
  if (!isMap(document.contents)) {
    page.problems.push({
      message: 'Frontmatter must be a YAML mapping of keys to values (`title: …`).',
      ...(start ? { position: { line: firstLine, column: 1 } } : {}),
    });
    return;
  }
  page.frontmatter = document.toJS() as Record<string, unknown>;
  readFrontmatterInfographics(document, value, firstLine, page);
}

/** Collects ids, `<a name>` and `<a href>` from raw HTML inside Markdown. */
function scanRawHtml(
  html: string,
  start: Point | undefined,
  page: PageFacts,
  ids: Set<string>,
): void {
  if (!html.includes('id') && !html.includes('name') && !html.includes('href')) return;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id) ids.add(attributes.id);
        if (name !== 'a') return;
        if (attributes.name) ids.add(attributes.name);
        if (attributes.href === undefined) return;
        const offset = parser.startIndex;
        const before = html.slice(0, offset);
        const newlines = before.split('\n').length - 1;
        page.links.push({
          href: attributes.href.trim(),
          text: '',
          rel: (attributes.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
          region: 'content',
          ...(start
            ? {
                position: {
                  line: start.line + newlines,
                  column:
                    newlines === 0 ? start.column + offset : offset - before.lastIndexOf('\n'),
                },
              }
            : {}),
        });
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
}

function markText(node: Nodes, into: Set<Nodes>): void {
  visit(node, 'text', (text) => {
    into.add(text);
  });
}

/** Maps an offset in a text node's value to its line and column in the file. */
function positionInText(node: {
  value: string;
  position?: { start: Point } | undefined;
}): ((offset: number) => SourcePosition) | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  return (offset) => {
    const before = node.value.slice(0, offset);
    const lastBreak = before.lastIndexOf('\n');
    if (lastBreak === -1) return { line: start.line, column: start.column + offset };
    return { line: start.line + before.split('\n').length - 1, column: offset - lastBreak };
  };
}

/** Bare URLs in text become links, as GFM renders them. */
function readBareUrls(text: string, start: Point | undefined, page: PageFacts): void {
  for (const match of text.matchAll(BARE_URL)) {
    const url = match[0];
    const before = text.slice(0, match.index);
    const newlines = before.split('\n').length - 1;
    page.links.push({
      href: url.startsWith('www.') ? `http://${url}` : url,
      text: url,
      rel: [],
      region: 'content',
      ...(start
        ? {
            position: {
              line: start.line + newlines,
              column:
                newlines === 0
                  ? start.column + match.index
                  : match.index - before.lastIndexOf('\n'),
            },
          }
        : {}),
    });
  }
}

function positionOf(point: Point | undefined): SourcePosition | undefined {
  return point ? { line: point.line, column: point.column } : undefined;
}

function at(point: Point | undefined): { position?: SourcePosition } {
  return point ? { position: { line: point.line, column: point.column } } : {};
}

function problemFromSyntaxError(error: unknown, format: PageFormat) {
  const details = error as { reason?: string; message?: string; line?: number; column?: number };
  const reason = details.reason ?? details.message ?? String(error);
  // Some errors (an element never closed) carry their place only in the text: `(325:1-325:26)`.
  const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(reason);
  const line = details.line ?? (inText ? Number(inText[1]) : undefined);
  const column = details.column ?? (inText ? Number(inText[2]) : 1);
  return {
    message: `Could not parse the ${format === 'mdx' ? 'MDX' : 'Markdown'}: ${reason}`,
    ...(line ? { position: { line, column } } : {}),
  };
}

/**
 * The facts linkworthy keeps about one page. Plain, JSON-serialisable data: facts cross worker
 * threads, live in the cache and are all a rule ever sees (never a parser's tree).
 */

/** A 1-based line and column in the file the fact was read from. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where on the page a link sits: site chrome (nav, header, footer, aside) or the page's own content. */
export type LinkRegion = 'content' | 'nav' | 'header' | 'footer' | 'aside';

export interface LinkFact {
  /** The href as the author wrote it (entity-decoded in HTML, whitespace-trimmed). */
  href: string;
  /** The visible text of the link, whitespace collapsed (image alts included). */
  text: string;
  /** The link's `aria-label`, whitespace collapsed, when it has a non-empty one (HTML only). */
  label?: string;
  /** `rel` tokens, lower-cased. */
  rel: string[];
  region: LinkRegion;
  position?: SourcePosition;
}

export interface HeadingFact {
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  text: string;
  /** The id the host renders for the heading, when it has one. */
  id?: string;
  position?: SourcePosition;
}

export interface ImageFact {
  src: string;
  alt?: string;
  width?: string;
  height?: string;
  region: LinkRegion;
  position?: SourcePosition;
}

/**
 * One of the page's most frequent content terms (lower-cased, stop words and code left out):
 * what `link-suggestion` compares pages by.
 */
export interface TermFact {
  /** The key pages are compared by (plurals folded: `patches` → `patch`). */
  term: string;
  /** The word as written on the page (lower-cased), when it differs from `term`. */
  word?: string;
  /** Occurrences in the page's own content (headings and link text included). */
  count: number;
  /**
   * The first place the term appears in running text a link could be put on (not in a heading,
   * a link or code), and the words around it as written: the phrase that could carry a link.
   */
  position?: SourcePosition;
  phrase?: string;
}

export interface PageMeta {
  description?: string;
  canonical?: string;
  /** `robots` meta directives, lower-cased (`noindex`, `nofollow`, …). */
  robots: string[];
  /** `og:*` and `twitter:*` properties. */
  social: Record<string, string>;
  /** Schema.org types declared in JSON-LD blocks. */
  jsonLdTypes: string[];
  /**
   * `<meta http-equiv="refresh" content="0; url=/new/">` with a URL: the page sends readers on
   * (a redirect page, as Astro, Hugo aliases and mkdocs-redirects write them). `url` as written.
   */
  refresh?: { delay: number; url: string };
}

/** Something in the file that could not be read as expected; reported by the `parse-error` rule. */
export interface ExtractProblem {
  message: string;
  position?: SourcePosition;
}

export type PageFormat = 'html' | 'markdown' | 'mdx';

export interface PageFacts {
  /** Path of the file the facts were read from, relative to the site root, with `/` separators. */
  file: string;
  format: PageFormat;
  /** The URL path the page is served at (`/blog/post/`), when known. Always known for HTML. */
  url?: string;
  title?: string;
  lang?: string;
  meta: PageMeta;
  headings: HeadingFact[];
  /** Every fragment a link can target on this page: element ids, `<a name>`, heading ids. */
  ids: string[];
  links: LinkFact[];
  images: ImageFact[];
  frontmatter?: Record<string, unknown>;
  /** Words of the page's own content (site chrome and code excluded). */
  wordCount: number;
  /** The page's most frequent content terms, most frequent first (at most 20). */
  terms?: TermFact[];
  problems: ExtractProblem[];
  /**
   * The file could not be read in full (a syntax error, binary data): its ids are unknown, so
   * fragment checks into it are skipped rather than guessed.
   */
  partial?: boolean;
}

/** A page with no facts yet: the starting point of every extractor. */
export function emptyPage(file: string, format: PageFormat): PageFacts {
  return {
    file,
    format,
    meta: { robots: [], social: {}, jsonLdTypes: [] },
    headings: [],
    ids: [],
    links: [],
    images: [],
    wordCount: 0,
    problems: [],
  };
}

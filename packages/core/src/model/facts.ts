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
 * An image marked as an infographic: `data-infographic` on the `<img>` or on its `<figure>`, an
 * `Infographic:` title, or (Markdown) a frontmatter `infographics:` entry.
 */
export interface InfographicFact {
  src: string;
  /** The `data-infographic` value when it is not empty (the infographic's title). */
  title?: string;
  /** `data-credit` on the image or its figure: who made it. */
  credit?: string;
  alt?: string;
  width?: string;
  height?: string;
  position?: SourcePosition;
}

/**
 * An infographic as the author declares it: frontmatter `infographics:` (validated), the inline
 * `"Infographic: …"` image, or `data-infographic`. The embed builders take the same shape.
 */
export interface DeclaredInfographicFact {
  /** The image's URL as the built page shows it (`/images/chart.png`). */
  src: string;
  title: string;
  alt?: string;
  description?: string;
  /** Who made it: the credit line and `creator`; the site's name when omitted. */
  credit?: string;
  /** URL of the licence (`https://creativecommons.org/licenses/by/4.0/`). */
  license?: string;
  acquireLicensePage?: string;
  /** URLs of the data the infographic is based on. */
  sources?: string[];
  position?: SourcePosition;
}

/** Embed code shown on the page in a `<textarea>` (a copy box): the HTML others paste, read. */
export interface EmbedCodeFact {
  /** Size of the code in UTF-8 bytes. */
  bytes: number;
  /** The code itself (HTML extractor, up to 20,000 characters): for the report's gallery. */
  code?: string;
  /** `hidden`: the link or an element around it is hidden (`display:none`, `hidden`, …). */
  links: { href: string; text: string; rel: string[]; hidden?: boolean }[];
  images: { src: string; alt?: string; width?: string; height?: string }[];
  /** `<script>`, `<iframe>` and other elements that are not plain markup. */
  active: string[];
  /**
   * Signs that the code does not parse as written: elements never closed, closing tags with no
   * element, attribute names with quotes (an unescaped quote in a value).
   */
  malformed?: string[];
  position?: SourcePosition;
}

/** `<link rel="alternate" type="application/json+oembed" href>`: oEmbed discovery. */
export interface OembedLinkFact {
  href: string;
  /** Before `<body>` (and any body content). */
  inHead: boolean;
  position?: SourcePosition;
}

/** `<link rel="alternate" hreflang="fr" href>`: a translation of the page. */
export interface AlternateFact {
  href: string;
  hreflang: string;
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

/** A sentence stating a figure (a percentage, a multiple, an amount, a large count). */
export interface StatisticFact {
  figure: string;
  /** A link, footnote or citation marker in the same paragraph, or the author's own research. */
  sourced: boolean;
  position?: SourcePosition;
}

/**
 * What the linkability scorecard measures in the page's content, read during extraction.
 * Optional on `PageFacts`: older cached facts and hand-made pages have none.
 */
export interface ContentFacts {
  /** Words of running prose: `wordCount` without table cells (code never counts). */
  proseWords: number;
  /** Tables in the content: rows (header included) and the share of cells holding a number. */
  tables: { rows: number; numericShare: number; position?: SourcePosition }[];
  statistics: StatisticFact[];
  /** Words of content read before each of `headings` (same order). */
  headingWords: number[];
  /** The start of the first block of prose (at most 300 characters). */
  lead?: string;
  /** Where the first block of prose starts. */
  leadPosition?: SourcePosition;
  /** Where the page's `<head>` starts (HTML): where its metadata is written. */
  head?: SourcePosition;
  /** A TL;DR, key takeaways or summary heading or paragraph. */
  summary?: boolean;
  /** A table of contents written in the source (`[[toc]]`, a "Contents" heading). */
  toc?: boolean;
  blockquotes: number;
  codeBlocks: number;
  /** Blocks that speak of first-party research (`we measured`, `our data`, `methodology`). */
  researchPhrases: number;
  /** The author, from `<meta name="author">` or JSON-LD (Markdown: frontmatter). */
  author?: string;
  /** Dates from `article:*_time` meta or JSON-LD (Markdown: frontmatter), as written. */
  published?: string;
  modified?: string;
}

/**
 * A message-control comment in a Markdown source: `<!-- lint disable broken-link -->`,
 * `<!-- linkworthy-ignore -->`, MDX `{/* lint enable *\/}`.
 */
export interface ControlFact {
  kind: 'disable' | 'enable' | 'ignore';
  /** The rule ids named; empty for all rules. */
  ruleIds: string[];
  /** The comment's first line: `disable` and `enable` hold from there on. */
  line: number;
  /** `ignore`: the last line of the block after the comment (the lines it covers end there). */
  until?: number;
}

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
   * Infographics: in HTML, images marked with `data-infographic` or an `Infographic:` title; in
   * Markdown, `Infographic:` images and frontmatter `infographics:` entries (at the entry's line).
   */
  infographics?: InfographicFact[];
  /** Infographics declared in frontmatter `infographics:` (Markdown/MDX only). */
  declaredInfographics?: DeclaredInfographicFact[];
  /** Embed code in copy boxes (HTML only). */
  embedCodes?: EmbedCodeFact[];
  /** oEmbed discovery links (HTML only). */
  oembedLinks?: OembedLinkFact[];
  /**
   * `<link rel="alternate" hreflang href>` in the head (HTML only): the page's translations, which
   * crawlers discover through these even when readers switch language with a `<select>`.
   */
  alternates?: AlternateFact[];
  /** Measurements of the content for the linkability scorecard. */
  content?: ContentFacts;
  /**
   * `<!-- lint disable|enable|ignore rule-id -->` comments (Markdown/MDX only), in source order:
   * which findings the author turned off. Read with `isSuppressed` (site/controls.ts).
   */
  controls?: ControlFact[];
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

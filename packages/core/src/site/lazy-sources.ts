import { readFileSync } from 'node:fs';
import { emptyPage, type PageFacts } from '../model/facts.js';
import { attributeByName, decideByContent } from './attribution.js';

/** A Markdown/MDX source read cheaply: its name, and what its text shows without parsing it. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Relative to the site root, `/`-separated (a source page's `file`). */
  file: string;
  /** Frontmatter `slug`, when a plain top-level string. */
  slug?: string;
  /**
   * Whether its facts are needed before the rules run: it may have lint-control comments or
   * infographics, or its text is one the cheap reading cannot be sure of.
   */
  early: boolean;
}

/** Lint-control comments (`lint disable`, `linkworthy-ignore`, …): see site/controls.ts. */
const CONTROL = /lint\s+(?:disable|enable|ignore)|linkworthy-(?:disable|enable|ignore)/;
/** Frontmatter `infographics:` or an image titled `"Infographic: …"` (see embed/marker.ts). */
const INFOGRAPHIC = /infographics|infographic\s*:/i;
const YAML_FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?)(?:^|\r?\n)---[ \t]*(?:\r?\n|$)/;
const SLUG_LINE = /^slug[ \t]*:[ \t]*(.*?)(?:[ \t]+#.*)?[ \t]*\r?$/m;
/** A YAML scalar that is not a plain string, or one the cheap reading leaves to the parser. */
const NOT_A_PLAIN_STRING = /^(?:[-+]?\d[\d_.eE+-]*|true|false|null|~|[|>[{&*!%@`].*)?$/i;

/**
 * Reads a source's text as far as attribution needs without parsing it: the frontmatter `slug`,
 * and whether the text may hold what only a full extraction reads before the rules run.
 */
export function scanSource(path: string, file: string, text: string): SourceFile {
  const source: SourceFile = { path, file, early: CONTROL.test(text) || INFOGRAPHIC.test(text) };
  if (text.startsWith('+++') || text.charCodeAt(0) === 0xfeff) source.early = true;
  const frontmatter = YAML_FRONTMATTER.exec(text);
  const slugLine = frontmatter ? SLUG_LINE.exec(frontmatter[1]!) : null;
  if (slugLine) {
    const raw = slugLine[1]!;
    const quoted = /^(?:'([^']*)'|"([^"\\]*)")$/.exec(raw);
    if (quoted) source.slug = quoted[1] ?? quoted[2]!;
    else if (NOT_A_PLAIN_STRING.test(raw) || /^['"]|: /.test(raw)) source.early = true;
    else source.slug = raw;
  } else if (frontmatter && /^["']?slug["']?\s*:/m.test(frontmatter[1]!)) {
    source.early = true;
  }
  return source;
}

/**
 * Reads each source file (text only) into a {@link SourceFile}; unreadable ones are `early`.
 * `known` gives the scans of files read ahead (see `PrefetchedFacts`).
 */
export function scanSources(
  files: readonly { path: string; file: string }[],
  known?: (path: string, file: string) => SourceFile | undefined,
): SourceFile[] {
  return files.map(({ path, file }) => {
    const scanned = known?.(path, file);
    if (scanned) return scanned;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return { path, file, early: true };
    }
    return scanSource(path, file, text);
  });
}

/**
 * Sources whose facts are extracted only when needed (`sourceFacts: 'lazy'`): a host that has
 * parsed every source already (Astro) needs linkworthy's facts of a source only to place a
 * finding on its lines, to read its infographics or lint-control comments, or to tell apart
 * sources whose names fit a built page equally well.
 */
export class LazySources {
  /** Facts of every source extracted so far, in extraction order. */
  readonly extracted: PageFacts[] = [];
  private readonly facts = new Map<string, PageFacts>();
  /** Stand-ins for sources not extracted: a page with only the file name. */
  private readonly stubs = new Map<PageFacts, SourceFile>();
  private readonly stubOf = new Map<SourceFile, PageFacts>();

  constructor(
    readonly files: readonly SourceFile[],
    private readonly extractFiles: (files: readonly SourceFile[]) => Promise<PageFacts[]>,
  ) {}

  /** Extracts the sources not extracted yet; returns the facts of all of them. */
  async extract(files: readonly SourceFile[]): Promise<PageFacts[]> {
    const missing = [...new Set(files)].filter((source) => !this.facts.has(source.file));
    if (missing.length > 0) {
      const extracted = await this.extractFiles(missing);
      extracted.forEach((facts, index) => {
        this.facts.set(missing[index]!.file, facts);
        this.extracted.push(facts);
      });
    }
    return files.map((source) => this.facts.get(source.file)!);
  }

  /**
   * `attributeSources` with facts only where names do not decide ({@link attributeByName}): the
   * candidates of undecided pages are extracted and decided on content. Sources marked `early`
   * are extracted first. Sources traced by name alone get a stand-in page (see {@link resolve}).
   */
  async attribute(
    built: readonly PageFacts[],
    explicit: ReadonlyMap<string, string> = new Map(),
  ): Promise<Map<PageFacts, PageFacts>> {
    if (this.files.length === 0) return new Map();
    const early = this.files.filter((source) => source.early);
    // What the cheap reading was unsure of, the parse tells: the slug is the frontmatter's.
    (await this.extract(early)).forEach((facts, index) => {
      const slug = facts.frontmatter?.slug;
      if (typeof slug === 'string') early[index]!.slug = slug;
      else delete early[index]!.slug;
    });
    const { result, undecided } = attributeByName(built, this.files, explicit);
    await this.extract(undecided.flatMap((entry) => entry.candidates));
    const byContent = decideByContent(
      undecided.map(({ page, slug, candidates }) => ({
        page,
        slug,
        candidates: candidates.map((source) => this.facts.get(source.file)!),
      })),
    );
    return new Map(
      built.flatMap((page) => {
        const named = result.get(page);
        const source = named ? this.pageOf(named) : byContent.get(page);
        return source ? [[page, source] as const] : [];
      }),
    );
  }

  /** Whether `page` stands in for a source not extracted yet. */
  isStub(page: PageFacts): boolean {
    return this.stubs.has(page);
  }

  /**
   * Extracts the sources the stand-ins `pages` stand for, and puts their facts in place of the
   * stand-ins in `attribution`. Returns the sources extracted now.
   */
  async resolve(
    pages: Iterable<PageFacts>,
    attribution: Map<PageFacts, PageFacts>,
  ): Promise<PageFacts[]> {
    const before = this.extracted.length;
    const wanted = [...new Set(pages)].flatMap((page) => {
      const source = this.stubs.get(page);
      return source ? [source] : [];
    });
    await this.extract(wanted);
    this.swapStubs(attribution);
    return this.extracted.slice(before);
  }

  /** Puts the facts of extracted sources in place of their stand-ins. */
  private swapStubs(attribution: Map<PageFacts, PageFacts>): void {
    for (const [page, source] of attribution) {
      const file = this.stubs.get(source);
      const facts = file && this.facts.get(file.file);
      if (facts) attribution.set(page, facts);
    }
  }

  /** The source's facts when extracted, else its stand-in (one per source). */
  private pageOf(source: SourceFile): PageFacts {
    const facts = this.facts.get(source.file);
    if (facts) return facts;
    let stub = this.stubOf.get(source);
    if (!stub) {
      stub = emptyPage(source.file, /\.mdx$/i.test(source.file) ? 'mdx' : 'markdown');
      this.stubs.set(stub, source);
      this.stubOf.set(source, stub);
    }
    return stub;
  }
}

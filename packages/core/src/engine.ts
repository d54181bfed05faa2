import { readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { ConfigError } from './config/errors.js';
import { loadConfigFile } from './config/load.js';
import { resolveConfig, type ResolvedConfig, type UserConfig } from './config/schema.js';
import { FactsCache } from './extract/cache.js';
import { extractFile, unreadablePage, type ExtractJob } from './extract/file.js';
import { extractAll } from './extract/pool.js';
import {
  isScorable,
  linkabilityOf,
  type Linkability,
  type LinkabilityOptions,
} from './linkability/score.js';
import type { PageFacts } from './model/facts.js';
import type { Finding } from './model/finding.js';
import { docsUrl, type Report as RuleReport } from './model/rule.js';
import { linkabilityOptions, scorecardOptions } from './rules/linkability.js';
import { attributeSources, sourcePositionOfLink } from './site/attribution.js';
import { parseBaseline, type Baseline } from './site/baseline.js';
import { isSuppressed } from './site/controls.js';
import { routeFiles } from './site/routes.js';
import { graphStats } from './site/graph.js';
import { Site } from './site/site.js';
import { matcher } from './util/glob.js';
import { isInside, toPosix, walkFiles } from './util/files.js';

export const TOOL = { name: 'linkworthy', version: '0.1.0' } as const;

export interface LintOptions {
  /** The site root: the config is read here, and nothing outside it is ever read. */
  root: string;
  /** Folder of built HTML, relative to `root` (or absolute inside it); `''` is the root itself. */
  outDir?: string;
  /** Folders of Markdown/MDX sources, relative to `root`; overrides the config's `sources`. */
  sources?: string[];
  /** Options from the surface; they override the config file. */
  config?: UserConfig;
  /** A config file to load instead of looking for `linkworthy.config.*`; `false` loads none. */
  configFile?: string | false;
  /** Known URL → source file pairs (from the host's routes), beating the guesswork. */
  pageSources?: ReadonlyMap<string, string>;
  /**
   * A file to keep extracted facts in between runs (relative to `root`, or absolute): unchanged
   * files are not parsed again. Off when omitted.
   */
  cache?: string;
  /** Worker threads for extraction; 0 keeps it on this thread. Default: one per core on large sites. */
  threads?: number;
  /**
   * A baseline file (`linkworthy baseline`) chosen by the surface: relative to `root` or
   * absolute, it overrides the config's `baseline`; `false` reads none.
   */
  baseline?: string | false;
  /** Called with the merged site before the rules run (the CLI's `baseline` command records it). */
  onSite?: (site: Site) => void;
  /**
   * Called as the run goes on, for a progress bar: while files are read (at most every 50 ms,
   * and once when all are read) and before each rule runs. Cheap; never called after `lint` ends.
   */
  onProgress?: (progress: LintProgress) => void;
}

/** Where a run is: `done` of `total` files read (`extract`) or rules run (`rules`). */
export interface LintProgress {
  phase: 'extract' | 'rules';
  done: number;
  total: number;
}

/** The least time between two `extract` progress calls. */
const PROGRESS_INTERVAL_MS = 50;

export interface PageSummary {
  url: string | null;
  file: string;
  source?: string;
  inbound: number;
  outbound: number;
  depth: number | null;
  equity: number;
  /** The page's linkability scorecard (pages with content; not redirects or unreadable files). */
  linkability?: Pick<Linkability, 'score' | 'band' | 'profile' | 'signals'>;
}

/** The JSON report: a stable interface for CI and other tools (ARCHITECTURE.md). */
export interface LintReport {
  tool: { name: string; version: string };
  root: string;
  summary: {
    pages: number;
    links: number;
    errors: number;
    warnings: number;
    infos: number;
    durationMs: number;
  };
  pages: PageSummary[];
  findings: Finding[];
}

const HTML_FILE = /\.html?$/i;
const MARKDOWN_FILE = /\.(md|mdx|markdown)$/i;

/**
 * Lints a site: built HTML (`outDir`), Markdown/MDX sources, or both (then findings on built
 * pages point at the source that made them). Throws only `ConfigError`; unreadable or invalid
 * files become `parse-error` findings and the run goes on.
 */
export async function lint(options: LintOptions): Promise<LintReport> {
  const started = performance.now();
  const root = await realpath(resolve(options.root)).catch(() => {
    throw new ConfigError('options', [
      { path: 'root', message: `the folder \`${options.root}\` does not exist.` },
    ]);
  });
  const config = await loadConfig(root, options);
  const sourceDirs = options.sources ?? config.sources;
  const baseline = await loadBaseline(root, options, config);

  const outDir =
    options.outDir === undefined ? undefined : insideRoot(root, options.outDir, 'outDir');
  const extractor = await Extractor.open(
    root,
    options,
    config.rules.some(({ rule }) => rule.meta.needs?.includes('terms')),
  );
  const sources = await readSources(root, sourceDirs, extractor);

  let site: Site;
  let attribution = new Map<PageFacts, PageFacts>();
  let prefix = '';
  if (outDir !== undefined) {
    const walked = await walkFiles(outDir, root);
    const htmlFiles = walked.files.filter((file) => HTML_FILE.test(file));
    const built = await extractor.run(
      htmlFiles.map((file) => ({ path: join(outDir, file), file, kind: 'html' as const })),
    );
    built.push(...walked.skipped.map((entry) => unreadablePage(entry.file, 'html', entry.reason)));
    site = new Site(built, {
      ...siteOptions(config, baseline),
      files: walked.files,
      sources,
      readFile: outputReader(outDir, walked.files),
    });
    attribution = attributeSources(built, sources, options.pageSources);
    prefix = toPosix(posix.normalize(toPosix(resolve(outDir).slice(root.length + 1)) || '.'));
    prefix = prefix === '.' ? '' : `${prefix}/`;
  } else {
    const walkedFiles = (
      await Promise.all(sourceDirs.map((dir) => walkFiles(insideRoot(root, dir, 'sources'), root)))
    ).flatMap((walked, index) =>
      walked.files.map((file) => posix.join(toPosix(sourceDirs[index]!), file)),
    );
    if (config.routes) {
      // Routes give sources their URLs, so root-relative links and the graph work on them.
      const route = routeFiles(config.routes);
      for (const page of sources) {
        const url = page.url === undefined ? route(page.file) : undefined;
        if (url !== undefined) page.url = url;
      }
    }
    site = new Site(sources, { ...siteOptions(config, baseline), files: walkedFiles });
  }

  await extractor.close();
  options.onSite?.(site);
  const onProgress = options.onProgress;
  const findings = runRules(
    site,
    config,
    (page, report) => locate(page, report, prefix, attribution),
    onProgress &&
      ((done, total) => {
        onProgress({ phase: 'rules', done, total });
      }),
  );
  const stats = graphStats(site);
  const scorecard = scorecardFor(site, config);
  const ignoredFile = matcher(config.ignore);
  // `<!-- lint disable … -->` in a source file: findings placed there (a built page's included)
  // that the author turned off are dropped.
  const controls = new Map(sources.map((page) => [page.file, page.controls]));
  const kept = findings.filter(
    (finding) =>
      finding.file === undefined ||
      (!ignoredFile(finding.file) &&
        !isSuppressed(controls.get(finding.file), finding.line, finding.ruleId)),
  );

  return {
    tool: { ...TOOL },
    root,
    summary: {
      pages: site.pages.length,
      links: site.pages.reduce((sum, page) => sum + page.links.length, 0),
      errors: kept.filter((finding) => finding.severity === 'error').length,
      warnings: kept.filter((finding) => finding.severity === 'warn').length,
      infos: kept.filter((finding) => finding.severity === 'info').length,
      durationMs: Math.round(performance.now() - started),
    },
    pages: site.pages.map((page) => {
      const source = attribution.get(page);
      return {
        url: site.publicUrl(page) ?? null,
        file: prefix + page.file,
        ...(source ? { source: source.file } : {}),
        ...stats.get(page)!,
        ...linkabilitySummary(page, scorecard),
      };
    }),
    findings: kept,
  };
}

/** Runs every enabled rule over the site; `place` decides the file and position of a report. */
export function runRules(
  site: Site,
  config: ResolvedConfig,
  place: (page: PageFacts, report: RuleReport) => Pick<Finding, 'file' | 'line' | 'column'>,
  /** Called before each rule runs, and once when all have run. */
  onRule?: (done: number, total: number) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const [index, { rule, severity, options }] of config.rules.entries()) {
    onRule?.(index, config.rules.length);
    rule.check({
      site,
      options,
      report(report) {
        const url = report.location?.url ?? (report.page ? site.publicUrl(report.page) : undefined);
        findings.push({
          ruleId: rule.id,
          messageId: report.messageId,
          severity,
          message: report.message,
          ...(report.note ? { note: report.note } : {}),
          ...(url === undefined ? {} : { url }),
          ...(report.location
            ? {
                file: report.location.file,
                line: report.location.line,
                ...(report.location.column === undefined ? {} : { column: report.location.column }),
              }
            : report.page
              ? place(report.page, report)
              : {}),
          ...(report.target === undefined ? {} : { target: report.target }),
          ...(report.suggestions ? { suggestions: report.suggestions } : {}),
          ...(report.data ? { data: report.data } : {}),
          docs: docsUrl(rule.id),
        });
      },
    });
  }
  onRule?.(config.rules.length, config.rules.length);
  return findings.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** The default placement: the page's own file, at the report's position or the link's. */
export function placeInPage(
  page: PageFacts,
  report: RuleReport,
): Pick<Finding, 'file' | 'line' | 'column'> {
  const position =
    report.at ??
    (report.linkIndex === undefined ? undefined : page.links[report.linkIndex]?.position);
  return {
    file: page.file,
    ...(position ? { line: position.line, column: position.column } : {}),
  };
}

function locate(
  page: PageFacts,
  report: RuleReport,
  prefix: string,
  attribution: ReadonlyMap<PageFacts, PageFacts>,
): Pick<Finding, 'file' | 'line' | 'column'> {
  const source = attribution.get(page);
  if (source && report.linkIndex !== undefined) {
    const position = sourcePositionOfLink(page, report.linkIndex, source);
    if (position) return { file: source.file, line: position.line, column: position.column };
  }
  const placed = placeInPage(page, report);
  // Built pages' files are relative to the output folder; sources' to the root already.
  return page.format === 'html' ? { ...placed, file: prefix + page.file } : placed;
}

async function loadConfig(root: string, options: LintOptions): Promise<ResolvedConfig> {
  const layers: { origin: string; config: unknown }[] = [];
  if (options.configFile !== false) {
    const loaded = await loadConfigFile(root, options.configFile);
    if (loaded) layers.push({ origin: loaded.file, config: loaded.config });
  }
  if (options.config) layers.push({ origin: 'options', config: options.config });
  return resolveConfig(layers);
}

function siteOptions(config: ResolvedConfig, baseline?: Baseline) {
  return {
    base: config.base,
    ...(config.site ? { site: config.site } : {}),
    ...(baseline ? { baseline } : {}),
    ...(config.trailingSlash ? { trailingSlash: config.trailingSlash } : {}),
    ...(config.redirects ? { redirects: config.redirects } : {}),
    ...(config.i18n ? { i18n: config.i18n } : {}),
    ...(config.caseSensitive === undefined ? {} : { caseSensitive: config.caseSensitive }),
  };
}

/**
 * Reads the output folder's non-page files the Site asks for (`robots.txt`, `_redirects`,
 * sitemaps): only files the walk found, so never anything outside the root; unreadable = absent.
 */
function outputReader(outDir: string, files: readonly string[]) {
  const known = new Set(files);
  return (file: string): Uint8Array | undefined => {
    if (!known.has(file)) return undefined;
    try {
      return readFileSync(join(outDir, file));
    } catch {
      return undefined;
    }
  };
}

/**
 * The baseline the surface named (anywhere) or the config's `baseline` (inside the root), read
 * and checked: a missing or malformed file is a usage error, never silently skipped.
 */
async function loadBaseline(
  root: string,
  options: LintOptions,
  config: ResolvedConfig,
): Promise<Baseline | undefined> {
  if (options.baseline === false) return undefined;
  const fromOptions = options.baseline !== undefined;
  const named = options.baseline ?? config.baseline;
  if (named === undefined) return undefined;
  const path = fromOptions ? resolve(root, named) : insideRoot(root, named, 'baseline');
  const file = toPosix(relative(root, path));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(fromOptions ? 'options' : 'config', [
      {
        path: 'baseline',
        message:
          code === 'ENOENT'
            ? `the baseline file \`${file}\` does not exist; record one with \`linkworthy baseline <dir>\`.`
            : `the baseline file \`${file}\` could not be read: ${(error as Error).message}.`,
      },
    ]);
  }
  return parseBaseline(text, file);
}

async function readSources(
  root: string,
  dirs: readonly string[],
  extractor: Extractor,
): Promise<PageFacts[]> {
  const jobs: ExtractJob[] = [];
  const skipped: PageFacts[] = [];
  for (const dir of dirs) {
    const absolute = insideRoot(root, dir, 'sources');
    const walked = await walkFiles(absolute, root);
    for (const file of walked.files.filter((name) => MARKDOWN_FILE.test(name))) {
      jobs.push({
        path: join(absolute, file),
        file: posix.join(toPosix(dir), file),
        kind: 'markdown',
      });
    }
    for (const entry of walked.skipped) {
      skipped.push(unreadablePage(posix.join(toPosix(dir), entry.file), 'markdown', entry.reason));
    }
  }
  return [...(await extractor.run(jobs)), ...skipped];
}

/** Extraction for one run: the worker pool, with the facts cache when one is configured. */
class Extractor {
  private readonly seen = new Set<string>();

  private constructor(
    private readonly cache: FactsCache | undefined,
    private readonly threads: number | undefined,
    /** Whether pages' `terms` are wanted (a rule that reads them is on). */
    private readonly terms: boolean,
    private readonly onProgress?: (progress: LintProgress) => void,
  ) {}

  static async open(root: string, options: LintOptions, terms: boolean): Promise<Extractor> {
    const cache =
      options.cache === undefined ? undefined : await FactsCache.open(resolve(root, options.cache));
    return new Extractor(cache, options.threads, terms, options.onProgress);
  }

  async run(jobs: ExtractJob[]): Promise<PageFacts[]> {
    const { cache } = this;
    const keyOf = (job: ExtractJob) => `${job.kind}:${job.path}`;
    for (const job of jobs) {
      this.seen.add(keyOf(job));
      if (!this.terms) job.terms = false;
      if (cache) job.hash = true;
      const cachedHash = cache?.hashOf(keyOf(job));
      if (cachedHash !== undefined) job.cachedHash = cachedHash;
    }
    const { onProgress } = this;
    let last = 0;
    const onDone =
      onProgress &&
      ((done: number) => {
        const now = performance.now();
        if (done < jobs.length && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        onProgress({ phase: 'extract', done, total: jobs.length });
      });
    if (onDone && jobs.length > 0) onDone(0);
    const results = await extractAll(jobs, {
      ...(this.threads === undefined ? {} : { threads: this.threads }),
      ...(onDone ? { onDone } : {}),
    });
    return Promise.all(
      results.map(async (result, index) => {
        const job = jobs[index]!;
        const facts = cache
          ? cache.resolve(keyOf(job), result)
          : result.unchanged
            ? undefined
            : result.facts;
        if (facts) return facts;
        // The cache said unchanged but lost the entry: extract again.
        const fresh = await extractFile({
          path: job.path,
          file: job.file,
          kind: job.kind,
          ...(job.terms === false ? { terms: false } : {}),
        });
        return fresh.unchanged
          ? unreadablePage(job.file, job.kind, 'cache inconsistency')
          : fresh.facts;
      }),
    );
  }

  async close(): Promise<void> {
    await this.cache?.save(this.seen);
  }
}

function insideRoot(root: string, path: string, key: string): string {
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  if (!isInside(root, absolute)) {
    throw new ConfigError('options', [
      {
        path: key,
        message: `\`${path}\` is outside the site root \`${root}\`; linkworthy reads nothing outside it.`,
      },
    ]);
  }
  return absolute;
}

/** The scorecard's options: the `linkability` rule's when it is configured, else its defaults. */
function scorecardFor(site: Site, config: ResolvedConfig): LinkabilityOptions {
  const configured = config.rules.find(({ rule }) => rule.id === 'linkability')?.options;
  return scorecardOptions(site, linkabilityOptions.parse(configured ?? {}));
}

/** The page's scorecard for `pages[]`, computed once (the `linkability` rule reuses it). */
function linkabilitySummary(
  page: PageFacts,
  scorecard: LinkabilityOptions,
): Pick<PageSummary, 'linkability'> {
  if (!isScorable(page)) return {};
  const { score, band, profile, signals } = linkabilityOf(page, scorecard);
  return { linkability: { score, band, profile, signals } };
}

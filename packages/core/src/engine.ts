import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { ConfigError } from './config/errors.js';
import { loadConfigFile } from './config/load.js';
import {
  ONCE,
  resolveConfig,
  type ResolvedConfig,
  type ResolvedRule,
  type UserConfig,
} from './config/schema.js';
import { FactsCache, stampOf, type EntryLocation } from './extract/cache.js';
import {
  EXTRACTOR_VERSION,
  extractFile,
  unreadablePage,
  type ExtractJob,
  type ExtractResult,
} from './extract/file.js';
import { defaultThreads, extractAll } from './extract/pool.js';
import { PrefetchedFacts, prefetchOutput } from './extract/prefetch.js';
import {
  isScorable,
  linkabilityOf,
  type Linkability,
  type LinkabilityOptions,
} from './linkability/score.js';
import type { PageFacts, SourcePosition } from './model/facts.js';
import { compareFindings, type Finding } from './model/finding.js';
import { docsUrl, type Report as RuleReport } from './model/rule.js';
import { linkabilityOptions, scorecardOptions } from './rules/linkability.js';
import { adoptSourceInfographics } from './embed/sources.js';
import {
  declarationProblems,
  embedInFiles,
  type GenerateEmbedsOptions,
  type GenerateEmbedsResult,
} from './embed/generate.js';
import { attributeSources, sourcePositionOfLink } from './site/attribution.js';
import { LazySources, scanSources } from './site/lazy-sources.js';
import { parseBaseline, type Baseline } from './site/baseline.js';
import { isSuppressed } from './site/controls.js';
import { routeFiles } from './site/routes.js';
import { graphStats } from './site/graph.js';
import { Site } from './site/site.js';
import { keptInShard, mergeShards, SHARD_FORMAT, shardOf, type FactsShard } from './shard.js';
import { flattened, ownCopy } from './util/detach.js';
import { matcher } from './util/glob.js';
import { formatJsonBytes } from './report/json-chunks.js';
import { prepareScorecardJson } from './report/json.js';
import { rerunChanged, saveRun, trackRun, type RerunExtractor, type TrackedRun } from './rerun.js';
import { isInside, toPosix, walkFiles, type WalkResult } from './util/files.js';

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
   * A file to keep extracted facts in between runs (relative to `root`, or absolute): files with
   * an unchanged stat are not read again, files with unchanged content not parsed again (see
   * `FactsCache`). Off when omitted.
   */
  cache?: string;
  /** Worker threads for extraction; 0 keeps it on this thread. Default: one per core on large sites. */
  threads?: number;
  /**
   * A baseline file (`linkworthy baseline`) chosen by the surface: relative to `root` or
   * absolute, it overrides the config's `baseline`; `false` reads none.
   */
  baseline?: string | false;
  /**
   * Facts files of every shard of the output folder (`linkworthy extract --shard i/n`): analysed
   * instead of reading `outDir`, with the same result. `outDir` still names the folder (for paths).
   */
  shards?: readonly FactsShard[];
  /** Called with the merged site before the rules run (the CLI's `baseline` command records it). */
  onSite?: (site: Site) => void;
  /**
   * Called as the run goes on, for a progress bar: while files are read (at most every 50 ms,
   * and once when all are read) and before each rule runs. Cheap; never called after `lint` ends.
   */
  onProgress?: (progress: LintProgress) => void;
  /**
   * `'lazy'`: with `outDir`, parse a Markdown source only when its facts are needed: to place a
   * finding on its lines, for its infographics or lint-control comments, or to tell apart sources
   * that fit a built page equally well by name; the rest are traced to pages by path alone. For
   * hosts that have parsed and validated every source already (the Astro integration): the same
   * report, except that `parse-error` is reported only for sources that were parsed. Default
   * `'eager'`: every source is parsed.
   */
  sourceFacts?: 'eager' | 'lazy';
  /**
   * With `outDir`: make the build's infographics embeddable before it is analysed, as
   * `generateEmbeds` does, from the facts this run reads anyway (no second pass over the files):
   * only pages that mark infographics, or whose source declares some, are read again and
   * rewritten. The analysis sees what will be deployed.
   */
  embeds?: LintEmbeds;
  /**
   * Facts of built pages extracted ahead of the run ({@link prefetchBuild}); used for files
   * whose size and modification time are still those they were read at. Not with `cache`: its
   * entries need content hashes, which prefetching does not make.
   */
  prefetched?: PrefetchedFacts;
  /**
   * The surface will write the JSON report (`formatJsonBytes`, `jsonReportBytes`): each built
   * page's scorecard JSON text is made as soon as the page is extracted, while the others still
   * are, instead of all at the end. Keeps the text (7 kB a page on the bench's realistic site) until
   * the report is written.
   */
  jsonReport?: boolean;
  /** Told what a run with `cache` made of the last run's analysis (see {@link CacheUse}). */
  onCacheUse?: (use: CacheUse) => void;
}

/**
 * What a run with `cache` over built pages made of the last run's analysis: `kept` when only the
 * pages changed since were checked again (what changed could not change the rest), `full` when
 * the analysis ran in full, and why.
 */
export interface CacheUse {
  analysis: 'kept' | 'full';
  /** Pages whose file changed since the last run (when the run got as far as telling). */
  changed?: number;
  reason?: string;
}

/** The `embeds` step of a lint run (see {@link LintOptions.embeds}). */
export interface LintEmbeds extends Pick<GenerateEmbedsOptions, 'origin' | 'siteName' | 'rel'> {
  /** Called with what was written and the infographics that could not be made embeddable. */
  onResult?: (result: GenerateEmbedsResult) => void;
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
  const needsTerms = config.rules.some(({ rule }) => rule.meta.needs?.includes('terms'));
  const extractor = await Extractor.open(root, options, needsTerms);
  const lazy =
    options.sourceFacts === 'lazy' && outDir !== undefined
      ? await lazySources(root, sourceDirs, extractor, options.prefetched)
      : undefined;
  const sources = lazy ? [...lazy.skipped] : await readSources(root, sourceDirs, extractor);
  // The last run's analysis is kept for built sites read on their own (no sources to trace, no
  // embeds to write, no shards), where a page's findings are placed in the page itself.
  const runCachePath =
    options.cache !== undefined &&
    outDir !== undefined &&
    !lazy &&
    sourceDirs.length === 0 &&
    !options.shards &&
    !options.embeds &&
    !options.prefetched &&
    !options.onSite
      ? `${resolve(root, options.cache)}.run`
      : undefined;
  let tracked: TrackedRun | undefined;

  let site: Site;
  let attribution = new Map<PageFacts, PageFacts>();
  /** Infographics built pages took from their sources: position → source file. */
  let adopted = new Map<SourcePosition, string>();
  let prefix = '';
  if (outDir !== undefined) {
    let walked: WalkResult | undefined;
    if (runCachePath !== undefined) {
      walked = await walkFiles(outDir, root);
      tracked = trackRun(TOOL.version, root, outDir, config, baseline, walked);
      const placedIn = outputPrefix(root, outDir);
      const rerun = await rerunChanged({
        path: runCachePath,
        root,
        tool: TOOL,
        config,
        walked,
        jobs: walked.files
          .filter((file) => HTML_FILE.test(file))
          .map((file) => ({ path: join(outDir, file), file, kind: 'html' })),
        prefix: placedIn,
        tracked,
        readFile: tracked.readFile(outputReader(outDir, walked.files)),
        extractor,
        siteOptions: siteOptions(config, baseline),
        check: (changedSite, rules, onFinding) => {
          runRules(
            changedSite,
            { ...config, rules },
            (page, report) => locate(page, report, placedIn, new Map()),
            undefined,
            onFinding,
          );
        },
        scorecardOf: (changedSite) => {
          const scorecard = scorecardFor(changedSite, config);
          return (page) => linkabilitySummary(page, scorecard);
        },
        started,
      });
      options.onCacheUse?.(rerun.use);
      if (rerun.report) {
        await extractor.close();
        return rerun.report;
      }
    }
    // The output folder, or the facts files of its shards (`linkworthy merge`): the same input.
    const output = options.shards
      ? fromShards(options.shards, needsTerms)
      : await readOutput(
          outDir,
          root,
          extractor,
          undefined,
          (files) => prepareEarly(config, files, options.jsonReport === true),
          walked,
          tracked?.readFile,
        );
    let built = output.pages;
    if (lazy) {
      // Sources traced by path stay unparsed; the ones read for tracing join the site's sources.
      attribution = await lazy.sources.attribute(built, options.pageSources);
      sources.push(...lazy.sources.extracted);
    } else if (options.embeds) {
      attribution = attributeSources(built, sources, options.pageSources);
    }
    if (options.embeds && !options.shards) {
      built = await makeEmbeddable(options.embeds, {
        outDir,
        base: config.base,
        output,
        attribution,
        sources,
        extractor,
      });
    }
    site = new Site(built, {
      ...siteOptions(config, baseline),
      files: output.files,
      sources,
      readFile: output.readFile,
    });
    if (!lazy && !options.embeds)
      attribution = attributeSources(built, sources, options.pageSources);
    adopted = adoptSourceInfographics(attribution);
    prefix = outputPrefix(root, outDir);
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

  if (!lazy) await extractor.close();
  options.onSite?.(site);
  const onProgress = options.onProgress;
  const place = (page: PageFacts, report: RuleReport) =>
    locate(page, report, prefix, attribution, adopted);
  /** Lazy sources: every finding with what placed it, for placing again once sources are read. */
  const placed: [Finding, RuleReport][] = [];
  /** For the run cache: the page each finding is about, and the report that made it. */
  const pageOf = new Map<Finding, [PageFacts, RuleReport]>();
  let findings = runRules(
    site,
    config,
    place,
    onProgress &&
      ((done, total) => {
        onProgress({ phase: 'rules', done, total });
      }),
    lazy
      ? (finding, report) => {
          placed.push([finding, report]);
        }
      : tracked &&
          ((finding, report) => {
            if (report.page) pageOf.set(finding, [report.page, report]);
          }),
  );
  if (lazy) {
    findings = await placeInSources(lazy.sources, placed, attribution, place, config);
    sources.push(...lazy.sources.extracted.slice(sources.length - lazy.skipped.length));
    await extractor.close();
  }
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

  const report: LintReport = {
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
  if (runCachePath !== undefined && tracked && outDir !== undefined) {
    saveRun(
      runCachePath,
      tracked,
      report,
      site.pages,
      (page) => {
        const key = htmlKey(outDir, page.file);
        const cached = extractor.locate(key);
        return {
          hash: extractor.hashOf(key) ?? '',
          file: prefix + page.file,
          ...(cached ? { cached } : {}),
        };
      },
      pageOf,
    );
  }
  return report;
}

/** Runs every enabled rule over the site; `place` decides the file and position of a report. */
export function runRules(
  site: Site,
  config: ResolvedConfig,
  place: (page: PageFacts, report: RuleReport) => Pick<Finding, 'file' | 'line' | 'column'>,
  /** Called before each rule runs, and once when all have run. */
  onRule?: (done: number, total: number) => void,
  /** Called with each finding as it is made (before sorting), and the report that made it. */
  onFinding?: (finding: Finding, report: RuleReport) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const [index, resolved] of config.rules.entries()) {
    const { rule } = resolved;
    onRule?.(index, config.rules.length);
    try {
      check(resolved);
    } catch (error) {
      // A bug in one rule (on input nobody foresaw) costs that rule's findings, not the run.
      const finding: Finding = {
        ruleId: rule.id,
        messageId: 'ruleCrashed',
        severity: 'error',
        message: `Rule \`${rule.id}\` stopped with an error, so some of its findings are missing: ${error instanceof Error ? error.message : String(error)}. Turn the rule off until linkworthy is fixed.`,
        note: 'This is a bug in linkworthy, not in your site. Please report it with the stack (`data.stack` in the JSON report) and, if you can, the page that caused it.',
        ...(error instanceof Error && error.stack ? { data: { stack: error.stack } } : {}),
        docs: docsUrl(rule.id),
      };
      findings.push(finding);
      onFinding?.(finding, { messageId: finding.messageId, message: finding.message });
    }
  }
  onRule?.(config.rules.length, config.rules.length);
  return findings.sort(compareFindings);

  function check({ rule, severity, options }: ResolvedRule): void {
    const docs = docsUrl(rule.id);
    rule.check({
      site,
      options,
      report(report) {
        const url = report.location?.url ?? (report.page ? site.publicUrl(report.page) : undefined);
        // Findings are kept to the end of the run: their texts in one piece each, holding no
        // slice of the pages' link strings (see `flattened`, `ownCopy`).
        const finding: Finding = {
          ruleId: rule.id,
          messageId: report.messageId,
          severity,
          message: flattened(report.message),
          ...(report.note ? { note: flattened(report.note) } : {}),
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
          ...(report.target === undefined ? {} : { target: ownCopy(report.target) }),
          ...(report.suggestions ? { suggestions: report.suggestions.map(ownCopy) } : {}),
          ...(report.data ? { data: ownStrings(report.data) } : {}),
          docs,
        };
        findings.push(finding);
        onFinding?.(finding, report);
      },
    });
  }
}

/** `data` with its own string values copied (see `ownCopy`); nested values as they are. */
function ownStrings(data: Record<string, unknown>): Record<string, unknown> {
  let copied: Record<string, unknown> | undefined;
  for (const key in data) {
    const value = data[key];
    if (typeof value === 'string') (copied ??= { ...data })[key] = ownCopy(value);
  }
  return copied ?? data;
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
  adopted?: ReadonlyMap<SourcePosition, string>,
): Pick<Finding, 'file' | 'line' | 'column'> {
  const adoptedFrom = report.at && adopted?.get(report.at);
  if (adoptedFrom && report.at) {
    return { file: adoptedFrom, line: report.at.line, column: report.at.column };
  }
  const source = attribution.get(page);
  if (source && report.linkIndex !== undefined) {
    const position = sourcePositionOfLink(page, report.linkIndex, source);
    if (position) return { file: source.file, line: position.line, column: position.column };
  }
  const placed = placeInPage(page, report);
  // Built pages' files are relative to the output folder; sources' to the root already.
  return page.format === 'html' ? { ...placed, file: prefix + page.file } : placed;
}

/**
 * Lazy sources, after the rules ran: reads the sources of the findings that a source line would
 * place (a link on a page traced to a source not read yet), places those findings again, and
 * reports the read sources' `parse-error`s. The findings come back in the order `runRules` gives.
 */
async function placeInSources(
  lazy: LazySources,
  placed: readonly [Finding, RuleReport][],
  attribution: Map<PageFacts, PageFacts>,
  place: (page: PageFacts, report: RuleReport) => Pick<Finding, 'file' | 'line' | 'column'>,
  config: ResolvedConfig,
): Promise<Finding[]> {
  const waiting = placed.filter(([, report]) => {
    const source = report.page && !report.location && attribution.get(report.page);
    return (
      source &&
      lazy.isStub(source) &&
      report.linkIndex !== undefined &&
      report.page!.links[report.linkIndex]?.region === 'content'
    );
  });
  const findings = placed.map(([finding]) => finding);
  if (waiting.length === 0) return findings.sort(compareFindings);
  const read = await lazy.resolve(
    waiting.map(([, report]) => attribution.get(report.page!)!),
    attribution,
  );
  const again = new Map(
    waiting.map(([finding, report]) => [
      finding,
      withPlacement(finding, place(report.page!, report)),
    ]),
  );
  const result = findings.map((finding) => again.get(finding) ?? finding);
  // The `parse-error`s of the sources read now, as the rule reports those of every source.
  const parseError = config.rules.filter(({ rule }) => rule.id === 'parse-error');
  if (parseError.length > 0 && read.some((source) => source.problems.length > 0)) {
    const sourcesOnly = new Site([], { ...siteOptions(config), sources: read });
    result.push(...runRules(sourcesOnly, { ...config, rules: parseError }, place));
  }
  return result.sort(compareFindings);
}

/** The finding with its file, line and column replaced (keys in the same order). */
function withPlacement(
  finding: Finding,
  placement: Pick<Finding, 'file' | 'line' | 'column'>,
): Finding {
  const result: Record<string, unknown> = {};
  let replaced = false;
  for (const [key, value] of Object.entries(finding)) {
    if (key === 'file' || key === 'line' || key === 'column') {
      if (!replaced) Object.assign(result, placement);
      replaced = true;
    } else result[key] = value;
  }
  return result as unknown as Finding;
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
    ...(config.siteName === undefined ? {} : { siteName: config.siteName }),
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

/**
 * The sources of a lazy run: walked and scanned (see {@link LazySources}), unreadable ones as
 * pages with a problem, as `readSources` gives them.
 */
async function lazySources(
  root: string,
  dirs: readonly string[],
  extractor: Extractor,
  prefetched?: PrefetchedFacts,
): Promise<{ sources: LazySources; skipped: PageFacts[] }> {
  const { jobs, skipped } = await sourceJobs(root, dirs);
  const scanned = prefetched && ((path: string, file: string) => prefetched.scanned(path, file));
  const sources = new LazySources(scanSources(jobs, scanned), (files) =>
    extractor.run(files.map(({ path, file }) => ({ path, file, kind: 'markdown' }))),
  );
  return { sources, skipped };
}

async function readSources(
  root: string,
  dirs: readonly string[],
  extractor: Extractor,
): Promise<PageFacts[]> {
  const { jobs, skipped } = await sourceJobs(root, dirs);
  return [...(await extractor.run(jobs)), ...skipped];
}

/** The Markdown/MDX files of the source folders, and the ones that could not be read. */
async function sourceJobs(
  root: string,
  dirs: readonly string[],
): Promise<{ jobs: ExtractJob[]; skipped: PageFacts[] }> {
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
  return { jobs, skipped };
}

/** A built site's pages (facts), every file of its output folder and a reader for them. */
interface OutputFacts {
  pages: PageFacts[];
  files: string[];
  readFile: (file: string) => Uint8Array | undefined;
}

/**
 * Walks the output folder and extracts its HTML files (all, or those of one shard). `onWalked`,
 * given the folder's files, may return what to do with each page as soon as it is extracted.
 */
async function readOutput(
  outDir: string,
  root: string,
  extractor: Extractor,
  shard?: { index: number; count: number },
  onWalked?: (output: Omit<OutputFacts, 'pages'>) => ((page: PageFacts) => void) | undefined,
  walkedAlready?: WalkResult,
  /** Wraps the reader of non-page files (the run cache records what they were). */
  recordRead?: (read: OutputFacts['readFile']) => OutputFacts['readFile'],
): Promise<OutputFacts & { skipped: { file: string; reason: string }[] }> {
  const walked = walkedAlready ?? (await walkFiles(outDir, root));
  const mine = (file: string) => !shard || shardOf(file, shard.count) === shard.index;
  const files = shard ? walked.files.filter(mine) : walked.files;
  const skipped = walked.skipped.filter((entry) => mine(entry.file));
  const reader = outputReader(outDir, files);
  const readFile = recordRead ? recordRead(reader) : reader;
  const htmlFiles = files.filter((file) => HTML_FILE.test(file));
  const pages = await extractor.run(
    htmlFiles.map((file) => ({ path: join(outDir, file), file, kind: 'html' as const })),
    onWalked?.({ files, readFile }),
  );
  if (!shard) {
    pages.push(...skipped.map((entry) => unreadablePage(entry.file, 'html', entry.reason)));
  }
  return { pages, files, skipped, readFile };
}

/**
 * What a run does with each built page while the others are still being extracted (on worker
 * threads, this thread would otherwise wait): the page's scorecard for `pages[]` and, when the
 * surface writes the JSON report, its JSON text, as `prefetchBuild` does. Both need only the page
 * and the scorecard options, which need only the config and the output's sitemaps (the site's
 * origin), all there before the first page. Pages whose facts are replaced later (`makeEmbeddable`)
 * are scored at the end, as every page would be if the options then differed (`linkabilityOf`
 * keys its cache by them): the report is the same either way.
 */
function prepareEarly(
  config: ResolvedConfig,
  output: Omit<OutputFacts, 'pages'>,
  json: boolean,
): (page: PageFacts) => void {
  const site = new Site([], { ...siteOptions(config), readFile: output.readFile });
  const scorecard = scorecardFor(site, config);
  return (page) => {
    const { linkability } = linkabilitySummary(page, scorecard);
    if (linkability && json) prepareScorecardJson(linkability);
  };
}

/** The merged shards as the output folder they were extracted from. */
function fromShards(shards: readonly FactsShard[], needsTerms: boolean): OutputFacts {
  const merged = mergeShards(shards);
  if (needsTerms && !merged.terms) {
    throw new ConfigError('options', [
      {
        path: 'facts',
        message:
          'the facts files were extracted without page terms, which `link-suggestion` reads; extract them with the same configuration as the merge, or turn the rule off.',
      },
    ]);
  }
  return {
    pages: [
      ...merged.pages,
      ...merged.skipped.map((entry) => unreadablePage(entry.file, 'html', entry.reason)),
    ],
    files: merged.files,
    readFile: merged.readFile,
  };
}

export interface ExtractShardOptions extends Pick<
  LintOptions,
  'root' | 'config' | 'configFile' | 'cache' | 'threads'
> {
  /** Folder of built HTML, relative to `root` (or absolute inside it); `''` is the root. */
  outDir: string;
  /** Which shard to extract: 1-based `index` of `count`. */
  shard: { index: number; count: number };
  /** The site folder relative to the repository, kept for annotation paths of the merge. */
  prefix?: string;
}

/**
 * Extracts one shard of a built site (`linkworthy extract --shard i/n`): the HTML files whose
 * path hashes to it ({@link shardOf}), every file name of the shard and the non-page files the
 * analysis reads. `lint({ shards })` over all `count` shards gives the report a direct run gives.
 * The config decides whether page terms are extracted, as in `lint`.
 */
export async function extractShard(options: ExtractShardOptions): Promise<FactsShard> {
  const root = await realpath(resolve(options.root)).catch(() => {
    throw new ConfigError('options', [
      { path: 'root', message: `the folder \`${options.root}\` does not exist.` },
    ]);
  });
  const config = await loadConfig(root, options);
  const terms = config.rules.some(({ rule }) => rule.meta.needs?.includes('terms'));
  const outDir = insideRoot(root, options.outDir, 'outDir');
  const extractor = await Extractor.open(root, options, terms);
  const output = await readOutput(outDir, root, extractor, options.shard);
  await extractor.close();
  const contents: Record<string, string> = {};
  for (const file of output.files) {
    if (HTML_FILE.test(file) || !keptInShard(file, 0)) continue;
    const bytes = output.readFile(file);
    if (bytes && keptInShard(file, bytes.byteLength)) {
      contents[file] = Buffer.from(bytes).toString('base64');
    }
  }
  return {
    format: SHARD_FORMAT,
    version: EXTRACTOR_VERSION,
    shard: options.shard,
    terms,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    files: output.files,
    skipped: output.skipped,
    pages: output.pages,
    contents,
  };
}

/**
 * The `embeds` step: the pages that mark infographics or show ones their source declares get
 * their embed artifacts (see `embedInFiles`); the pages rewritten are extracted again and the
 * files written join the output's. Returns the built pages with the fresh facts in place, and
 * moves the attribution of replaced pages to their new facts.
 */
async function makeEmbeddable(
  embeds: LintEmbeds,
  input: {
    outDir: string;
    base: string;
    output: OutputFacts;
    attribution: Map<PageFacts, PageFacts>;
    sources: readonly PageFacts[];
    extractor: Extractor;
  },
): Promise<PageFacts[]> {
  const { outDir, output, attribution } = input;
  const candidates = output.pages.filter(
    (page) =>
      page.format === 'html' &&
      !page.partial &&
      ((page.infographics?.length ?? 0) > 0 ||
        (attribution.get(page)?.declaredInfographics?.length ?? 0) > 0),
  );
  const problems = declarationProblems(
    input.sources,
    new Set(candidates.map((page) => attribution.get(page))),
  );
  const result =
    candidates.length === 0
      ? { embeds: [], problems: [], written: [] }
      : await embedInFiles(
          {
            dir: outDir,
            origin: embeds.origin,
            siteName: embeds.siteName,
            base: input.base,
            ...(embeds.rel ? { rel: embeds.rel } : {}),
          },
          candidates
            .sort((a, b) => compareStrings(a.file, b.file))
            .map((page) => ({
              file: page.file,
              declared: attribution.get(page)?.declaredInfographics,
            })),
        );
  result.problems.unshift(...problems);
  embeds.onResult?.(result);
  if (result.written.length === 0) return output.pages;
  const known = new Set(output.files);
  for (const file of result.written) {
    if (!known.has(file)) output.files.push(file);
  }
  output.readFile = outputReader(outDir, output.files);
  const rewritten = new Set(result.written.filter((file) => HTML_FILE.test(file)));
  const again = output.pages.filter((page) => rewritten.has(page.file));
  const fresh = await input.extractor.run(
    again.map((page) => ({ path: join(outDir, page.file), file: page.file, kind: 'html' })),
  );
  const replaced = new Map(again.map((page, index) => [page, fresh[index]!]));
  for (const [old, page] of replaced) {
    const source = attribution.get(old);
    if (source === undefined) continue;
    attribution.delete(old);
    attribution.set(page, source);
  }
  return output.pages.map((page) => replaced.get(page) ?? page);
}

/** Code-point order, as `Array.prototype.sort` without a comparator gives. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A host's prefetch of its build (see {@link prefetchBuild}). */
export interface BuildPrefetch {
  /** The facts extracted so far: pass them to `lint` as `prefetched`. */
  facts: PrefetchedFacts;
  /** Stops taking in pages and waits for the extractions under way. */
  stop(): Promise<void>;
  /** Ends the watches of the build folder (after `stop`, once the analysis is done). */
  close(): void;
  /**
   * Runs the analysis (graph, rules, scorecards, JSON report) over the pages prefetched so far
   * and throws the result away: its code is then compiled when the real run comes, which takes
   * markedly less time for it. Reads no file. Returns false when `cancelled()` became true
   * (checked before each rule) and the rehearsal stopped early.
   */
  rehearse(cancelled: () => boolean): boolean;
}

/**
 * Starts extracting the HTML files of `outDir` as a host writes them (the Astro integration runs
 * this on a thread of its own during `astro build`), with the extraction settings `lint` will
 * use for the same `root`, `config` and `configFile`. Best effort: `onError` hears why watching
 * stopped, and the lint then extracts whatever was not prefetched.
 */
export async function prefetchBuild(
  options: Pick<LintOptions, 'root' | 'config' | 'configFile' | 'sources'> & {
    outDir: string;
    onError?: (error: Error) => void;
  },
): Promise<BuildPrefetch> {
  const root = await realpath(resolve(options.root));
  const config = await loadConfig(root, options);
  const terms = config.rules.some(({ rule }) => rule.meta.needs?.includes('terms'));
  // Scorecards need only their page: they (and their JSON text) are made as pages arrive.
  const scorecard = scorecardFor(new Site([], siteOptions(config)), config);
  const facts = new PrefetchedFacts((page) => {
    const { linkability } = linkabilitySummary(page, scorecard);
    if (linkability) prepareScorecardJson(linkability);
  });
  const watcher = await prefetchOutput(insideRoot(root, options.outDir, 'outDir'), facts, {
    terms,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  // The sources' texts, read a few at a time so that the watch is served in between.
  const { jobs } = await sourceJobs(root, options.sources ?? config.sources);
  const scanning = { stopped: false };
  const scanned = (async () => {
    for (let start = 0; start < jobs.length && !scanning.stopped; start += 64) {
      for (const job of jobs.slice(start, start + 64)) facts.scan(job.path, job.file);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    facts,
    rehearse: (cancelled) => rehearse(facts.pages(), config, cancelled),
    stop: async () => {
      scanning.stopped = true;
      await scanned;
      await watcher.stop();
    },
    close: () => {
      scanning.stopped = true;
      watcher.close();
    },
  };
}

/** See {@link BuildPrefetch.rehearse}. */
function rehearse(
  pages: readonly PageFacts[],
  config: ResolvedConfig,
  cancelled: () => boolean,
): boolean {
  const site = new Site(pages, siteOptions(config));
  // Most links of a partial build lead to pages not written yet: the rules that explain a
  // missing target (with did-you-mean searches) would rehearse that, at great cost, instead of
  // the common case. They sit out.
  const rules = config.rules.filter(({ rule }) => !MISSING_TARGET_RULES.has(rule.id));
  try {
    runRules(site, { ...config, rules }, placeInPage, () => {
      if (cancelled()) throw new RehearsalCancelled();
    });
  } catch (error) {
    if (error instanceof RehearsalCancelled) return false;
    throw error;
  }
  if (cancelled()) return false;
  const stats = graphStats(site);
  const scorecard = scorecardFor(site, config);
  formatJsonBytes({
    tool: { ...TOOL },
    root: '',
    summary: { pages: 0, links: 0, errors: 0, warnings: 0, infos: 0, durationMs: 0 },
    pages: site.pages.map((page) => ({
      url: site.publicUrl(page) ?? null,
      file: page.file,
      ...stats.get(page)!,
      ...linkabilitySummary(page, scorecard),
    })),
    findings: [],
  });
  return true;
}

class RehearsalCancelled extends Error {}

/** Rules whose work on a partial build is mostly explaining missing targets (see `rehearse`). */
const MISSING_TARGET_RULES = new Set(['broken-link', 'broken-fragment', 'link-suggestion']);

/** Extraction for one run: the worker pool, with the facts cache when one is configured. */
class Extractor implements RerunExtractor {
  private readonly seen = new Set<string>();
  /** The facts cache, once opened: it is read only when first needed. */
  private opened: FactsCache | undefined;

  private constructor(
    /** Where the facts cache is, if there is one. */
    private readonly cachePath: string | undefined,
    private readonly threads: number | undefined,
    /** Whether pages' `terms` are wanted (a rule that reads them is on). */
    private readonly terms: boolean,
    private readonly onProgress?: (progress: LintProgress) => void,
    private readonly prefetched?: PrefetchedFacts,
  ) {}

  static open(root: string, options: LintOptions, terms: boolean): Promise<Extractor> {
    const cache = options.cache === undefined ? undefined : resolve(root, options.cache);
    return Promise.resolve(
      new Extractor(cache, options.threads, terms, options.onProgress, options.prefetched),
    );
  }

  private get cache(): FactsCache | undefined {
    if (this.cachePath !== undefined) this.opened ??= FactsCache.open(this.cachePath);
    return this.opened;
  }

  /**
   * The jobs' facts, in job order. `onExtracted` is called with the facts of each page parsed
   * now, as soon as they are there (not with cached or prefetched ones: those are there early).
   */
  async run(jobs: ExtractJob[], onExtracted?: (page: PageFacts) => void): Promise<PageFacts[]> {
    // A facts cache needs content hashes of what it keeps, which prefetching does not make.
    if (!this.prefetched || this.cache || jobs.length === 0) return this.extract(jobs, onExtracted);
    const { prefetched } = this;
    const early = jobs.map((job) => prefetched.take(this.terms ? job : { ...job, terms: false }));
    const rest = jobs.filter((_, index) => early[index] === undefined);
    const extracted = await this.extract(rest, onExtracted);
    let next = 0;
    const facts = early.map((result, index) => {
      if (result === undefined) return extracted[next++]!;
      const job = jobs[index]!;
      this.seen.add(`${job.kind}:${job.path}`);
      return result.facts;
    });
    return facts;
  }

  /**
   * Extracts the jobs' facts. With the cache, a file whose stat is unchanged is not read at all
   * (its cached facts are taken as they are); the others are read, and parsed unless their
   * content hash is the cached one. New entries are written before the facts are returned.
   */
  private async extract(
    all: ExtractJob[],
    onExtracted?: (page: PageFacts) => void,
  ): Promise<PageFacts[]> {
    // Nothing to extract opens no cache (reading it is most of a re-run's time).
    if (all.length === 0) return [];
    const { cache } = this;
    const keyOf = (job: ExtractJob) => `${job.kind}:${job.path}`;
    const facts = new Array<PageFacts>(all.length);
    /** The jobs to read, and where their facts go. */
    const jobs: ExtractJob[] = [];
    const slots: number[] = [];
    const now = Date.now();
    for (const [index, job] of all.entries()) {
      this.seen.add(keyOf(job));
      if (!this.terms) job.terms = false;
      if (cache) {
        const cached = cache.fresh(keyOf(job), job, now);
        if (cached) {
          facts[index] = cached;
          continue;
        }
        job.hash = true;
        const cachedHash = cache.hashOf(keyOf(job));
        if (cachedHash !== undefined) job.cachedHash = cachedHash;
      }
      jobs.push(job);
      slots.push(index);
    }
    const { onProgress } = this;
    const skipped = all.length - jobs.length;
    let last = 0;
    const onDone =
      onProgress &&
      ((done: number) => {
        const now = performance.now();
        if (done < jobs.length && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        onProgress({ phase: 'extract', done: skipped + done, total: all.length });
      });
    if (onDone && all.length > 0) onDone(0);
    // Facts parsed now are the ones returned (`cache.resolve` keeps them as they are); those an
    // unchanged hash brings back from the cache come at the end. Work on this thread while
    // workers extract pays only when they leave it a core: with one on every core (two on two)
    // it takes their CPU time instead (bench, 10k pages: extraction 0.6 s longer, the rest 0.5 s
    // shorter, 0.7 s more CPU); without workers there is nothing to overlap with (1k pages: 0.03
    // to 0.1 s more CPU, interleaved with extraction). Then it waits for the end, as before.
    const threads = this.threads ?? defaultThreads(jobs.length);
    const onResult =
      onExtracted &&
      threads > 0 &&
      threads < availableParallelism() &&
      ((result: ExtractResult) => {
        if (!result.unchanged) onExtracted(result.facts);
      });
    const results = await extractAll(jobs, {
      ...(this.threads === undefined ? {} : { threads: this.threads }),
      ...(onDone ? { onDone } : {}),
      ...(onResult ? { onResult } : {}),
    });
    const extracted = await Promise.all(
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
    for (const [index, page] of extracted.entries()) facts[slots[index]!] = page;
    // Written now, before anything adds to the facts (a built page adopts its source's infographics).
    cache?.flush();
    return facts;
  }

  close(): Promise<void> {
    this.opened?.save(this.seen);
    return Promise.resolve();
  }

  /** The content hash the cache holds for a file (`html:<path>`), if any. */
  hashOf(key: string): string | undefined {
    return this.cache?.hashOf(key);
  }

  /** Where the cache holds a file's entry, and the stat it was cached with. */
  locate(key: string): EntryLocation | undefined {
    return this.cache?.locate(key);
  }

  /** Keeps the jobs' cache entries when it is saved (a run that extracts few pages has them all). */
  keep(jobs: readonly ExtractJob[]): void {
    for (const job of jobs) this.seen.add(`${job.kind}:${job.path}`);
  }

  /** The job as this run extracts it: without terms unless a rule reads them. */
  private asRun(job: ExtractJob): ExtractJob {
    return this.terms ? job : { ...job, terms: false };
  }

  /** The stat the cache would trust a page's file by, now (see `stampOf`). */
  stampOf(job: ExtractJob, now: number): string | undefined {
    return stampOf(this.asRun(job), now);
  }

  /** A page's facts as the cache holds them at a {@link locate}d place, without opening it. */
  cachedFacts(location: EntryLocation, job: ExtractJob, hash: string): PageFacts | undefined {
    return this.cachePath === undefined
      ? undefined
      : FactsCache.factsAt(this.cachePath, location, `${job.kind}:${job.path}`, hash);
  }

  /** Extracts pages on this thread, apart from the cache (a run that may still go on in full). */
  extractApart(jobs: readonly ExtractJob[]): Promise<ExtractResult[]> {
    return extractAll(
      jobs.map((job) => ({ ...this.asRun(job), hash: true })),
      { threads: 0 },
    );
  }

  /**
   * Adds pages {@link extractApart} extracted to the cache, without reading the cache's other
   * entries (they stay as they are in the file), and writes them; where each entry is now.
   */
  addToCache(
    jobs: readonly ExtractJob[],
    facts: readonly PageFacts[],
    hashes: readonly string[],
    now: number,
  ): (EntryLocation | undefined)[] {
    if (this.cachePath === undefined) return jobs.map(() => undefined);
    const cache = (this.opened ??= FactsCache.appendTo(this.cachePath));
    const keys = jobs.map((job) => `${job.kind}:${job.path}`);
    // Their entries are kept by `keep`, which the run called for every page.
    for (const [index, job] of jobs.entries()) {
      cache.add(keys[index]!, this.asRun(job), hashes[index]!, facts[index]!, now);
    }
    cache.flush();
    return keys.map((key) => cache.locate(key));
  }
}

/** Where findings on built pages are placed: the output folder, relative to the root (`dist/`). */
function outputPrefix(root: string, outDir: string): string {
  const folder = toPosix(posix.normalize(toPosix(resolve(outDir).slice(root.length + 1)) || '.'));
  return folder === '.' ? '' : `${folder}/`;
}

/** The facts cache's key of a built page. */
function htmlKey(outDir: string, file: string): string {
  return `html:${join(outDir, file)}`;
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
  return scorecardOptions(site, linkabilityOptions.parse(configured ?? {}, ONCE));
}

const summaries = new WeakMap<Linkability, NonNullable<PageSummary['linkability']>>();

/**
 * The page's scorecard for `pages[]`, computed once (the `linkability` rule reuses it), and the
 * same object for the same scorecard (its JSON text is kept with it: see `prepareScorecardJson`).
 */
function linkabilitySummary(
  page: PageFacts,
  scorecard: LinkabilityOptions,
): Pick<PageSummary, 'linkability'> {
  if (!isScorable(page)) return {};
  const linkability = linkabilityOf(page, scorecard);
  let summary = summaries.get(linkability);
  if (summary === undefined) {
    const { score, band, profile, signals } = linkability;
    summary = { score, band, profile, signals };
    summaries.set(linkability, summary);
  }
  return { linkability: summary };
}

/**
 * A run with the cache over a built site, when few pages changed since the last run: those
 * pages alone are checked again and the rest of the last run's analysis is kept (`RunCache`
 * stores it). The engine decides when a run may try (`lint`), and runs in full when it cannot.
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig, ResolvedRule } from './config/schema.js';
import type { CacheUse, LintReport, PageSummary } from './engine.js';
import type { EntryLocation } from './extract/cache.js';
import { EXTRACTOR_VERSION, type ExtractJob, type ExtractResult } from './extract/file.js';
import type { PageFacts, SourcePosition } from './model/facts.js';
import { compareFindings, type Finding } from './model/finding.js';
import type { FactField, Report as RuleReport } from './model/rule.js';
import { adoptElementJson, findingJson, pageJson, scorecardFromJson } from './report/json.js';
import { type Anchor, digest, type LastRun, RunCache, type RunPage } from './run-cache.js';
import type { Baseline } from './site/baseline.js';
import { GRAPH_READS } from './site/graph.js';
import { Site, type SiteOptions } from './site/site.js';
import type { WalkResult } from './util/files.js';
import { matcher } from './util/glob.js';

type FileReader = (file: string) => Uint8Array | undefined;

/** What a run with the cache asks of the engine's extractor (see `Extractor`). */
export interface RerunExtractor {
  stampOf(job: ExtractJob, now: number): string | undefined;
  cachedFacts(location: EntryLocation, job: ExtractJob, hash: string): PageFacts | undefined;
  extractApart(jobs: readonly ExtractJob[]): Promise<ExtractResult[]>;
  addToCache(
    jobs: readonly ExtractJob[],
    facts: readonly PageFacts[],
    hashes: readonly string[],
    now: number,
  ): (EntryLocation | undefined)[];
  keep(jobs: readonly ExtractJob[]): void;
}

/** What a run's analysis depends on besides its pages, as the run cache records it. */
export interface TrackedRun {
  signature: string;
  files: string;
  /** Non-page files read so far, by digest of their content (null: absent). */
  read: Record<string, string | null>;
  /** Wraps a reader of the output's non-page files so that what it reads is recorded. */
  readFile: (reader: FileReader) => FileReader;
}

/** The run's inputs besides its pages, and a recorder of the non-page files it reads. */
export function trackRun(
  tool: string,
  root: string,
  outDir: string,
  config: ResolvedConfig,
  baseline: Baseline | undefined,
  walked: WalkResult,
): TrackedRun {
  const read: Record<string, string | null> = {};
  const rules = config.rules.map(({ rule, severity, options }) => [rule.id, severity, options]);
  return {
    signature: digest([
      tool,
      String(EXTRACTOR_VERSION),
      codeStamp(),
      root,
      outDir,
      JSON.stringify({ ...config, rules }),
      JSON.stringify(baseline ?? null),
      JSON.stringify(walked.skipped),
    ]),
    files: digest(walked.files),
    read,
    readFile: (reader) => (file) => {
      const bytes = reader(file);
      if (!(file in read)) read[file] = bytes === undefined ? null : digest([bytes]);
      return bytes;
    },
  };
}

let stamp: string | undefined;

/**
 * The code of this copy of linkworthy, by its files' names, sizes and times: a run cache written
 * by other code (an upgrade, a local build) is not trusted, whatever the version says.
 */
function codeStamp(): string {
  if (stamp === undefined) {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const parts: string[] = [];
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      try {
        const stats = statSync(join(dir, name));
        if (stats.isFile()) parts.push(`${name}:${stats.size}:${stats.mtimeMs}`);
      } catch {
        parts.push(name);
      }
    }
    stamp = digest(parts);
  }
  return stamp;
}

export interface RerunInput {
  /** The run cache's file. */
  path: string;
  root: string;
  tool: LintReport['tool'];
  config: ResolvedConfig;
  walked: WalkResult;
  /** The output's HTML files to extract, in the walk's order. */
  jobs: ExtractJob[];
  /** Where findings on built pages are placed: the output folder, relative to the root. */
  prefix: string;
  tracked: TrackedRun;
  /** The output's non-page files, read through `tracked`. */
  readFile: FileReader;
  extractor: RerunExtractor;
  /** The site's settings (files and reader are added). */
  siteOptions: SiteOptions;
  /** Runs rules over a site, placing findings as a full run does (`runRules`, `locate`). */
  check: (
    site: Site,
    rules: ResolvedRule[],
    onFinding: (finding: Finding, report: RuleReport) => void,
  ) => void;
  /** A site's scorecard for `pages[]`, page by page (`linkabilitySummary`). */
  scorecardOf: (site: Site) => (page: PageFacts) => Pick<PageSummary, 'linkability'>;
  /** When the run started (`performance.now()`), for `durationMs`. */
  started: number;
}

/** More changed pages than this share of the site run the analysis in full. */
const MAX_CHANGED_SHARE = 0.25;

/**
 * The report of a built site from the last run's (see `RunCache`) when the pages that changed
 * since cannot change the rest of it: no page added or removed, the same settings, rules and
 * non-page files, and the changed pages' facts differ only in facts that no rule but `'page'`
 * rules (rules' `reads`) and no `pages[]` link figure reads. Those pages alone are extracted and
 * checked again by the `'page'` rules, their scorecards made again; every other finding and
 * entry is kept. Otherwise no report, and why (the run goes on in full).
 */
export async function rerunChanged(
  input: RerunInput,
): Promise<{ report?: LintReport; use: CacheUse }> {
  const { config, walked, tracked, extractor, readFile, jobs, prefix } = input;
  const full = (reason: string, changed?: number) => ({
    use: { analysis: 'full' as const, reason, ...(changed === undefined ? {} : { changed }) },
  });
  const last = RunCache.read(input.path);
  if (!last) return full('no analysis of an earlier run is cached');
  if (last.signature !== tracked.signature) {
    return full('the settings, rules, baseline or linkworthy itself changed');
  }
  if (last.files !== tracked.files) return full('files were added or removed');
  if (last.unplaced.some((finding) => finding.messageId === 'ruleCrashed')) {
    return full('a rule stopped with an error in the last run');
  }
  for (const [file, was] of Object.entries(last.read)) {
    readFile(file);
    if (tracked.read[file] !== was) return full(`\`${file}\` changed`);
  }
  if (last.pages.length !== jobs.length + walked.skipped.length) return full('pages changed');
  const changed: number[] = [];
  const now = Date.now();
  for (const [index, job] of jobs.entries()) {
    const page = last.pages[index]!;
    if (page.file !== job.file) return full('pages changed');
    // Unchanged: the stat the facts cache trusted the file by then (not one too recent to trust).
    const stamp = page.cached?.stamp;
    if (stamp === undefined || stamp === null || stamp !== extractor.stampOf(job, now)) {
      changed.push(index);
    }
  }
  extractor.keep(jobs);
  if (changed.length > Math.max(1, jobs.length * MAX_CHANGED_SHARE)) {
    return full('too many pages changed to check them alone', changed.length);
  }
  const before: PageFacts[] = [];
  for (const index of changed) {
    const { cached, hash } = last.pages[index]!;
    const facts = cached && extractor.cachedFacts(cached, jobs[index]!, hash);
    if (!facts) return full('the facts cache no longer holds the last run’s facts', changed.length);
    before.push(facts);
  }
  const changedJobs = changed.map((index) => jobs[index]!);
  const results = await extractor.extractApart(changedJobs);
  const after = results.map((result) => (result.unchanged ? undefined : result.facts));
  const hashes = results.map((result) => result.hash);
  if (after.includes(undefined) || hashes.includes(undefined)) {
    return full('a changed page could not be read again', changed.length);
  }

  /** Pages whose facts changed: the index of each in the site, and its facts now. */
  const rechecked = new Map<number, PageFacts>();
  /** Facts that changed, and facts whose positions alone changed (lines moved). */
  const fields = new Set<FactField>();
  const moved = new Set<FactField>();
  for (const [at, index] of changed.entries()) {
    if (changedFacts(before[at]!, after[at]!, fields, moved)) rechecked.set(index, after[at]!);
  }
  const pageRules: ResolvedRule[] = [];
  for (const resolved of config.rules) {
    const { reads } = resolved.rule.meta;
    if (reads === 'page') pageRules.push(resolved);
    else if (
      rechecked.size > 0 &&
      (reads === undefined || reads.some((read) => touches(read, fields)))
    ) {
      const read = [...fields].filter((field) => touches(field, new Set(reads ?? [field])));
      return full(
        `\`${resolved.rule.id}\` reads what changed: ${read.map((field) => `\`${field}\``).join(', ')}`,
        changed.length,
      );
    }
  }
  // Positions are no part of the graph: lines that moved leave it as it was.
  if (GRAPH_READS.some((read) => touches(read, fields))) {
    return full('what changed can change the link graph', changed.length);
  }

  // The changed pages alone, as a site with every file and setting of the whole one.
  const site = new Site([...rechecked.values()], {
    ...input.siteOptions,
    files: walked.files,
    readFile,
  });
  const indexOf = new Map([...rechecked].map(([index, page]) => [page, index]));
  /** Each rechecked page's new findings and their anchors, in the order they were made. */
  const fresh = new Map<number, [Finding, Anchor][]>(
    [...rechecked.keys()].map((index) => [index, []]),
  );
  const positions = new Map<PageFacts, Map<object, Path>>();
  const ignoredFile = matcher(config.ignore);
  /** Findings a `'page'` rule placed on no changed page: not what `'page'` promises. */
  const strays: Finding[] = [];
  input.check(site, rechecked.size > 0 ? pageRules : [], (finding, report) => {
    const index = report.page && indexOf.get(report.page);
    if (index === undefined || finding.file !== prefix + jobs[index]!.file) {
      strays.push(finding);
    } else if (!ignoredFile(finding.file)) {
      const page = report.page!;
      fresh.get(index)!.push([finding, anchorOf(report, () => positionsIn(page, positions))]);
    }
  });
  if (strays.length > 0) {
    return full('a rule reported a finding on no changed page', changed.length);
  }
  const pageRuleIds = new Set(pageRules.map(({ rule }) => rule.id));
  /** Rechecked pages' findings: the other rules' placed again where lines moved, and the new. */
  const recheckedFindings = new Map<number, [Finding, Anchor][]>();
  for (const [index, facts] of rechecked) {
    const page = last.pages[index]!;
    const kept: [Finding, Anchor][] = fresh.get(index)!;
    for (const [at, finding] of page.findings.entries()) {
      if (pageRuleIds.has(finding.ruleId)) continue;
      const anchor = page.anchors[at] ?? null;
      const placed = placedAgain(finding, anchor, facts);
      if (!placed)
        return full('a finding on a changed page cannot be placed again', changed.length);
      kept.push([placed, anchor]);
    }
    recheckedFindings.set(
      index,
      kept.sort(([a], [b]) => compareFindings(a, b)),
    );
  }
  // The changed pages' facts go to the facts cache (its other entries unread), as a full run
  // with it would have put them there; their records get their new hash and place in it.
  const locations = extractor.addToCache(
    changedJobs,
    after as PageFacts[],
    hashes as string[],
    now,
  );
  const changedAt = new Map(changed.map((index, at) => [index, at]));
  const scorecardOf = input.scorecardOf(site);
  const pages: PageSummary[] = [];
  const runPages: RunPage[] = [];
  for (const [index, page] of last.pages.entries()) {
    const facts = rechecked.get(index);
    const at = changedAt.get(index);
    if (!facts) {
      // Kept as it was: its texts are joined into the JSON report as they are.
      const summary: PageSummary = page.scorecard
        ? { ...page.summary, linkability: scorecardFromJson(page.scorecard) }
        : { ...page.summary };
      adoptElementJson(summary, page.element);
      for (const [at, finding] of page.findings.entries()) {
        adoptElementJson(finding, page.findingTexts[at]!);
      }
      pages.push(summary);
      if (at === undefined) runPages.push(page);
      else {
        // Its file changed, not its facts: its record gets the new hash and place in the cache.
        const { file, summary, element, scorecard, findings, findingTexts, anchors } = page;
        const cached = locations[at];
        runPages.push({
          file,
          hash: hashes[at]!,
          summary,
          element,
          ...(scorecard ? { scorecard } : {}),
          findings,
          findingTexts,
          anchors,
          ...(cached ? { cached } : {}),
        });
      }
      continue;
    }
    const summary: PageSummary = { ...page.summary, ...scorecardOf(facts) };
    pages.push(summary);
    const findings = recheckedFindings.get(index)!;
    const cached = locations[at!];
    runPages.push({
      ...runPageOf(
        page.file,
        hashes[at!]!,
        summary,
        findings.map(([finding]) => finding),
        findings.map(([, anchor]) => anchor),
      ),
      ...(cached ? { cached } : {}),
    });
  }
  const order = reportOrder(last, runPages, prefix);
  const kept = findingsInOrder(last.unplaced, order, runPages);
  const report: LintReport = {
    tool: { ...input.tool },
    root: input.root,
    summary: {
      pages: pages.length,
      links: last.links,
      errors: kept.filter((finding) => finding.severity === 'error').length,
      warnings: kept.filter((finding) => finding.severity === 'warn').length,
      infos: kept.filter((finding) => finding.severity === 'info').length,
      durationMs: Math.round(performance.now() - input.started),
    },
    pages,
    findings: kept,
  };
  if (changed.length > 0 || Object.keys(tracked.read).length > Object.keys(last.read).length) {
    writeRun(
      input.path,
      {
        signature: tracked.signature,
        files: tracked.files,
        read: { ...last.read, ...tracked.read },
        links: last.links,
        order,
        unplaced: last.unplaced,
        pages: runPages,
      },
      last,
      changed,
    );
  }
  return { report, use: { analysis: 'kept', changed: changed.length } };
}

/**
 * Pages with findings in report order: the last run's, with rechecked pages that have findings
 * now and had none put in their place (by file, as the report orders findings).
 */
function reportOrder(last: LastRun, pages: readonly RunPage[], prefix: string): number[] {
  const order = last.order.filter((index) => pages[index]!.findings.length > 0);
  const listed = new Set(order);
  for (const [index, page] of pages.entries()) {
    if (page.findings.length === 0 || listed.has(index)) continue;
    const file = prefix + page.file;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((prefix + pages[order[middle]!]!.file).localeCompare(file) < 0) low = middle + 1;
      else high = middle;
    }
    order.splice(low, 0, index);
  }
  return order;
}

/** The report's findings: each page's in page order, the unplaced ones merged in by file. */
function findingsInOrder(
  unplaced: readonly Finding[],
  order: readonly number[],
  pages: readonly RunPage[],
): Finding[] {
  const placed = order.flatMap((index) => pages[index]!.findings);
  if (unplaced.length === 0) return placed;
  const merged: Finding[] = [];
  let next = 0;
  for (const finding of placed) {
    while (next < unplaced.length && compareFindings(unplaced[next]!, finding) <= 0) {
      merged.push(unplaced[next++]!);
    }
    merged.push(finding);
  }
  while (next < unplaced.length) merged.push(unplaced[next++]!);
  return merged;
}

/**
 * Records a full run's analysis for the next run (see `RunCache`): each page's findings are the
 * ones placed in its own file; the rest (placed in the baseline, or nowhere) are unplaced.
 */
export function saveRun(
  path: string,
  tracked: TrackedRun,
  report: LintReport,
  pages: readonly PageFacts[],
  pageData: (page: PageFacts) => { hash: string; file: string; cached?: EntryLocation },
  pageOf: ReadonlyMap<Finding, [PageFacts, RuleReport]>,
): void {
  const index = new Map(pages.map((page, at) => [page, at]));
  const data = pages.map(pageData);
  const findings = pages.map((): Finding[] => []);
  const anchors = pages.map((): Anchor[] => []);
  const order: number[] = [];
  const unplaced: Finding[] = [];
  const positions = new Map<PageFacts, Map<object, Path>>();
  for (const finding of report.findings) {
    const [page, made] = pageOf.get(finding) ?? [];
    const at = page && index.get(page);
    if (at === undefined || !made || finding.file !== data[at]!.file) {
      unplaced.push(finding);
      continue;
    }
    if (findings[at]!.length === 0) order.push(at);
    findings[at]!.push(finding);
    anchors[at]!.push(anchorOf(made, () => positionsIn(page!, positions)));
  }
  const run = {
    signature: tracked.signature,
    files: tracked.files,
    read: tracked.read,
    links: report.summary.links,
    order,
    unplaced,
    pages: report.pages.map((summary, at): RunPage => {
      const { cached } = data[at]!;
      return {
        ...runPageOf(pages[at]!.file, data[at]!.hash, summary, findings[at]!, anchors[at]!),
        ...(cached ? { cached } : {}),
      };
    }),
  };
  // A re-run puts kept findings back in report order page by page. Where that would not give
  // this order (file names that collate as equal, say), nothing is kept: the next run is full.
  const again = findingsInOrder(unplaced, order, run.pages);
  if (again.some((finding, at) => finding !== report.findings[at])) return;
  writeRun(path, run);
}

/**
 * A page's record for the run cache, its texts made as the JSON report writes them; the report
 * this run writes joins in the same texts (they are made once).
 */
function runPageOf(
  file: string,
  hash: string,
  summary: PageSummary,
  findings: Finding[],
  anchors: Anchor[],
): RunPage {
  const rest: Partial<PageSummary> = { ...summary };
  delete rest.linkability;
  const element = pageJson(summary);
  adoptElementJson(summary, element);
  const findingTexts = findings.map((finding) => {
    const text = findingJson(finding);
    adoptElementJson(finding, text);
    return text;
  });
  return {
    file,
    hash,
    summary: rest as RunPage['summary'],
    element,
    // `pageJson` gives a page with a scorecard in three pieces, the scorecard's text second.
    ...(summary.linkability && element.length === 3 ? { scorecard: element[1]! } : {}),
    findings,
    findingTexts,
    anchors,
  };
}

type Path = (string | number)[];

/** Every object of a page's facts by its path in them (positions among them), made once a page. */
function positionsIn(page: PageFacts, made: Map<PageFacts, Map<object, Path>>): Map<object, Path> {
  let paths = made.get(page);
  if (!paths) {
    paths = new Map();
    const visit = (value: unknown, path: Path) => {
      if (value === null || typeof value !== 'object' || paths!.has(value)) return;
      paths!.set(value, path);
      if (Array.isArray(value))
        value.forEach((item, at) => {
          visit(item, [...path, at]);
        });
      else for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    };
    visit(page, []);
    made.set(page, paths);
  }
  return paths;
}

/** Where a report placed its finding in its page's facts (see `Anchor`; `placeInPage`). */
function anchorOf(report: RuleReport, positions: () => Map<object, Path>): Anchor {
  if (report.location) return null;
  if (report.at) return positions().get(report.at) ?? null;
  if (report.linkIndex !== undefined) return ['links', report.linkIndex, 'position'];
  return [];
}

/**
 * A finding placed again where its anchor is in a page's facts now: the same finding when its
 * place did not change, undefined when it cannot be told (the run then goes on in full).
 */
function placedAgain(finding: Finding, anchor: Anchor, page: PageFacts): Finding | undefined {
  if (anchor === null) return undefined;
  if (anchor.length === 0) return finding;
  let value: unknown = page;
  for (const step of anchor) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[step]
        : undefined;
  }
  const position = value as SourcePosition | undefined;
  // A finding that gains or loses its line would have its keys in another order: not kept.
  if ((position === undefined) !== (finding.line === undefined)) return undefined;
  if (!position || (position.line === finding.line && position.column === finding.column)) {
    return finding;
  }
  return { ...finding, line: position.line, column: position.column };
}

function writeRun(...args: Parameters<typeof RunCache.write>): void {
  try {
    RunCache.write(...args);
  } catch {
    // A cache that cannot be written costs the next run its speed, not this run its report.
  }
}

/** Whether a fact named by a rule's `reads` is among the changed ones (`meta` covers `meta.x`). */
function touches(read: FactField, changed: ReadonlySet<FactField>): boolean {
  if (changed.has(read)) return true;
  const [field] = read.split('.');
  return field !== read && changed.has(field as FactField);
}

/**
 * Adds the facts in which two versions of a page differ to `changed`, or to `moved` when they
 * differ only in positions (lines added or removed above them); whether there was any.
 */
function changedFacts(
  before: PageFacts,
  after: PageFacts,
  changed: Set<FactField>,
  moved: Set<FactField>,
): boolean {
  let any = false;
  const compare = (field: FactField, a: unknown, b: unknown) => {
    if (a === b) return;
    const text = JSON.stringify(a);
    if (text === JSON.stringify(b)) return;
    any = true;
    if (JSON.stringify(a, withoutPositions) === JSON.stringify(b, withoutPositions))
      moved.add(field);
    else changed.add(field);
  };
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const a = (before as unknown as Record<string, unknown>)[key];
    const b = (after as unknown as Record<string, unknown>)[key];
    if ((key === 'meta' || key === 'content') && isObject(a) && isObject(b)) {
      for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
        compare(`${key}.${field}` as FactField, a[field], b[field]);
      }
    } else compare(key as FactField, a, b);
  }
  return any;
}

/** A `JSON.stringify` replacer that leaves positions out (`{ line, column }` objects). */
function withoutPositions(_key: string, value: unknown): unknown {
  return isObject(value) &&
    typeof value.line === 'number' &&
    typeof value.column === 'number' &&
    Object.keys(value).length === 2
    ? undefined
    : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

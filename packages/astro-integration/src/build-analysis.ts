import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  formatHtml,
  jsonReportBytes,
  lint,
  reportLinks,
  siteInfographics,
  type LintEmbeds,
  type LintReport,
  type PrefetchedFacts,
  type ReportInfographic,
  type UserConfig,
  writeFileBuffers,
} from '@linkworthy/core';
import { logFindings, logSummary, plural, type LoggerLike } from './format.js';
import type { FailOn, ResolvedOptions } from './options.js';
import { toPosix } from './paths.js';
import { buildLintConfig } from './site-config.js';

/** What the integration keeps from `astro:config:setup`. */
export interface ProjectConfig {
  /** The project root, as a path. */
  root: string;
  srcDir: string;
  site?: string;
  base: string;
  trailingSlash: string;
  /** Astro's `redirects` and `i18n`, in the shape of linkworthy's config keys. */
  redirects?: NonNullable<UserConfig['redirects']>;
  i18n?: NonNullable<UserConfig['i18n']>;
  outDir: string;
  buildFormat?: string;
  /** Astro's `cacheDir` (`node_modules/.astro`), as a path: the facts cache lives there. */
  cacheDir?: string;
}

/**
 * Everything the analysis at the end of `astro build` needs, as plain data: it crosses to the
 * build's analysis thread (see build-thread.ts).
 */
export interface BuildAnalysisInput {
  project: ProjectConfig;
  /** The built site's folder (`astro:build:done`'s `dir`), as a path. */
  dirPath: string;
  /** Markdown source folders, relative to the root. */
  sources: string[];
  /** The user's `rules`, `ignore` and `baseline`. */
  config: Pick<UserConfig, 'rules' | 'ignore' | 'baseline'>;
  /** URL path of a built page → its source file, from Astro's routes. */
  pageSources: Map<string, string>;
  /** Built file (relative to the build folder) → the `.astro` route file that made it. */
  routeFiles: Map<string, string>;
  embeds: false | { siteName?: string; rel?: string[] };
  report: ResolvedOptions['report'];
  failOn: FailOn;
}

/** Why the build fails: the message and hint of the `AstroError` the integration throws. */
export interface BuildFailure {
  message: string;
  hint: string;
}

/**
 * The analysis at the end of `astro build`: makes infographics embeddable, lints the built HTML
 * (tracing pages to their Markdown sources), logs the findings, writes the reports and says
 * whether `failOn` fails the build. Throws `ConfigError` for bad configuration.
 */
export async function analyseBuild(
  input: BuildAnalysisInput,
  logger: LoggerLike,
  prefetched?: PrefetchedFacts,
): Promise<BuildFailure | undefined> {
  const { project, dirPath, report: reportPath } = input;
  const wantsHtml = reportPath.html !== false;
  let links: [number, number][] = [];
  let infographics: ReportInfographic[] = [];
  const embeds = input.embeds === false ? undefined : embedsStep(logger, project, input.embeds);
  const report = await lint({
    root: project.root,
    outDir: toPosix(relative(project.root, dirPath)),
    sources: input.sources,
    config: buildLintConfig(input),
    pageSources: input.pageSources,
    // Astro has parsed (and validated) every source: linkworthy parses one only when a finding
    // is placed on its lines, or it has infographics or lint-control comments.
    sourceFacts: 'lazy',
    ...(embeds ? { embeds } : {}),
    ...(prefetched ? { prefetched } : {}),
    onSite: (site) => {
      if (!wantsHtml) return;
      links = reportLinks(site);
      infographics = siteInfographics(site);
    },
    // Without the analysis thread, facts of unchanged sources and pages are kept in Astro's cache
    // folder between builds, next to its content layer's: a rebuild parses only what changed.
    // The thread extracts pages while Astro writes them, which costs the build nothing, and
    // reading and writing the cache would cost more than it saves.
    ...(project.cacheDir && !prefetched
      ? { cache: join(project.cacheDir, 'linkworthy-facts.json') }
      : {}),
  });
  // Pages of `.astro` routes: findings left on the minified built file go to the route file.
  pointAtRouteFiles(report, input.routeFiles, toPosix(relative(project.root, dirPath)));
  if (report.summary.pages === 0) {
    logger.warn(
      `linkworthy: no built HTML in ${toPosix(relative(project.root, dirPath)) || '.'}; only prerendered pages are analysed, on-demand routes are not.`,
    );
  }
  logFindings(logger, report);
  await writeReports(logger, project.root, reportPath, report, { links, infographics });
  logSummary(logger, report);
  return failureOf(report, input.failOn);
}

/**
 * Makes the build's infographics embeddable (stable image copies, oEmbed JSON, discovery links,
 * JSON-LD, copy boxes) within the lint run, from the facts it reads anyway, so the lint sees
 * what will be deployed. Needs an `https` `site`: the embed code links to absolute URLs.
 */
function embedsStep(
  logger: LoggerLike,
  project: ProjectConfig,
  settings: { siteName?: string; rel?: string[] },
): LintEmbeds | undefined {
  if (!project.site?.startsWith('https://')) return undefined;
  const origin = new URL(project.site).origin;
  return {
    origin,
    siteName: settings.siteName ?? new URL(origin).host,
    ...(settings.rel ? { rel: settings.rel } : {}),
    onResult(result) {
      for (const problem of result.problems) {
        const image = problem.src ? ` infographic \`${problem.src}\`:` : '';
        logger.warn(`linkworthy: ${problem.file}:${image} ${problem.message}`);
      }
      if (result.embeds.length > 0) {
        logger.info(
          `linkworthy: ${plural(result.embeds.length, 'infographic')} made embeddable (${result.embeds.map((embed) => `/${embed.image}`).join(', ')})`,
        );
      }
    },
  };
}

/** Writes the JSON and HTML reports where `report` says (default: the project root). */
async function writeReports(
  logger: LoggerLike,
  root: string,
  paths: { json: string | false; html: string | false },
  report: LintReport,
  html: { links: [number, number][]; infographics: ReportInfographic[] },
): Promise<void> {
  const written: string[] = [];
  // Each report is written while the next is made: the build waits for the slower of the two.
  const writes: Promise<void>[] = [];
  for (const kind of ['json', 'html'] as const) {
    const path = paths[kind];
    if (path === false) continue;
    const target = resolve(root, path);
    await mkdir(dirname(target), { recursive: true });
    const write =
      kind === 'json'
        ? writeFileBuffers(target, [...jsonReportBytes(report)])
        : writeFile(
            target,
            formatHtml(report, {
              links: html.links,
              ...(html.infographics.length > 0 ? { infographics: html.infographics } : {}),
            }),
          );
    // Its failure is reported by `Promise.all` below, even if making the next report throws first.
    write.catch(() => undefined);
    writes.push(write);
    written.push(toPosix(relative(root, target)));
  }
  await Promise.all(writes);
  if (written.length > 0) logger.info(`linkworthy: wrote the report to ${written.join(' and ')}`);
}

/**
 * Findings on the built file of a page made by an `.astro` (or other non-Markdown) route move to
 * the route file; the position in the minified HTML goes to `data.built`. Pages get the route
 * file as their `source`.
 */
function pointAtRouteFiles(report: LintReport, routeFiles: Map<string, string>, outDir: string) {
  if (routeFiles.size === 0) return;
  const prefix = outDir === '' ? '' : `${outDir}/`;
  const routeOf = (file: string | undefined) =>
    file?.startsWith(prefix) ? routeFiles.get(file.slice(prefix.length)) : undefined;
  report.findings = report.findings.map((finding) => {
    const route = routeOf(finding.file);
    if (route === undefined) return finding;
    const { line, column, ...rest } = finding;
    const built = `${finding.file!}${line === undefined ? '' : `:${line}:${column ?? 1}`}`;
    return { ...rest, file: route, data: { ...finding.data, built } };
  });
  for (const page of report.pages) {
    const route = page.source === undefined ? routeOf(page.file) : undefined;
    if (route !== undefined) page.source = route;
  }
  report.findings.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** Why the build fails, when `failOn` is met: the message and the hint of an `AstroError`. */
function failureOf(report: LintReport, failOn: FailOn): BuildFailure | undefined {
  const { errors, warnings } = report.summary;
  const failing = failOn === 'error' ? errors : failOn === 'warn' ? errors + warnings : 0;
  if (failing === 0) return undefined;
  const found =
    failOn === 'warn' && warnings > 0
      ? `${plural(errors, 'error')} and ${plural(warnings, 'warning')}`
      : plural(errors, 'error');
  const failingSeverities = failOn === 'warn' ? ['error', 'warn'] : ['error'];
  const example = report.findings.find((finding) => failingSeverities.includes(finding.severity));
  const ruleId = example?.ruleId ?? 'broken-link';
  const lower = failOn === 'warn' ? 'off' : 'warn';
  return {
    message: `linkworthy found ${found} in the built site (failOn: '${failOn}'); they are listed above.`,
    hint: `Fix the findings above, turn a rule down in linkworthy()'s \`rules\` option (\`'${ruleId}': '${lower}'\`), or set \`failOn: 'never'\` to report without failing the build.`,
  };
}

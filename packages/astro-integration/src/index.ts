import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  formatHtml,
  formatJson,
  generateEmbeds,
  lint,
  reportLinks,
  siteInfographics,
  type LintReport,
  type ReportInfographic,
  type Site,
  type UserConfig,
} from '@linkworthy/core';
import type { AstroConfig, AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { logFindings, logSummary, plural, type LoggerLike } from './format.js';
import { embedsModule, type EmbedComponentSettings } from './embeds-settings.js';
import { toPosix } from './paths.js';
import { pageSources, routeFilesOfBuiltPages, type RouteInfo } from './routes.js';
import { registerToolbarApp, serveToolbar } from './toolbar/hooks.js';
import { resolveOptions, type FailOn, type LinkworthyAstroOptions } from './options.js';
import { isTrailingSlash, lintConfig } from './site-config.js';

export type { FailOn, LinkworthyAstroOptions } from './options.js';
export {
  logBlocks,
  summaryLine,
  topPages,
  topPagesText,
  type LogBlock,
  type LoggerLike,
  type TopPage,
} from './format.js';
export type { ReportPaths } from './options.js';
export type { DevFinding, DevPageReport } from './toolbar/server.js';

export const INTEGRATION_NAME = '@linkworthy/astro';

/** What the integration keeps from `astro:config:setup`. */
interface ProjectConfig {
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
 * The linkworthy Astro integration. It reads nothing while Astro builds: in `astro:build:done` it
 * lints the built HTML (so it works whatever the Markdown processor: Sätteri, unified, MDX),
 * traces pages back to their Markdown sources, logs findings through Astro's logger and fails
 * the build when `failOn` is met.
 */
export default function linkworthy(options?: LinkworthyAstroOptions): AstroIntegration {
  let resolved;
  try {
    resolved = resolveOptions(options);
  } catch (error) {
    throw asAstroError(error);
  }
  const { config: userConfig, sources, failOn, report: reportPath, embeds } = resolved;

  let project: ProjectConfig | undefined;
  /** `astro dev`: the project, for the Dev Toolbar app. */
  let devProject: ProjectConfig | undefined;
  let routes: RouteInfo[] = [];

  return {
    name: INTEGRATION_NAME,
    hooks: {
      'astro:config:setup': (params) => {
        const { config, command } = params;
        // `astro sync` and `astro check` run this hook too; only a build is analysed.
        project = command === 'build' ? projectConfig(config) : undefined;
        // `astro dev`: the Dev Toolbar app shows the current page's findings.
        devProject = command === 'dev' ? projectConfig(config) : undefined;
        if (devProject) registerToolbarApp(params.addDevToolbarApp);
        // `@linkworthy/astro/components/InfographicEmbed.astro` reads the embed settings here.
        // (Read defensively: stand-ins for Astro in tests may leave `updateConfig` out.)
        const { updateConfig } = params as { updateConfig?: typeof params.updateConfig };
        updateConfig?.({
          vite: { plugins: [embedsModule(embedComponentSettings(config, embeds))] },
        });
      },
      'astro:server:setup': (params) => {
        if (!devProject) return;
        const dev = devProject;
        serveToolbar(
          params,
          {
            root: dev.root,
            base: dev.base,
            ...(dev.site ? { site: dev.site } : {}),
            ...(isTrailingSlash(dev.trailingSlash) ? { trailingSlash: dev.trailingSlash } : {}),
            ...(dev.redirects ? { redirects: dev.redirects } : {}),
            ...(dev.i18n ? { i18n: dev.i18n } : {}),
          },
          { config: userConfig, sources: sources ?? defaultSources(dev), embeds },
          () => routes,
        );
      },
      // Fires more than once (before and after integrations add routes): keep the last list.
      'astro:routes:resolved': ({ routes: resolvedRoutes }) => {
        routes = resolvedRoutes.map((route) => ({
          pattern: route.pattern,
          entrypoint: route.entrypoint,
          type: route.type,
          origin: route.origin,
          pathname: route.pathname,
          patternRegex: route.patternRegex,
        }));
      },
      'astro:build:done': async (params) => {
        if (!project) return;
        const { dir, logger } = params;
        // `assets` is new in Astro 5; feature-detect instead of trusting the installed types.
        const assets = (params as { assets?: Map<string, URL[]> }).assets;
        const dirPath = fileURLToPath(dir);
        const sourceDirs = sources ?? defaultSources(project);
        const sourceOfPage = pageSources(routes, { ...project, dir: dirPath, assets });
        if (embeds !== false) {
          await writeEmbeds(logger, project, dirPath, embeds, {
            sources: sourceDirs,
            pageSources: sourceOfPage,
          });
        }
        const wantsHtml = reportPath.html !== false;
        let links: [number, number][] = [];
        let infographics: ReportInfographic[] = [];
        const report = await runLint({
          project,
          dirPath,
          sources: sourceDirs,
          config: userConfig,
          pageSources: sourceOfPage,
          siteName: embeds === false ? undefined : embeds.siteName,
          onSite: (site) => {
            if (!wantsHtml) return;
            links = reportLinks(site);
            infographics = siteInfographics(site);
          },
        });
        // Pages of `.astro` routes: findings left on the minified built file go to the route file.
        pointAtRouteFiles(
          report,
          routeFilesOfBuiltPages(routes, { ...project, dir: dirPath, assets }),
          toPosix(relative(project.root, dirPath)),
        );
        if (report.summary.pages === 0) {
          logger.warn(
            `linkworthy: no built HTML in ${toPosix(relative(project.root, dirPath)) || '.'}; only prerendered pages are analysed, on-demand routes are not.`,
          );
        }
        logFindings(logger, report);
        await writeReports(logger, project.root, reportPath, report, { links, infographics });
        logSummary(logger, report);
        const failure = failureOf(report, failOn);
        if (failure) throw failure;
      },
    },
  };
}

/**
 * Makes the build's infographics embeddable (stable image copies, oEmbed JSON, discovery links,
 * JSON-LD, copy boxes) before it is linted, so the lint sees what will be deployed.
 */
async function writeEmbeds(
  logger: LoggerLike,
  project: ProjectConfig,
  dirPath: string,
  settings: { siteName?: string; rel?: string[] },
  markdown: { sources: string[]; pageSources: Map<string, string> },
): Promise<void> {
  if (!project.site?.startsWith('https://')) return;
  const origin = new URL(project.site).origin;
  const result = await generateEmbeds({
    dir: dirPath,
    origin,
    siteName: settings.siteName ?? new URL(origin).host,
    base: project.base,
    ...(settings.rel ? { rel: settings.rel } : {}),
    // Markdown frontmatter `infographics:` marks images too.
    root: project.root,
    sources: markdown.sources,
    pageSources: markdown.pageSources,
  });
  for (const problem of result.problems) {
    const image = problem.src ? ` infographic \`${problem.src}\`:` : '';
    logger.warn(`linkworthy: ${problem.file}:${image} ${problem.message}`);
  }
  if (result.embeds.length > 0) {
    logger.info(
      `linkworthy: ${plural(result.embeds.length, 'infographic')} made embeddable (${result.embeds.map((embed) => `/${embed.image}`).join(', ')})`,
    );
  }
}

function embedComponentSettings(
  config: AstroConfig,
  embeds: false | { siteName?: string; rel?: string[] },
): EmbedComponentSettings {
  const { publicDir } = config as { publicDir?: URL };
  return {
    enabled: embeds !== false,
    ...(config.site ? { site: config.site } : {}),
    base: `/${config.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/'),
    ...(embeds && embeds.siteName !== undefined ? { siteName: embeds.siteName } : {}),
    ...(embeds && embeds.rel ? { rel: embeds.rel } : {}),
    ...(publicDir ? { publicDir: fileURLToPath(publicDir) } : {}),
  };
}

function projectConfig(config: AstroConfig): ProjectConfig {
  const build = (config as { build?: { format?: unknown } }).build;
  return {
    root: fileURLToPath(config.root),
    srcDir: fileURLToPath(config.srcDir),
    ...(config.site ? { site: config.site } : {}),
    base: config.base.startsWith('/') ? config.base : `/${config.base}`,
    trailingSlash: config.trailingSlash,
    ...astroRedirectsAndI18n(config),
    outDir: fileURLToPath(config.outDir),
    ...(typeof build?.format === 'string' ? { buildFormat: build.format } : {}),
    // Read defensively: stand-ins for Astro in tests may leave it out.
    ...((config as { cacheDir?: URL }).cacheDir
      ? { cacheDir: fileURLToPath(config.cacheDir) }
      : {}),
  };
}

/**
 * Astro's `redirects` (keys with a leading slash, as the core expects) and `i18n` (locales,
 * default locale, `routing.prefixDefaultLocale`, and `fallback` — none given means none, as in
 * Astro). Read defensively: the shapes differ a little across Astro 5, 6 and 7.
 */
function astroRedirectsAndI18n(config: AstroConfig): Pick<ProjectConfig, 'redirects' | 'i18n'> {
  const { redirects: rawRedirects, i18n } = config as {
    redirects?: Record<string, unknown>;
    i18n?: {
      locales?: readonly (string | { path: string; codes?: readonly string[] })[];
      defaultLocale?: string;
      fallback?: Record<string, string>;
      routing?: unknown;
    };
  };
  const redirects: NonNullable<ProjectConfig['redirects']> = {};
  for (const [from, to] of Object.entries(rawRedirects ?? {})) {
    const key = from.startsWith('/') ? from : `/${from}`;
    if (typeof to === 'string') redirects[key] = to;
    else if (to && typeof to === 'object') {
      const { status, destination } = to as { status?: unknown; destination?: unknown };
      if (typeof destination !== 'string') continue;
      redirects[key] = { destination, ...(typeof status === 'number' ? { status } : {}) };
    }
  }
  const result: Pick<ProjectConfig, 'redirects' | 'i18n'> = {};
  if (Object.keys(redirects).length > 0) result.redirects = redirects;
  if (i18n?.locales && i18n.locales.length > 0 && i18n.defaultLocale) {
    const routing = i18n.routing as { prefixDefaultLocale?: unknown } | string | undefined;
    const prefix = typeof routing === 'object' ? routing.prefixDefaultLocale : undefined;
    result.i18n = {
      locales: i18n.locales.map((locale) =>
        typeof locale === 'string'
          ? locale
          : { path: locale.path, ...(locale.codes ? { codes: [...locale.codes] } : {}) },
      ),
      defaultLocale: i18n.defaultLocale,
      fallback: { ...i18n.fallback },
      ...(typeof prefix === 'boolean' ? { prefixDefaultLocale: prefix } : {}),
    };
  }
  return result;
}

/** The Markdown folders Astro projects keep content in: `src/content` and `src/pages`. */
function defaultSources(project: ProjectConfig): string[] {
  return ['content', 'pages']
    .map((folder) => resolve(project.srcDir, folder))
    .filter((folder) => existsSync(folder) && isInside(project.root, folder))
    .map((folder) => toPosix(relative(project.root, folder)));
}

async function runLint(input: {
  project: ProjectConfig;
  dirPath: string;
  sources: string[];
  config: Pick<UserConfig, 'rules' | 'ignore' | 'baseline'>;
  pageSources: Map<string, string>;
  /** `embeds.siteName`: the brand the generated embed code credits. */
  siteName?: string | undefined;
  onSite?: (site: Site) => void;
}): Promise<LintReport> {
  const { project } = input;
  const config = lintConfig(input.config, project, input.siteName);
  try {
    return await lint({
      root: project.root,
      outDir: toPosix(relative(project.root, input.dirPath)),
      sources: input.sources,
      config,
      pageSources: input.pageSources,
      // Astro has parsed (and validated) every source: linkworthy parses one only when a finding
      // is placed on its lines, or it has infographics or lint-control comments.
      sourceFacts: 'lazy',
      ...(input.onSite ? { onSite: input.onSite } : {}),
      // Facts of unchanged sources and pages are kept in Astro's cache folder between builds,
      // next to its content layer's: a rebuild parses only what changed.
      ...(project.cacheDir ? { cache: join(project.cacheDir, 'linkworthy-facts.json') } : {}),
    });
  } catch (error) {
    throw asAstroError(error);
  }
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
  for (const kind of ['json', 'html'] as const) {
    const path = paths[kind];
    if (path === false) continue;
    const target = resolve(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(
      target,
      kind === 'json'
        ? formatJson(report)
        : formatHtml(report, {
            links: html.links,
            ...(html.infographics.length > 0 ? { infographics: html.infographics } : {}),
          }),
    );
    written.push(toPosix(relative(root, target)));
  }
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

/** The error that fails the build, when `failOn` is met. */
function failureOf(report: LintReport, failOn: FailOn): AstroError | undefined {
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
  return new AstroError(
    `linkworthy found ${found} in the built site (failOn: '${failOn}'); they are listed above.`,
    `Fix the findings above, turn a rule down in linkworthy()'s \`rules\` option (\`'${ruleId}': '${lower}'\`), or set \`failOn: 'never'\` to report without failing the build.`,
  );
}

/** Configuration errors become Astro errors with a hint; anything else is rethrown as is. */
function asAstroError(error: unknown): unknown {
  if (!(error instanceof ConfigError)) return error;
  // No `cause`: Astro would print the same message twice.
  return new AstroError(
    error.message,
    'Check the options passed to linkworthy() in your Astro config and linkworthy.config.* at the project root.',
  );
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  formatJson,
  generateEmbeds,
  lint,
  type LintReport,
  type UserConfig,
} from '@linkworthy/core';
import type { AstroConfig, AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { logFindings, plural, type LoggerLike } from './format.js';
import { toPosix } from './paths.js';
import { pageSources, type RouteInfo } from './routes.js';
import { resolveOptions, type FailOn, type LinkworthyAstroOptions } from './options.js';

export type { FailOn, LinkworthyAstroOptions } from './options.js';
export { logBlocks, summaryLine, type LogBlock, type LoggerLike } from './format.js';

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
  let routes: RouteInfo[] = [];

  return {
    name: INTEGRATION_NAME,
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        // `astro sync` and `astro check` run this hook too; only a build is analysed.
        project = command === 'build' ? projectConfig(config) : undefined;
      },
      // Fires more than once (before and after integrations add routes): keep the last list.
      'astro:routes:resolved': ({ routes: resolvedRoutes }) => {
        routes = resolvedRoutes.map((route) => ({
          pattern: route.pattern,
          entrypoint: route.entrypoint,
          type: route.type,
          origin: route.origin,
          pathname: route.pathname,
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
        const report = await runLint({
          project,
          dirPath,
          sources: sourceDirs,
          config: userConfig,
          pageSources: sourceOfPage,
        });
        if (report.summary.pages === 0) {
          logger.warn(
            `linkworthy: no built HTML in ${toPosix(relative(project.root, dirPath)) || '.'}; only prerendered pages are analysed, on-demand routes are not.`,
          );
        }
        logFindings(logger, report);
        if (reportPath !== false) await writeReport(logger, project.root, reportPath, report);
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
}): Promise<LintReport> {
  const { project } = input;
  const config: UserConfig = {
    ...input.config,
    base: project.base,
    ...(project.site ? { site: project.site } : {}),
    ...(isTrailingSlash(project.trailingSlash) ? { trailingSlash: project.trailingSlash } : {}),
    ...(project.redirects ? { redirects: project.redirects } : {}),
    ...(project.i18n ? { i18n: project.i18n } : {}),
  };
  try {
    return await lint({
      root: project.root,
      outDir: toPosix(relative(project.root, input.dirPath)),
      sources: input.sources,
      config,
      pageSources: input.pageSources,
    });
  } catch (error) {
    throw asAstroError(error);
  }
}

async function writeReport(
  logger: LoggerLike,
  root: string,
  path: string,
  report: LintReport,
): Promise<void> {
  const target = resolve(root, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, formatJson(report));
  logger.info(`linkworthy: wrote the JSON report to ${toPosix(relative(root, target))}`);
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

function isTrailingSlash(value: string): value is 'always' | 'never' | 'ignore' {
  return value === 'always' || value === 'never' || value === 'ignore';
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

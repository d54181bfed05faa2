import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BASELINE_FILE,
  baselineToText,
  ConfigError,
  createBaseline,
  format,
  FORMATS,
  formatGithubSummary,
  jsonReportBytes,
  jsonReportChunks,
  readFactsShard,
  lint,
  reportLinks,
  rules,
  siteInfographics,
  TOOL,
  type Baseline,
  type CacheUse,
  type FactsShard,
  type FormatName,
  type LintReport,
  type ReportInfographic,
  type Site,
  type UserConfig,
} from '@linkworthy/core';
import { embedCommand } from './embed.js';
import { batches, writeReport } from './output.js';
import { isDirectory, parseRuleSettings, parseThreads, repositoryPrefix } from './args.js';
import { extractCommand } from './shard.js';
import { startProgressBar } from './progress.js';

export { renderProgress } from './progress.js';
export { repositoryPrefix } from './args.js';

const DEFAULT_CACHE = '.linkworthy-cache/facts.json';

/** Exit codes: 0 pass, 1 findings over the threshold, 2 usage or configuration error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Folders `linkworthy` lints when none is given, in this order: the usual build outputs. */
export const BUILD_DIRS = ['dist', 'public', '_site', 'site', 'build'] as const;

const FAIL_ON = ['error', 'warn', 'never'] as const;

const HELP = `Usage: linkworthy [dir] [options]
       linkworthy baseline <dir> [--output ${BASELINE_FILE}]
       linkworthy embed <dir> --site <origin> [--name <site name>]   make infographics embeddable
       linkworthy extract <dir> --shard <i/n> --out <facts.json[.gz]>   one shard's facts
       linkworthy merge <facts files>... [options]   analyse the shards: the report of <dir>

Lints a built static site (any generator): broken links and fragments, orphans, click depth,
dead ends, redirects, sitemap and robots consistency, removed URLs and anchors. Without <dir>,
lints the first of ${BUILD_DIRS.map((dir) => `${dir}/`).join(', ')} that exists here.

\`linkworthy baseline <dir>\` records every page URL and fragment id of the build in a small,
sorted file to commit; later runs given --baseline (or the config's \`baseline\`) report the
URLs and ids that disappeared without a redirect (removed-url, removed-fragment).

\`linkworthy extract <dir> --shard i/n --out facts-i.json\` extracts a stable 1/n of the files
(by a hash of the path); \`linkworthy merge facts-*.json\` analyses all n shards with the
options below and reports what \`linkworthy <dir>\` would (\`linkworthy extract --help\`).

Options:
  -f, --format <name>   Output format: ${FORMATS.join(', ')} (default: stylish)
                          github: workflow commands, plus the full list in $GITHUB_STEP_SUMMARY
                          sarif:  SARIF 2.1.0 for GitHub code scanning
                          html:   one self-contained file with tables, histograms and a link graph
                          junit:  one test case per page
  -o, --output <file>   Write the report to a file instead of standard output
                        (baseline: the file to write, default ${BASELINE_FILE})
      --fail-on <level> Exit 1 on: error (default), warn (errors or warnings) or never
      --max-warnings <n>  Also exit 1 when there are more than <n> warnings
      --rule <id=sev>   Set a rule's severity (off, info, warn, error); repeatable
  -q, --quiet           Report errors only
      --baseline <file> Report URLs and ids of this baseline that are gone
      --site <origin>   The deployed origin; absolute links to it count as internal
      --base <path>     The base path the site is served under (e.g. /docs/)
      --sources <dir>   Markdown/MDX sources the pages were built from (repeatable);
                        findings then point at the source file and line
      --cache           Keep extracted facts between runs; unchanged files are not read again
      --threads <n>     Worker threads for reading pages (default: one per core on large sites; 0: none)
      --cache-location <file>  Where the cache lives (default: .linkworthy-cache/facts.json)
  -c, --config <file>   Use this config file instead of <dir>/linkworthy.config.*
      --no-config       Load no config file
      --color, --no-color  Force colours on or off (default: on for a terminal; NO_COLOR is honoured)
  -h, --help            Show this help
  -v, --version         Show the version

Examples:
  linkworthy                                   lint dist/ (or public/, _site/, site/, build/)
  linkworthy public --site https://example.com --base /docs/
  linkworthy dist --format github              annotations and a job summary in GitHub Actions
  linkworthy dist -f sarif -o linkworthy.sarif --fail-on never   for code scanning upload
  linkworthy dist -f html -o report.html       a report to open in a browser
  linkworthy dist --fail-on warn --max-warnings 20 --rule orphan-page=off
  linkworthy site --sources docs               point findings at the Markdown sources
  linkworthy baseline dist                     record URLs and ids, then: --baseline ${BASELINE_FILE}
  linkworthy baseline dist -o ci/baseline.json record them in another file
  linkworthy embed dist --site https://example.com --name "Example Docs"   embeddable infographics
  linkworthy extract dist --shard 2/4 --out facts-2.json.gz   one of 4 shards (a CI matrix job)
  linkworthy merge facts-*.json.gz --format github            the whole site from the 4 shards

Exit codes:
  0  no findings over the threshold (--fail-on, --max-warnings)
  1  findings over the threshold
  2  usage or configuration error

Docs: https://github.com/linkworthy/linkworthy#cli`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a colour terminal. */
  colorTerminal: boolean;
  cwd: string;
  /** Whether standard error is a terminal: then a progress indicator runs there. */
  progressTerminal?: boolean;
  /** The environment (`GITHUB_STEP_SUMMARY`, `GITHUB_WORKSPACE`); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colorTerminal: process.stdout.isTTY && !process.env.NO_COLOR,
  cwd: process.cwd(),
  progressTerminal: process.stderr.isTTY,
  env: process.env,
};

/** Runs the CLI; returns the exit code. Never throws for user errors. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === 'embed') return embedCommand(argv.slice(1), io);
  if (argv[0] === 'extract') return extractCommand(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        output: { type: 'string', short: 'o' },
        site: { type: 'string' },
        base: { type: 'string' },
        sources: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true },
        quiet: { type: 'boolean', short: 'q' },
        config: { type: 'string', short: 'c', default: undefined },
        'no-config': { type: 'boolean' },
        cache: { type: 'boolean' },
        threads: { type: 'string' },
        'cache-location': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const { values } = parsed;
  // `linkworthy baseline <dir>`: the first positional names the command (`./baseline` is a folder).
  const recording = parsed.positionals[0] === 'baseline';
  // `linkworthy merge <facts files>`: the shards of `linkworthy extract` instead of a folder.
  const merging = parsed.positionals[0] === 'merge';
  const positionals = recording || merging ? parsed.positionals.slice(1) : parsed.positionals;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1 && !merging) {
    return usage(
      io,
      `Expected one folder, received ${positionals.length}: ${positionals.join(' ')}.`,
    );
  }
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    return usage(io, `Unknown format \`${values.format}\`; expected one of ${FORMATS.join(', ')}.`);
  }
  const formatName = values.format as FormatName;
  if (!(FAIL_ON as readonly string[]).includes(values['fail-on'])) {
    return usage(io, `\`--fail-on\` takes ${FAIL_ON.join(', ')}, not \`${values['fail-on']}\`.`);
  }
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  const maxWarnings =
    values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    return usage(
      io,
      `\`--max-warnings\` takes a whole number of warnings, not \`${values['max-warnings']!}\`.`,
    );
  }
  const ruleSettings = parseRuleSettings(values.rule);
  if (typeof ruleSettings === 'string') return usage(io, ruleSettings);

  let shards: FactsShard[] | undefined;
  if (merging) {
    if (positionals.length === 0) {
      return usage(io, 'Missing the facts files: `linkworthy merge facts-1.json facts-2.json …`.');
    }
    try {
      shards = await Promise.all(
        positionals.map((file) => readFactsShard(resolve(io.cwd, file), file)),
      );
    } catch (error) {
      if (error instanceof ConfigError) return usage(io, error.message);
      throw error;
    }
  }
  // A baseline is committed: record one only of the folder the user names.
  const folder = merging
    ? '.'
    : (positionals[0] ?? (recording ? undefined : await detectBuildDir(io.cwd)));
  if (folder === undefined) {
    return usage(
      io,
      recording
        ? 'Missing the site folder to record: `linkworthy baseline <dir>`. The baseline is committed and later builds are compared with it, so the folder is never guessed; name the build output, e.g. `linkworthy baseline dist` (a folder named `baseline` is `./baseline`).'
        : `Missing the site folder to lint. None of ${BUILD_DIRS.map((name) => `\`${name}/\``).join(', ')} is here.`,
    );
  }
  const dir = resolve(io.cwd, folder);
  const isFolder = await isDirectory(dir);
  if (!isFolder)
    return usage(io, `\`${folder}\` is not a folder; give the folder of the built site.`);

  const threads = parseThreads(values.threads);
  if (typeof threads === 'string') return usage(io, threads);

  const config: UserConfig = {};
  if (values.site !== undefined) config.site = values.site;
  if (values.base !== undefined) config.base = values.base;
  if (Object.keys(ruleSettings).length > 0) config.rules = ruleSettings;

  let report: LintReport;
  let recorded: Baseline | undefined;
  let links: [number, number][] | undefined;
  let cacheUse: CacheUse | undefined;
  let infographics: ReportInfographic[] = [];
  const progress = startProgressBar(io, folder);
  try {
    report = await lint({
      root: dir,
      outDir: '',
      ...(shards ? { shards } : {}),
      ...(io.progressTerminal ? { onProgress: progress.update } : {}),
      ...(threads === undefined ? {} : { threads }),
      config: recording
        ? { ...config, rules: Object.fromEntries([...rules.keys()].map((id) => [id, 'off'])) }
        : config,
      ...(recording
        ? {
            baseline: false,
            onSite: (site: Site) => {
              recorded = createBaseline(site);
            },
          }
        : {
            ...(values.baseline === undefined
              ? {}
              : { baseline: resolve(io.cwd, values.baseline) }),
            // Only the HTML report reads the site itself: other runs with the cache may then
            // keep the last run's analysis (`onSite` needs a whole site).
            ...(formatName === 'html'
              ? {
                  onSite: (site: Site) => {
                    links = reportLinks(site);
                    infographics = siteInfographics(site);
                  },
                }
              : {}),
          }),
      ...(values.sources ? { sources: values.sources } : {}),
      ...(formatName === 'json' && !recording ? { jsonReport: true } : {}),
      ...(values.config === undefined ? {} : { configFile: resolve(io.cwd, values.config) }),
      ...(values['no-config'] ? { configFile: false } : {}),
      ...(values.cache || values['cache-location'] !== undefined
        ? {
            cache: resolve(io.cwd, values['cache-location'] ?? DEFAULT_CACHE),
            onCacheUse: (use: CacheUse) => {
              cacheUse = use;
            },
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    progress.stop();
  }

  if (recording) {
    const output = resolve(io.cwd, values.output ?? BASELINE_FILE);
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, baselineToText(recorded!));
    const ids = recorded!.entries.reduce((sum, entry) => sum + entry.ids.length, 0);
    io.stderr(
      `linkworthy: recorded ${recorded!.entries.length} URLs and ${ids} fragment ids in ${values.output ?? BASELINE_FILE}\n`,
    );
    return EXIT.ok;
  }

  if (values.quiet) report = errorsOnly(report);
  const env = io.env ?? process.env;
  const pathPrefix =
    shards?.find((shard) => shard.prefix !== undefined)?.prefix ??
    repositoryPrefix(dir, env.GITHUB_WORKSPACE ?? io.cwd);
  const color = values['no-color']
    ? false
    : (values.color ?? (values.output === undefined && io.colorTerminal));
  // JSON comes in pieces: a 100,000-page report is longer than the longest possible string.
  // A file takes them as bytes (joining in scorecard text made ahead); standard output as text
  // in batches of about 1 MB (a write per 100 kB piece, each as a string and as bytes, held 25 %
  // more memory while a pipe drained).
  const text =
    formatName === 'json'
      ? values.output === undefined
        ? jsonReportChunks(report)
        : jsonReportBytes(report)
      : format(report, formatName, {
          color,
          pathPrefix,
          ...(links ? { links } : {}),
          ...(infographics.length ? { infographics } : {}),
        });
  if (values.output !== undefined) {
    const output = resolve(io.cwd, values.output);
    await mkdir(dirname(output), { recursive: true });
    await writeReport(output, text);
    const { errors, warnings } = report.summary;
    io.stderr(
      `linkworthy: wrote ${values.format} report to ${values.output} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})\n`,
    );
  } else {
    for (const batch of batches(text)) io.stdout(batch.toString());
  }
  if (cacheUse) io.stderr(`linkworthy: ${cacheNote(cacheUse)}\n`);
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (formatName === 'github' && summaryFile) {
    await appendFile(summaryFile, formatGithubSummary(report, { pathPrefix }));
  }

  const { errors, warnings } = report.summary;
  let failed = failOn === 'error' ? errors > 0 : failOn === 'warn' ? errors + warnings > 0 : false;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(
      `linkworthy: ${warnings} warnings, more than the ${maxWarnings} allowed by --max-warnings.\n`,
    );
    failed = true;
  }
  return failed ? EXIT.findings : EXIT.ok;
}

/** The first usual build folder that exists in `cwd`. */
async function detectBuildDir(cwd: string): Promise<string | undefined> {
  for (const name of BUILD_DIRS) {
    if (await isDirectory(resolve(cwd, name))) return name;
  }
  return undefined;
}

/** `--quiet`: the report with its errors only, counted again. */
function errorsOnly(report: LintReport): LintReport {
  return {
    ...report,
    summary: { ...report.summary, warnings: 0, infos: 0 },
    findings: report.findings.filter((finding) => finding.severity === 'error'),
  };
}

function usage(io: CliIo, message: string): number {
  io.stderr(`linkworthy: ${message}\nRun \`linkworthy --help\` for usage.\n`);
  return EXIT.usage;
}

/** What a run with `--cache` made of the last run's analysis, in one line. */
function cacheNote(use: CacheUse): string {
  if (use.analysis === 'kept') {
    const changed = use.changed ?? 0;
    if (changed === 0)
      return 'no page changed since the last run (--cache); its analysis was kept.';
    return `${changed} page${changed === 1 ? '' : 's'} changed since the last run (--cache): checked ${changed === 1 ? 'it' : 'them'} again and kept the rest of the analysis.`;
  }
  return `every page was analysed (--cache: ${use.reason ?? 'the last run could not be kept'}).`;
}

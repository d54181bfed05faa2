import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BASELINE_FILE,
  baselineToText,
  ConfigError,
  createBaseline,
  format,
  FORMATS,
  lint,
  rules,
  TOOL,
  type Baseline,
  type FormatName,
  type LintReport,
  type UserConfig,
} from '@linkworthy/core';

const DEFAULT_CACHE = '.linkworthy-cache/facts.json';

/** Exit codes: 0 no errors, 1 errors found, 2 usage or configuration error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const HELP = `Usage: linkworthy <dir> [options]
       linkworthy baseline <dir> [--output ${BASELINE_FILE}]

Lints a built static site (any generator): broken links and fragments, orphans, click depth,
dead ends, redirects, sitemap and robots consistency, removed URLs and anchors.

\`linkworthy baseline <dir>\` records every page URL and fragment id of the build in a small,
sorted file to commit; later runs given --baseline (or the config's \`baseline\`) report the
URLs and ids that disappeared without a redirect (removed-url, removed-fragment).

Options:
  -f, --format <name>   Output format: ${FORMATS.join(', ')} (default: stylish)
  -o, --output <file>   Write the report to a file instead of standard output
                        (baseline: the file to write, default ${BASELINE_FILE})
      --baseline <file> Report URLs and ids of this baseline that are gone
      --site <origin>   The deployed origin; absolute links to it count as internal
      --base <path>     The base path the site is served under (e.g. /docs/)
      --sources <dir>   Markdown/MDX sources the pages were built from (repeatable);
                        findings then point at the source file and line
      --cache           Keep extracted facts between runs; unchanged files are not parsed again
      --threads <n>     Worker threads for reading pages (default: one per core on large sites; 0: none)
      --cache-location <file>  Where the cache lives (default: .linkworthy-cache/facts.json)
  -c, --config <file>   Use this config file instead of <dir>/linkworthy.config.*
      --no-config       Load no config file
      --color, --no-color  Force colours on or off (default: on for a terminal)
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or configuration error.
Docs: https://github.com/linkworthy/linkworthy#cli`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a colour terminal. */
  colorTerminal: boolean;
  cwd: string;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colorTerminal: process.stdout.isTTY && !process.env.NO_COLOR,
  cwd: process.cwd(),
};

/** Runs the CLI; returns the exit code. Never throws for user errors. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
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
  const positionals = recording ? parsed.positionals.slice(1) : parsed.positionals;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    return usage(
      io,
      positionals.length === 0
        ? recording
          ? 'Missing the site folder to record: `linkworthy baseline <dir>` (a folder named `baseline` is `./baseline`).'
          : 'Missing the site folder to lint.'
        : `Expected one folder, received ${positionals.length}: ${positionals.join(' ')}.`,
    );
  }
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    return usage(io, `Unknown format \`${values.format}\`; expected one of ${FORMATS.join(', ')}.`);
  }
  const dir = resolve(io.cwd, positionals[0]!);
  const isFolder = await stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isFolder)
    return usage(io, `\`${positionals[0]!}\` is not a folder; give the folder of the built site.`);

  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0)) {
    return usage(
      io,
      `\`--threads\` takes a whole number of threads (0 for none), not \`${values.threads!}\`.`,
    );
  }

  const config: UserConfig = {};
  if (values.site !== undefined) config.site = values.site;
  if (values.base !== undefined) config.base = values.base;

  let report: LintReport;
  let recorded: Baseline | undefined;
  try {
    report = await lint({
      root: dir,
      outDir: '',
      ...(threads === undefined ? {} : { threads }),
      config: recording
        ? { ...config, rules: Object.fromEntries([...rules.keys()].map((id) => [id, 'off'])) }
        : config,
      ...(recording
        ? {
            baseline: false,
            onSite: (site) => {
              recorded = createBaseline(site);
            },
          }
        : values.baseline === undefined
          ? {}
          : { baseline: resolve(io.cwd, values.baseline) }),
      ...(values.sources ? { sources: values.sources } : {}),
      ...(values.config === undefined ? {} : { configFile: values.config }),
      ...(values['no-config'] ? { configFile: false } : {}),
      ...(values.cache || values['cache-location'] !== undefined
        ? { cache: resolve(io.cwd, values['cache-location'] ?? DEFAULT_CACHE) }
        : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
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

  const color = values['no-color']
    ? false
    : (values.color ?? (values.output === undefined && io.colorTerminal));
  const text = format(report, values.format as FormatName, { color });
  if (values.output !== undefined) {
    const output = resolve(io.cwd, values.output);
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, text);
    const { errors, warnings } = report.summary;
    io.stderr(
      `linkworthy: wrote ${values.format} report to ${values.output} (${errors} errors, ${warnings} warnings)\n`,
    );
  } else {
    io.stdout(text);
  }
  return report.summary.errors > 0 ? EXIT.findings : EXIT.ok;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`linkworthy: ${message}\nRun \`linkworthy --help\` for usage.\n`);
  return EXIT.usage;
}

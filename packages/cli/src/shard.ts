import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  extractShard,
  parseShard,
  writeFactsShard,
  type UserConfig,
} from '@linkworthy/core';
import { isDirectory, parseRuleSettings, parseThreads, repositoryPrefix } from './args.js';

/** The slice of the CLI's io the command uses. */
export interface ShardIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export const EXTRACT_HELP = `Usage: linkworthy extract <dir> --shard <i/n> --out <facts.json[.gz]> [options]
       linkworthy merge <facts files>... [lint options]

Splits the analysis of a large site over machines. \`extract\` reads a deterministic 1/n of the
built site's files (by a stable hash of each path, so every run and machine agrees) and writes
their facts to a file; \`merge\` loads the facts files of all n shards and runs the full site
analysis on them: the report is the one \`linkworthy <dir>\` gives. A name ending in .gz is
gzipped. Give every shard the same config (the config decides what is extracted), and run both
commands with the same linkworthy version.

extract options:
      --shard <i/n>     Which shard to extract, 1 ≤ i ≤ n (required)
      --out <file>      The facts file to write (required)
      --rule <id=sev>   Set a rule's severity, as for the merge (decides whether terms are read)
  -c, --config <file>   Use this config file instead of <dir>/linkworthy.config.*
      --no-config       Load no config file
      --threads <n>     Worker threads for reading pages

merge takes the options of \`linkworthy [dir]\` (--format, --output, --fail-on, --rule, --site,
--base, --baseline, ...); it reads linkworthy.config.* of the current folder (or --config).

Examples:
  linkworthy extract dist --shard 1/4 --out facts-1.json.gz
  linkworthy merge facts-*.json.gz --format github
  linkworthy merge facts-1.json facts-2.json -f json -o report.json`;

/** `linkworthy extract <dir> --shard i/n --out <file>`; returns the exit code (0, or 2 usage). */
export async function extractCommand(argv: readonly string[], io: ShardIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        shard: { type: 'string' },
        out: { type: 'string', short: 'o' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        threads: { type: 'string' },
        site: { type: 'string' },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${EXTRACT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    return usage(
      io,
      positionals.length === 0
        ? 'Missing the site folder: `linkworthy extract <dir> --shard i/n --out <file>`.'
        : `Expected one folder, received ${positionals.length}: ${positionals.join(' ')}.`,
    );
  }
  if (values.shard === undefined) {
    return usage(io, 'Missing `--shard i/n`: which of n shards to extract (e.g. `--shard 1/4`).');
  }
  const shard = parseShard(values.shard);
  if (!shard) {
    return usage(
      io,
      `\`--shard\` takes \`i/n\` with 1 ≤ i ≤ n (e.g. \`2/4\`), not \`${values.shard}\`.`,
    );
  }
  if (values.out === undefined) {
    return usage(io, 'Missing `--out <file>`: the facts file to write (e.g. `facts-1.json.gz`).');
  }
  const threads = parseThreads(values.threads);
  if (typeof threads === 'string') return usage(io, threads);
  const ruleSettings = parseRuleSettings(values.rule);
  if (typeof ruleSettings === 'string') return usage(io, ruleSettings);
  const folder = positionals[0]!;
  const dir = resolve(io.cwd, folder);
  if (!(await isDirectory(dir)))
    return usage(io, `\`${folder}\` is not a folder; give the folder of the built site.`);

  const config: UserConfig = {};
  if (values.site !== undefined) config.site = values.site;
  if (values.base !== undefined) config.base = values.base;
  if (Object.keys(ruleSettings).length > 0) config.rules = ruleSettings;
  const env = io.env ?? process.env;
  try {
    const facts = await extractShard({
      root: dir,
      outDir: '',
      shard,
      prefix: repositoryPrefix(dir, env.GITHUB_WORKSPACE ?? io.cwd),
      config,
      ...(values.config === undefined ? {} : { configFile: resolve(io.cwd, values.config) }),
      ...(values['no-config'] ? { configFile: false as const } : {}),
      ...(threads === undefined ? {} : { threads }),
    });
    const out = resolve(io.cwd, values.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFactsShard(out, facts);
    io.stderr(
      `linkworthy: shard ${shard.index}/${shard.count}: ${facts.pages.length} pages of ${facts.files.length} files → ${values.out}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function usage(io: ShardIo, message: string): number {
  io.stderr(`linkworthy: ${message}\nRun \`linkworthy extract --help\` for usage.\n`);
  return 2;
}

import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

// What the lint command and `extract` read from their flags the same way.

const SEVERITIES = ['off', 'info', 'warn', 'error'] as const;
type Severity = (typeof SEVERITIES)[number];

/**
 * The `--rule <rule-id>=<severity>` flags as a config's `rules`, or the usage error of the first
 * malformed one. Rule ids are checked later, with the config, so a typo gets a did-you-mean.
 */
export function parseRuleSettings(
  settings: readonly string[] | undefined,
): Record<string, Severity> | string {
  const rules: Record<string, Severity> = {};
  for (const setting of settings ?? []) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(setting);
    if (!match || !(SEVERITIES as readonly string[]).includes(match[2]!)) {
      return `\`--rule\` takes \`<rule-id>=<severity>\` with a severity of ${SEVERITIES.join(', ')}, not \`${setting}\`.`;
    }
    rules[match[1]!] = match[2] as Severity;
  }
  return rules;
}

/** `--threads <n>`: the number, undefined when not given, or the usage error. */
export function parseThreads(value: string | undefined): number | undefined | string {
  if (value === undefined) return undefined;
  const threads = Number(value);
  return Number.isInteger(threads) && threads >= 0
    ? threads
    : `\`--threads\` takes a whole number of threads (0 for none), not \`${value}\`.`;
}

export function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

/**
 * The site folder relative to the repository (the GitHub workspace, else the working
 * directory) with `/` separators and a trailing slash, so annotations and SARIF locations
 * name repository files; empty when the folder is the repository or outside it.
 */
export function repositoryPrefix(dir: string, repository: string): string {
  const path = relative(resolve(repository), dir);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return '';
  return `${path.split(sep).join('/')}/`;
}

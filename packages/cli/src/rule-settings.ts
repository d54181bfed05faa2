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

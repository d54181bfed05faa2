export const CONFIG_DOCS_URL =
  'https://github.com/linkworthy/linkworthy/blob/main/docs/configuration.md';

export interface ConfigIssue {
  /** Key path in the configuration (`rules.broken-link[1].ignore`). */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
}

/**
 * A configuration or usage error: never downgraded to a warning. Surfaces print `message`;
 * the CLI exits 2, the Astro integration fails the build at setup.
 */
export class ConfigError extends Error {
  override readonly name = 'LinkworthyConfigError';
  readonly issues: readonly ConfigIssue[];
  readonly origin: string;

  constructor(origin: string, issues: readonly ConfigIssue[]) {
    super(
      [
        `Invalid linkworthy configuration (${origin}):`,
        ...issues.map((issue) => `  ${issue.path ? `${issue.path}: ` : ''}${issue.message}`),
        `See ${CONFIG_DOCS_URL}`,
      ].join('\n'),
    );
    this.origin = origin;
    this.issues = issues;
  }
}

import type { Finding } from '../model/finding.js';

export interface PathOptions {
  /**
   * Prepended to every finding's file: the site root relative to the repository root, with `/`
   * separators and a trailing slash (`site/`), so CI annotations point at repository files.
   */
  pathPrefix?: string;
}

/** The finding's file relative to the repository root, when it has one. */
export function findingPath(finding: Finding, options: PathOptions): string | undefined {
  if (finding.file === undefined) return undefined;
  return `${options.pathPrefix ?? ''}${finding.file}`;
}

// `@linkworthy/core/setup`: what a host needs before any analysis — validating options and
// mapping built files to URLs — without loading the analysis. The Astro integration loads this on
// Astro's thread, where every millisecond is build time, and the analysis on a thread of its own.
export { ConfigError, CONFIG_DOCS_URL, type ConfigIssue } from './config/errors.js';
export { resolveConfig, type ResolvedConfig, type UserConfig } from './config/schema.js';
export { closestMatches } from './util/did-you-mean.js';
export { urlForBuiltFile } from './util/built-url.js';

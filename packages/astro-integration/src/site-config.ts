import type { UserConfig } from '@linkworthy/core';
import type { BuildAnalysisInput } from './build-analysis.js';

/** What Astro's config says about how the site is served, as linkworthy reads it. */
export interface ServedSite {
  site?: string | undefined;
  base: string;
  trailingSlash?: string | undefined;
  redirects?: NonNullable<UserConfig['redirects']> | undefined;
  i18n?: NonNullable<UserConfig['i18n']> | undefined;
}

/**
 * The config keys the integration passes to the core, the same in `astro build` and in the Dev
 * Toolbar: the user's options, then how Astro serves the site, then the embeds' site name.
 */
export function lintConfig(
  options: Pick<UserConfig, 'rules' | 'ignore' | 'baseline'>,
  served: ServedSite,
  siteName?: string,
): UserConfig {
  return {
    ...options,
    base: served.base,
    ...(served.site ? { site: served.site } : {}),
    ...(isTrailingSlash(served.trailingSlash) ? { trailingSlash: served.trailingSlash } : {}),
    ...(served.redirects ? { redirects: served.redirects } : {}),
    ...(served.i18n ? { i18n: served.i18n } : {}),
    ...(siteName === undefined ? {} : { siteName }),
  };
}

export function isTrailingSlash(value: unknown): value is 'always' | 'never' | 'ignore' {
  return value === 'always' || value === 'never' || value === 'ignore';
}

/**
 * The config `lint` gets for a build: the user's options, how Astro serves the site, and the
 * embeds' site name. The analysis thread's prefetch reads it too, to extract pages alike.
 */
export function buildLintConfig(
  input: Pick<BuildAnalysisInput, 'project' | 'config' | 'embeds'>,
): UserConfig {
  return lintConfig(
    input.config,
    input.project,
    input.embeds === false ? undefined : input.embeds.siteName,
  );
}

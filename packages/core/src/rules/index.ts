import type { Rule } from '../model/rule.js';
import brokenFragment from './broken-fragment.js';
import brokenLink from './broken-link.js';
import parseError from './parse-error.js';
import clickDepth from './click-depth.js';
import contentOrphan from './content-orphan.js';
import deadEndPage from './dead-end-page.js';
import nofollowInternalLink from './nofollow-internal-link.js';
import nonDescriptiveAnchor from './non-descriptive-anchor.js';
import orphanPage from './orphan-page.js';
import unreachablePage from './unreachable-page.js';
import linkSuggestion from './link-suggestion.js';
import removedFragment from './removed-fragment.js';
import removedUrl from './removed-url.js';
import redirectedLink from './redirected-link.js';
import notInSitemap from './not-in-sitemap.js';
import sitemapNonIndexable from './sitemap-non-indexable.js';

/** Every rule, by id. A test checks this list against the files in this folder and docs/rules. */
export const rules: ReadonlyMap<string, Rule> = new Map(
  [
    brokenLink,
    brokenFragment,
    parseError,
    orphanPage,
    unreachablePage,
    clickDepth,
    deadEndPage,
    contentOrphan,
    nofollowInternalLink,
    nonDescriptiveAnchor,
    removedUrl,
    removedFragment,
    linkSuggestion,
    redirectedLink,
    notInSitemap,
    sitemapNonIndexable,
  ].map((rule) => [rule.id, rule as unknown as Rule]),
);

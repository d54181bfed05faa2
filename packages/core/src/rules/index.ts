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
import linkability from './linkability.js';
import unsupportedStatistic from './unsupported-statistic.js';
import linkabilityOriginalData from './linkability-original-data.js';
import linkabilityQuotableStatistics from './linkability-quotable-statistics.js';
import linkabilityDepth from './linkability-depth.js';
import linkabilityVisualAssets from './linkability-visual-assets.js';
import linkabilityCitesSources from './linkability-cites-sources.js';
import linkabilityAuthorByline from './linkability-author-byline.js';
import linkabilityDates from './linkability-dates.js';
import linkabilityHeadingCadence from './linkability-heading-cadence.js';
import linkabilityHeadingIds from './linkability-heading-ids.js';
import linkabilityTableOfContents from './linkability-table-of-contents.js';
import linkabilityQuotableSummary from './linkability-quotable-summary.js';
import linkabilityCitationMetadata from './linkability-citation-metadata.js';
import linkabilityDescriptiveTitle from './linkability-descriptive-title.js';
import linkabilityMetaDescription from './linkability-meta-description.js';
import linkabilitySocialCard from './linkability-social-card.js';
import linkabilityDescriptiveAnchors from './linkability-descriptive-anchors.js';
import infographicEmbedAbsoluteUrls from './infographic-embed-absolute-urls.js';
import infographicEmbedLinkTarget from './infographic-embed-link-target.js';
import infographicEmbedAnchor from './infographic-embed-anchor.js';
import infographicEmbedDimensions from './infographic-embed-dimensions.js';
import infographicEmbedPlainHtml from './infographic-embed-plain-html.js';
import infographicAlt from './infographic-alt.js';
import infographicOembedDiscovery from './infographic-oembed-discovery.js';
import infographicImageobject from './infographic-imageobject.js';
import infographicCrawlable from './infographic-crawlable.js';
import infographicEmbedWellFormed from './infographic-embed-well-formed.js';
import infographicEmbedLinkVisible from './infographic-embed-link-visible.js';
import infographicEmbedStableImage from './infographic-embed-stable-image.js';

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
    linkability,
    unsupportedStatistic,
    linkabilityOriginalData,
    linkabilityQuotableStatistics,
    linkabilityDepth,
    linkabilityVisualAssets,
    linkabilityCitesSources,
    linkabilityAuthorByline,
    linkabilityDates,
    linkabilityHeadingCadence,
    linkabilityHeadingIds,
    linkabilityTableOfContents,
    linkabilityQuotableSummary,
    linkabilityCitationMetadata,
    linkabilityDescriptiveTitle,
    linkabilityMetaDescription,
    linkabilitySocialCard,
    linkabilityDescriptiveAnchors,
    infographicEmbedAbsoluteUrls,
    infographicEmbedLinkTarget,
    infographicEmbedAnchor,
    infographicEmbedDimensions,
    infographicEmbedPlainHtml,
    infographicAlt,
    infographicOembedDiscovery,
    infographicImageobject,
    infographicCrawlable,
    infographicEmbedWellFormed,
    infographicEmbedLinkVisible,
    infographicEmbedStableImage,
  ].map((rule) => [rule.id, rule as unknown as Rule]),
);

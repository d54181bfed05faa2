export {
  absoluteHttpsUrl,
  buildEmbed,
  EmbedError,
  embedSlug,
  type EmbedArtifacts,
  type EmbedOptions,
  type Infographic,
} from './infographic.js';
export {
  generateEmbeds,
  type GenerateEmbedsOptions,
  type GenerateEmbedsResult,
  type GeneratedEmbed,
} from './generate.js';
export { imageSize } from './image-size.js';
export { infographicTitleMarker } from './marker.js';
export { embedPaths, pageEmbed, type PageEmbed, type PageEmbedOptions } from './page.js';
export { readEmbedCode } from './read.js';
export { escapeAttribute, escapeText, h, scriptSafeJson, toHtml, type EmbedNode } from './tree.js';

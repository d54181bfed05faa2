/**
 * `@linkworthy/core/markdown`: Markdown and MDX extraction. A separate entry because the
 * unified/micromark stack it loads is most of the core's start-up time, and linting built HTML
 * never needs it.
 */
export {
  extractMarkdown,
  extractMdast,
  formatOfFile,
  type MarkdownExtractOptions,
} from './extract/markdown.js';

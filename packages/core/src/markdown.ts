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
/**
 * remark-mdx, the MDX syntax the extractor reads `.mdx` files with: surfaces (remark-linkworthy)
 * re-export it so an MDX config parses exactly as the core does, with no second copy to install.
 */
export { default as remarkMdx } from 'remark-mdx';

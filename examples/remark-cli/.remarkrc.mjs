import remarkFrontmatter from 'remark-frontmatter';
import remarkLinkworthy from 'remark-linkworthy';

export default {
  plugins: [
    // Parse YAML frontmatter, as the site generator does: without it, `title: …` followed by
    // `---` reads as a heading and shifts every heading id.
    [remarkFrontmatter, ['yaml']],
    // The site root defaults to the folder remark runs in (this one).
    [remarkLinkworthy, { rules: { 'broken-link': 'error', 'broken-fragment': 'error' } }],
  ],
};

// The config for MDX files only, given with `--rc-path` (which replaces the detected
// `.remarkrc.mjs`): `remark . --ext mdx --rc-path .remarkrc.mdx.mjs --frail`. remark-mdx is
// here and not in `.remarkrc.mjs`, because it makes `<!-- comments -->` in `.md` files a syntax
// error.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLinkworthy from 'remark-linkworthy';
import remarkMdx from 'remark-mdx';

export default {
  plugins: [
    remarkMdx,
    [remarkFrontmatter, ['yaml']],
    [remarkLinkworthy, { rules: { 'broken-link': 'error', 'broken-fragment': 'error' } }],
  ],
};

// The unified stack the remark tests drive the plugin with (root devDependencies).
export { remark } from 'remark';
export { default as remarkFrontmatter } from 'remark-frontmatter';
export { unified, type PluggableList } from 'unified';
export { engine, type Context } from 'unified-engine';
export { VFile } from 'vfile';
import type { VFile } from 'vfile';
export type VFileMessage = VFile['messages'][number];

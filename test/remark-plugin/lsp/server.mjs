// The unified language server with remark and remark-linkworthy, as remark-language-server sets
// it up (that package is not on this registry): the editor surface, started by lsp.test.ts.
import { remark } from 'remark';
import { createUnifiedLanguageServer } from 'unified-language-server';
import remarkLinkworthy from '../../../packages/remark-plugin/dist/index.js';

createUnifiedLanguageServer({
  configurationSection: 'remark',
  defaultProcessor: remark,
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  plugins: [remarkLinkworthy],
  processorName: 'remark',
  processorSpecifier: 'remark',
  rcName: '.remarkrc',
});

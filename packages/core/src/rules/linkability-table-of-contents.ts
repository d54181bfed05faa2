import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('table-of-contents', {
  description: 'Report pages of over 1,500 words of prose without a table of contents.',
});

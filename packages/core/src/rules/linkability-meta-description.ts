import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('meta-description', {
  description:
    'Report pages with no meta description, or one outside 120–156 characters or equal to the title.',
});

import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('dates', {
  description:
    'Report pages with no published date, and guides and references last dated over 2 years ago.',
});

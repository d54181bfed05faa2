import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('quotable-summary', {
  description:
    'Report pages with no quotable summary: no TL;DR or key takeaways, no lead that defines the subject.',
});

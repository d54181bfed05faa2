import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('cites-sources', {
  description:
    'Report pages that link to fewer external or primary sources than the linkability target for their length.',
});

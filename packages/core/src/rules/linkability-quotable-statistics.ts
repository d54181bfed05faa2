import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('quotable-statistics', {
  description:
    'Report pages that state fewer sourced figures than the linkability target for their length.',
});

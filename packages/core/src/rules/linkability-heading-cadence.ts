import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('heading-cadence', {
  description: 'Report pages with stretches of over 300 words of text without a heading.',
});

import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('descriptive-title', {
  description:
    'Report pages whose title is generic, too short or too long to say what a reader learns.',
});

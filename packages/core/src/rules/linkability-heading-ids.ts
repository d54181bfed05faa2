import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('heading-ids', {
  description: 'Report pages whose subheadings (h2–h4) lack a unique id that others can link to.',
});

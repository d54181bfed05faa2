import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('descriptive-anchors', {
  description:
    'Report pages whose content links say nothing about their target ("here", "read more", a bare URL).',
});

import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('visual-assets', {
  description:
    'Report pages with fewer content images, or poorer alt texts, than the linkability target for their length.',
});

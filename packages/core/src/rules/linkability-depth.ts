import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('depth', {
  description:
    'Report guides, data studies, essays and news pages with less prose than the depth target of their profile (1,000 words; 600 for news).',
});

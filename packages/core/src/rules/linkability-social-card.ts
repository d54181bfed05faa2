import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('social-card', {
  description:
    'Report built HTML pages without a complete social card: `og:image`, `og:image:alt`, `twitter:card`.',
});

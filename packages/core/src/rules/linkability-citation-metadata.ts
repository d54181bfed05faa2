import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('citation-metadata', {
  description:
    'Report built HTML pages missing metadata that citation tools read: canonical, Open Graph, JSON-LD Article, author, date.',
});

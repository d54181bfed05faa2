import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('author-byline', {
  description: 'Report guides, data studies, essays and news pages that name no author.',
});

import { signalRule } from '../linkability/signal-rule.js';

export default signalRule('original-data', {
  description:
    'Report guides, data studies and news pages that publish no data of their own: no numeric table, no methodology, no downloadable dataset.',
});

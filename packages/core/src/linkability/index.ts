export {
  bandOf,
  DEFAULT_AUTHORITIES,
  isScorable,
  linkabilityOf,
  profileOf,
  scorePage,
  topGains,
  type Band,
  type Linkability,
  type LinkabilityOptions,
  type SignalResult,
} from './score.js';
export { PROFILES, SIGNALS, type Pillar, type Profile, type Signal } from './signals.js';

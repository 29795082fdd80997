// The engine's public API plus the fast lane's counters, for tests that check which way a run took
// (bundled by test/validate/bundle.ts: worker threads need built JavaScript).
export * from '../../../src/validate/index.js';
export { fastLaneCounters } from '../../../src/validate/fastlane.js';

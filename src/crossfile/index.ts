// Public API of the cross-file checks (core: no React, no AWS SDK).
export { crossCheck, THRESHOLDS, type CrossFileInput, type CrossFileReport, type CrossSource, type CrossFinding, type CatalogSummary, type MissingSummary, type Cause } from './check.js';
export { renderCrossFile } from './render.js';
export { fileSource, readReused } from './file-source.js';

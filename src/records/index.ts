// Public API of the record-by-record import (core: no React, no AWS SDK).
export type { RecordsApi, UserRecord, ItemRecord, EventRecord, EventBatch, EventTrackerInfo } from './ports.js';
export { LIMITS, DEFAULT_EVENT_TYPE, SUPPORTED_TYPES, isSupportedType, camelCase, converter, eventBytes, type Converted, type Converter, type SupportedType } from './convert.js';
export { batches, sendBatches, RateLimiter, DEFAULT_RATES, realSleep, type Batch, type Sendable, type RecordResult, type RecordStatus, type SendProgress, type SendOutcome, type Target, type Sleep } from './send.js';
export { ensureTracker, trackerName, groupName, type TrackerChoice } from './tracker.js';
export { readReport, writeReport, pendingLines, mergeReport, countsOf, lineRanges, problemLines, REPORT_KIND, type RecordsReport } from './report.js';
export { importRecords, estimateSeconds, type ImportRecordsOptions, type ImportRecordsResult, type RecordsEvent } from './run.js';
export { SMALL_FILE_RECORDS, offerIndividually, describeDuration, differenceText, influenceText, TRACKER_TEXT, CHOICE_LABEL } from './texts.js';

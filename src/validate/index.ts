// Public API of the validation engine (core: no React, no AWS SDK).
export { validateCsv, resolveDatasetType, RESERVED_EVENT_TYPES, EarlyWorkers, PROBE_BYTES, type CsvSource, type ValidateOptions, type ValidationReport, type ValidationStats } from './engine.js';
export { CODES, type Issue, type IssueCode, type Severity } from './issues.js';
export { parseSchema, schemaFromJson, datasetTypeFromRecordName, parseDatasetType, requiredFields, type SchemaModel, type SchemaField, type FieldType } from './schema.js';
export { judgeForMode } from './modes.js';

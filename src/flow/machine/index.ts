// The headless step machine: steps as data (registry.ts), a driver (drive.ts), the models faces
// render (types.ts). See docs/DEVELOPING.md "Adding a step".
export * from './types.js';
export * from './base.js';
export * from './drive.js';
export * from './registry.js';
export { createRequest, planOf, reviewRows, PERMISSION_CHECKS, suggestProfileName } from './steps-create.js';
export { checkSource, csvChoices, sampleFor } from './steps-file.js';
export { fieldsLine, lastJobLine } from './steps-dataset.js';
export { modeModel, replaceText, roleDefault } from './steps-job.js';
export { NEW_DATASET, NEW_GROUP, createEventLine, createApiOf } from './steps-new.js';
export { fieldEdits, schemaTable, typesFor } from './steps-new-dataset.js';

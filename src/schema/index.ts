// Public API of schema inference (core: no React, no AWS SDK).
export { inferSchema, inferFromStats, keepsColumn, keepPlace, keepToken, keepAmbiguity, BLOCKS_CREATE, FIXED_BY_FIX, guessDatasetType, toAvro, DatasetTypeUnknown, RECORD_NAMES, METADATA_LIMITS, type InferResult, type InferredField, type InferOptions, type InferProblem } from './infer.js';
export { readSample, SAMPLE_BYTES, type Sample } from './sample.js';
export { skippedText } from './explain.js';
export { proposeName, reservedFor } from './names.js';

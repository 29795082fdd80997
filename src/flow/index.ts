// The import flow, shared by the Ink wizard (src/ui/ink), plain mode (src/ui/plain) and the
// `import` command. No React, no SDK: everything talks through src/core/ports.ts.
//
// The step sequence itself (steps as data, one driver, models every face renders) is
// src/flow/machine — see docs/DEVELOPING.md "Adding a step".
//
// How a front end uses it:
//   STEPS / stepInfo(id)           the steps in order, each with its "what this is for" line
//   Answers → completePlan(a)      { plan } or { missing: PlanField[] } (name the flags to pass)
//   datasetDetails(api, dataset)   schema fields (required marked), job history, ModeRules
//   importModeRules(jobs)          hasBulkData, lastActive, options (INCREMENTAL disabled + reason
//                                  when no bulk data), defaultMode (undefined when data exists:
//                                  never a silent FULL); checkMode(rules, mode);
//                                  fullConfirmationMatches(typed, datasetName) for FULL over data
//   suggestJobName / checkJobName / checkRoleArn / parseTags / checkTags
//   s3KeyFor(prefix, file) / dataLocation(bucket, key) / parseCsvSource(text) / planDataLocation
//   runImport(plan, { personalize, s3 }, { signal, onEvent, beforeCreate })
//                                  = uploadCsv (local files; abort → no multipart parts) + createJob;
//                                  events: upload-start, upload-progress (bytes/s, ETA), uploaded,
//                                  creating, created. beforeCreate is where preflight goes.
//   nextSteps(datasetType, mode, replaced)   "what happens next" lines after ACTIVE
export * from './steps.js';
export * from './plan.js';
export * from './mode.js';
export * from './checks.js';
export * from './next.js';
export * from './run.js';
export * from './queries.js';

// THE place a step is added: the import flow, in order. Each face (Ink wizard, plain lines, the
// one-shot `import`) walks this list through drive.ts and draws each step by its kind, so a step
// added here shows up in all of them. Branches are transitions ({ goto }, { end }) a step returns.
import { datasetStep, groupStep } from './steps-dataset.js';
import { csvStep, howStep, validateStep, verdictStep } from './steps-file.js';
import { fixRejectsStep, fixStep } from './steps-fix.js';
import { fixAgainStep } from './steps-fix-again.js';
import { fixNameStep } from './steps-fix-name.js';
import { datesStep } from './steps-dates.js';
import { bucketStep, prefixStep, uploadStep } from './steps-upload.js';
import { confirmFullStep, jobNameStep, metricsStep, modeStep, roleStep, tagsStep } from './steps-job.js';
import { createStep, reviewStep, saveNameStep, saveStep, watchStep } from './steps-create.js';
import { bucketCheckStep, bucketFixApplyStep, bucketFixStep, roleCreateStep, withCreateRole, withIamWait } from './steps-access.js';
import { newGroupConfirmStep, newGroupCreateStep, newGroupDomainStep, newGroupKmsRoleStep, newGroupKmsStep, newGroupNameStep } from './steps-new.js';
import { withExistingDataset } from './steps-new-dataset-taken.js';
import { newDatasetCreateStep, newDatasetFieldEditStep, newDatasetFieldStep, newDatasetInferStep, newDatasetStep, newDatasetTypeStep } from './steps-new-dataset.js';
import { newDatasetNameStep } from './steps-name-columns.js';
import { newDatasetCheckStep } from './steps-new-dataset-check.js';
import { newDatasetEventStep } from './steps-orders.js';
import { newDatasetKeepStep, severalKeepStep, withSeveralKeep } from './steps-keep.js';
import { severalEventStep } from './steps-several-event.js';
import { schemaChangeApplyStep, schemaChangeStep } from './steps-schema-change.js';
import { jobFailedStep } from './steps-failed.js';
import { severalBucketStep, severalCheckStep, severalCreateStep, severalFilesStep, severalJobsStep, severalReviewStep, severalRoleStep, withSeveral } from './steps-several.js';
import { severalFixRejectsStep, severalFixStep, withSeveralFix } from './steps-several-fix.js';
import type { StepDef } from './types.js';

export const IMPORT_FLOW: readonly StepDef[] = [
  groupStep,
  // "＋ New dataset group" (issue #12)
  newGroupNameStep,
  newGroupDomainStep,
  newGroupKmsStep,
  newGroupKmsRoleStep,
  newGroupConfirmStep,
  newGroupCreateStep,
  datasetStep,
  // the CSV step also takes a folder or several files (issue #19): the several-* steps, then the end
  withSeveral(csvStep),
  severalFilesStep,
  // a Domain group's orders file with no event type column: EVENT_TYPE with one value (purchase)
  severalEventStep,
  severalCheckStep,
  severalBucketStep,
  severalRoleStep,
  // the review offers to fix the files with errors (the fixer, as "Fix and continue"), then checks again
  // … and to keep a column a new schema leaves out (steps-keep.ts: --keep's answer), then checks again
  withSeveralKeep(withSeveralFix(severalReviewStep)),
  severalKeepStep,
  severalFixStep,
  severalFixRejectsStep,
  severalCreateStep,
  severalJobsStep,
  // "＋ Create the dataset from my CSV" (issue #12): the schema from the CSV just picked
  newDatasetInferStep,
  // a small local file checked (and fixed on trial) against the schema before the review: would it import?
  newDatasetCheckStep,
  // …whose type the group has already: import into that dataset instead (steps-new-dataset-taken.ts)
  withExistingDataset(newDatasetStep),
  newDatasetTypeStep,
  newDatasetFieldStep,
  newDatasetFieldEditStep,
  newDatasetNameStep,
  newDatasetEventStep,
  newDatasetKeepStep,
  newDatasetCreateStep,
  validateStep,
  // new columns on an Items / Users dataset: UpdateDataset with consent (issue #12)
  schemaChangeStep,
  schemaChangeApplyStep,
  // the copy written before that change, fixed again from the original for the new schema (once)
  fixAgainStep,
  // dates in numbers only (01.11.2026): which comes first, day or month — what the fix reads them with
  datesStep,
  fixStep,
  // the fixer found no column for a required field: which column holds it (then the fix again)
  fixNameStep,
  fixRejectsStep,
  verdictStep,
  howStep,
  bucketStep,
  prefixStep,
  bucketCheckStep,
  bucketFixStep,
  bucketFixApplyStep,
  uploadStep,
  modeStep,
  confirmFullStep,
  jobNameStep,
  withCreateRole(roleStep),
  roleCreateStep,
  tagsStep,
  metricsStep,
  reviewStep,
  withIamWait(createStep),
  watchStep,
  jobFailedStep,
  saveStep,
  saveNameStep,
];

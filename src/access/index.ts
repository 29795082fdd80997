// Access setup, the core: what Personalize still needs to read a data location, and the changes
// that give it (a front end shows plan.checks and plan.changes, asks, then applies):
//   const plan = await planAccess(ports, { bucket, prefix, region, accountId, datasetGroup, roleName | roleArn, createBucket });
//   const { roleArn } = await applyChanges(ports, plan.changes, (event) => …);
//   await withIamPropagationRetry(() => personalize.createImportJob(…), { clock, onRetry });   // a new role needs a few seconds
export { planAccess, type AccessPlan, type AccessTarget, type Change, type PlanCheck } from './plan.js';
export { applyChanges, type ApplyEvent, type ApplyResult } from './apply.js';
export { withIamPropagationRetry, isIamPropagationError } from './retry.js';
export { awsCommand, changeText, changesText, checkLines, visible } from './render.js';
export type { AccessPorts, SetupApi } from './ports.js';

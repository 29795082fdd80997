// Public API of the fixer (core: no React, no AWS SDK). The wizard's "Fix and continue" step:
//   if (isFixable(report, schema)) { const r = await fixFile(source, schema, { output }, onProgress); … r.summary, r.report }
export { fixFile, fixJoinCounters, originalLines } from './file.js';
export { type ChangeCount, type FixOptions, type FixProgress, type FixResult, type FixSummary } from './fix.js';
export { isFixable, fixableIssue, setAsideRows, setAsideOnly, SET_ASIDE } from './fixable.js';
export { planHeader, type HeaderPlan } from './header.js';
export { rejectLines, renderSummary } from './render.js';
export { DATE_ORDERS, readTimestamp, parseDateText, shown, type DateOrder } from './values.js';

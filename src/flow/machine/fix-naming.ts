// What "Which column holds TIMESTAMP?" after "Fix and continue" asks (steps-fix-name.ts): the
// required fields the file's header holds under no name the fixer knows, and the columns no field
// took. Started by the fix (steps-fix.ts doFix) when its problem is such a field; kept on the state.
import { planHeader } from '../../fix/header.js';
import { requiredFields } from '../../validate/fields.js';
import type { ValidationReport } from '../../validate/index.js';
import { pairFindings } from '../../validate/findings.js';
import type { CsvSource } from '../plan.js';
import { headerLineOf } from './header-line.js';
import type { FlowState } from './types.js';

export type Naming = { missing: string[]; columns: string[]; named: Record<string, string> };
export const namingOf = (s: FlowState) => (s as FlowState & { fixNaming?: Naming }).fixNaming;
export const setNaming = (s: FlowState, n: Naming | undefined) => ((s as FlowState & { fixNaming?: Naming }).fixNaming = n);

/**
 * The fields the copy gets that no column of the file holds: EVENT_TYPE with one value (--event-type),
 * and ITEM_ID taken from a JSON column (a Mixpanel export's properties: the fill-down pass appends it,
 * so no value is written for it here — '' only tells the header's plan and the checks of what the fixer
 * repairs that it comes). steps-fix.ts's shapeOf hands the same to the fixer.
 */
export function addedFields(a: { eventType?: string; itemFromJson?: unknown }): Record<string, string> | undefined {
  const add = { ...(a.eventType !== undefined ? { EVENT_TYPE: a.eventType } : {}), ...(a.itemFromJson ? { ITEM_ID: '' } : {}) };
  return Object.keys(add).length ? add : undefined;
}

/** the header's required fields no column holds, and its columns no field took (with the names given so far); a local file only */
export function unnamedInHeader(s: FlowState, original: CsvSource): { missing: string[]; columns: string[] } | undefined {
  const details = s.loaded.details;
  if (!details?.schema || original.kind !== 'local') return undefined;
  const text = headerLineOf(original);
  if (text === undefined) return undefined;
  try {
    // (the columns the fixer adds, a Mixpanel export's ITEM_ID taken out of its JSON too, are not ones to name)
    const plan = planHeader(text, details.schema, { map: s.answers.headerMap, required: requiredFields(details.dataset.datasetType, s.answers.domain), add: addedFields(s.answers) });
    const columns = [...plan.keptUnknown, ...plan.dropped].filter((c) => c.trim() !== '');
    return plan.missing.length && columns.length ? { missing: plan.missing, columns } : undefined;
  } catch {
    return undefined;
  }
}

/** starts the questions when a column could hold a field the header lacks (false: the fix ends as before) */
export function startNaming(s: FlowState, original: CsvSource): boolean {
  const u = unnamedInHeader(s, original);
  if (!u) return false;
  setNaming(s, { ...u, named: {} });
  return true;
}

/** the next field to ask, and the columns not named yet */
export function nextToName(n: Naming): { field?: string; left: string[] } {
  const taken = new Set(Object.values(n.named));
  return { field: n.missing.find((f) => !taken.has(f)), left: n.columns.filter((c) => !(c in n.named)) };
}

/**
 * The validator's own guesses at a missing field's column (the finding "the header has no USER_ID
 * column" paired with "column Customer Number is not in the schema": validate/findings.ts pairFindings),
 * field → column. The fix offers to ask for those fields (they are the default answers), never renames
 * by them unasked.
 */
export function suggestedColumns(report: ValidationReport | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!report) return out;
  for (const { error, related } of pairFindings(report.errors, report.warnings).pairs) {
    const column = related[0]?.warning.column;
    if (error.code === 'HEADER_MISSING_COLUMN' && error.column && column) out[error.column] = column;
  }
  return out;
}

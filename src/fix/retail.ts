// What an order export asks of the row fixer beyond the schema (src/validate/returns.ts reads the
// same): IDs written as 13085.0 written as 13085 (FixOptions.idDecimals, the copy's ID_DECIMAL
// columns: fixFile fixes again with them), and returns and cancellations set aside
// (FixOptions.dropReturns: a negative quantity, an invoice C…).
import type { ValidationReport } from '../validate/types.js';
import { isInvoiceColumn, isQuantityColumn } from '../validate/returns.js';

/** the RowFixer options for a header: per output column 1 to drop `.0`; the quantity and invoice columns of the input */
export function retailOptions(plan: { inNames: string[]; outNames: string[] }, opts: { idDecimals?: string[]; dropReturns?: boolean }): { dotZero?: number[]; returns?: { q: number; c: number } } {
  const out: { dotZero?: number[]; returns?: { q: number; c: number } } = {};
  if (opts.idDecimals?.length) out.dotZero = plan.outNames.map((n) => (opts.idDecimals!.includes(n) ? 1 : 0));
  if (opts.dropReturns) {
    const q = plan.inNames.findIndex(isQuantityColumn);
    const c = plan.inNames.findIndex(isInvoiceColumn);
    if (q >= 0 || c >= 0) out.returns = { q, c };
  }
  return out;
}

/** the columns of a fixed copy whose every ID is written as 13085.0 (its ID_DECIMAL warnings) */
export function idDecimalColumns(report: ValidationReport | undefined): string[] {
  return [...new Set((report?.warnings ?? []).filter((w) => w.code === 'ID_DECIMAL' && w.column).map((w) => w.column!))];
}

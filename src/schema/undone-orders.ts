// An order export given one event in every row (EVENT_TYPE added, e.g. purchase): the orders in it
// that were never bought or were undone count as that event too, and the user is told which.
// Two ways an export says so: a status column (WooCommerce's Order Status, Shopify's Financial
// Status, Salesforce Commerce Cloud's Status: UNDONE_STATUS), and a column of the time an order was
// cancelled (Shopify's "Cancelled at", cancelled_at), filled only for those orders.
import { withCommas } from '../core/with-commas.js';
import { UNDONE_STATUS } from '../validate/returns.js';
import type { ColumnStats } from './columns.js';
import { printable } from './printable.js';
import type { InferProblem } from './types.js';

/** a status column: Status, Order Status, Financial Status, payment_status */
const isStatusColumn = (name: string): boolean => /(^|[^a-z])status$/i.test(name.trim());

/** a column of when an order was cancelled: Cancelled at, Canceled At, cancelled_at, cancel_date */
export function isCancelledAtColumn(name: string): boolean {
  return /^cancel(l?ed)?[ _-]?(at|on|date|time)$/i.test(name.trim());
}

/** ORDERS_NOT_BOUGHT warnings for the file's columns, with EVENT_TYPE `event` in every row */
export function undoneOrders(header: string[], stats: ColumnStats[], event: string, sample: { rows: number; truncated: boolean }): InferProblem[] {
  const problems: InferProblem[] = [];
  const every = `with EVENT_TYPE ${JSON.stringify(printable(event))} in every row they count as that event too`;
  header.forEach((column, i) => {
    if (isStatusColumn(column)) {
      const undone = [...stats[i].distinct].filter((v) => UNDONE_STATUS.test(v.trim()));
      if (undone.length) problems.push({ severity: 'warning', code: 'ORDERS_NOT_BOUGHT', column, message: `Column ${column} holds orders that were not, or are no longer, bought (${undone.map((v) => printable(v)).join(', ')}): ${every}. Export the orders of the statuses you mean (completed, processing) if they should not.` });
    } else if (isCancelledAtColumn(column) && stats[i].nonEmpty > 0) {
      const n = stats[i].nonEmpty;
      problems.push({ severity: 'warning', code: 'ORDERS_NOT_BOUGHT', column, message: `Column ${column} has a time in ${withCommas(n)} of ${withCommas(sample.rows)} ${sample.truncated ? 'sampled ' : ''}rows: orders cancelled after they were placed; ${every}. Export the orders that were not cancelled if they should not.` });
    }
  });
  return problems;
}

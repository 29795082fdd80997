// The size of one import job's data, checked before anything is uploaded.
//
// "1 GB" / "100 GB" (the service's limits for INCREMENTAL / FULL, PERSONALIZE-FACTS.md) are taken
// as binary gigabytes: 1 GB = 2³⁰ = 1,073,741,824 bytes. Every message that refuses a size gives
// the exact byte counts, so a file just over the limit never reads "1.0 GB is over 1 GB".
import { AppError } from './errors.js';
import type { ImportMode } from './resources.js';
import { withCommas } from './with-commas.js';

export const GB = 2 ** 30;
export const IMPORT_LIMIT_BYTES: Record<ImportMode, number> = { FULL: 100 * GB, INCREMENTAL: GB };

function bytes(n: number): string {
  return `${withCommas(n)} bytes`;
}

/** "2.00 GB" with enough digits that a size over a limit never prints as the limit */
export function formatGb(n: number, limit?: number): string {
  for (let digits = 2; digits <= 9; digits++) {
    const s = (n / GB).toFixed(digits);
    if (limit === undefined || n <= limit || Number(s) * GB > limit || s !== (limit / GB).toFixed(digits)) return `${s} GB`;
  }
  return `${(n / GB).toFixed(9)} GB`;
}

/** undefined within the limit; else the sentence saying so, with exact bytes */
export function sizeLimitMessage(n: number, mode: ImportMode, what = 'The data'): string | undefined {
  const limit = IMPORT_LIMIT_BYTES[mode];
  if (n <= limit) return undefined;
  return `${what} is ${formatGb(n, limit)} (${bytes(n)}); one ${mode} import job takes at most ${mode === 'FULL' ? '100 GB' : '1 GB'} (${bytes(limit)}; 1 GB = 2³⁰ bytes).`;
}

/** Throws (exit 1) when `n` bytes are over `mode`'s limit: before the upload, never after. */
export function checkImportSize(n: number, mode: ImportMode, what: string): void {
  const msg = sizeLimitMessage(n, mode, what);
  if (!msg) return;
  throw new AppError('limit', `${msg} Nothing was uploaded.`, {
    hint: mode === 'INCREMENTAL' ? 'Split it into files of at most 1 GB (one INCREMENTAL job each), or import it with --mode full.' : 'Split it into several imports of at most 100 GB (the first FULL, then INCREMENTAL).',
  });
}

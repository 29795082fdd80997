// Records whose count of values differs from the header's, seen while the schema is inferred: the
// schema can still be made from the header, but those rows would make the import fail, so the
// inference says so before anything is created — how many, the first line of each kind, and, when
// the extra value is a run of digits right after another (12,50), that a decimal comma split a
// number in two. Core module.
import type { InferProblem } from './types.js';
import { decimalCommaSplit } from '../validate/decimal-comma.js';
import { withCommas } from '../core/with-commas.js';


export class RowWidths {
  private wide = 0;
  private narrow = 0;
  private firstWide?: { line: number; values: number };
  private firstNarrow?: { line: number; values: number };
  /** per column: wide rows with exactly one extra value where that column and the next are digits */
  private splitAt = new Map<number, number>();
  private splitExample?: { line: number; column: number; whole: string; fraction: string };

  add(row: string[], columns: number, line: number): void {
    if (row.length > columns) {
      this.wide++;
      this.firstWide ??= { line, values: row.length };
      if (row.length === columns + 1) {
        // the validator's rule for its COLUMN_COUNT message
        const c = decimalCommaSplit(row);
        if (c >= 0) {
          this.splitAt.set(c, (this.splitAt.get(c) ?? 0) + 1);
          this.splitExample ??= { line, column: c, whole: row[c].trim(), fraction: row[c + 1].trim() };
        }
      }
    } else {
      this.narrow++;
      this.firstNarrow ??= { line, values: row.length };
    }
  }

  problems(header: string[], rows: number, separator: string): InferProblem[] {
    const out: InferProblem[] = [];
    const share = (n: number) => (n * 100 < rows ? '<1 %' : `${Math.round((n * 100) / rows)} %`);
    const sep = separator === '\t' ? 'tab' : `"${separator}"`;
    const aside = '“Fix and continue” (personalize-import fix --rejects FILE) sets such rows aside, asking first, when they are under half the file.';
    if (this.wide && this.firstWide) {
      // one column split the same way in most of them: a decimal comma (12,50) in a comma-separated file
      const [col, n] = [...this.splitAt].sort((a, b) => b[1] - a[1])[0] ?? [-1, 0];
      const decimal = separator === ',' && col >= 0 && n * 10 >= this.wide * 9 && this.splitExample;
      const why = decimal
        ? ` In ${n === this.wide ? 'all of them' : `${n} of them`} column ${header[col]} looks split in two by a decimal comma (line ${this.splitExample!.line}: ${this.splitExample!.whole},${this.splitExample!.fraction}, likely ${this.splitExample!.whole}.${this.splitExample!.fraction}): write decimals with a point, quote those values ("${this.splitExample!.whole},${this.splitExample!.fraction}") or export with ";" between values.`
        : ` A value with an unquoted ${sep} in it is split in two: quote such values ("a${separator === '\t' ? ' ' : separator}b"), or export with another separator.`;
      out.push({ severity: 'error', code: 'COLUMN_COUNT', message: `${withCommas(this.wide)} of ${withCommas(rows)} records (${share(this.wide)}) have more values than the header's ${header.length} columns (first: line ${this.firstWide.line}, ${this.firstWide.values} values); Personalize rejects such rows.${why} ${aside}` });
    }
    if (this.narrow && this.firstNarrow) {
      out.push({ severity: 'error', code: 'COLUMN_COUNT', message: `${withCommas(this.narrow)} of ${withCommas(rows)} records (${share(this.narrow)}) have fewer values than the header's ${header.length} columns (first: line ${this.firstNarrow.line}, ${this.firstNarrow.values} value${this.firstNarrow.values === 1 ? '' : 's'}); Personalize rejects such rows. Check for a missing ${sep}, or a line break inside a value that is not quoted. ${aside}` });
    }
    return out;
  }
}

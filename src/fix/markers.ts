// Missing-value markers (NULL, n/a, N/A …: the set is src/validate/markers.ts) in a typed field
// (a number, a boolean, a timestamp): written empty where the field allows null — what the export
// meant, and what Personalize reads as a missing value — and counted per column for the summary
// ("PRICE: 122 missing-value markers (NULL, n/a, N/A) written empty"). In a field that needs a
// value the row is set aside, its reason naming the marker. Only the general path meets them: the
// one-pass path (rows.ts) and the fast lane (wasm/rewrite.ts) take no marker as a number, boolean or
// date, so they hand such a line over and go on with the next.
import { markerAt, spelled } from '../validate/markers.js';
import { text } from './bytes.js';

export { markerAt };

/** a ChangeCount (fix.ts) of kind 'missing-marker': one column's markers (its shape here: fix.ts imports this file) */
export interface MarkerChange {
  kind: 'missing-marker';
  label: string;
  column: string;
  spellings: Record<string, number>;
  rows: number;
  values: number;
  example?: { line: number; column: string; before: string; after: string };
}

export class MarkerCounts {
  /** per output column: markers written empty */
  private readonly counts: Float64Array;
  private readonly spellings: Map<string, number>[];
  private readonly examples: ({ line: number; before: string } | undefined)[];
  /** the markers of the row being fixed (column, spelling), counted once the row is written */
  private readonly pending: { k: number; line: number; v: string }[] = [];

  constructor(readonly names: readonly string[]) {
    this.counts = new Float64Array(names.length);
    this.spellings = names.map(() => new Map());
    this.examples = names.map(() => undefined);
  }

  /** a marker b[s..e) in output column k of line `line`, written empty (counted if the row is written) */
  add(k: number, line: number, b: Uint8Array, s: number, e: number): void {
    this.pending.push({ k, line, v: text(b, s, e) });
  }

  /** the row ended: written (its markers count) or set aside (they do not) */
  end(written: boolean): void {
    if (this.pending.length === 0) return;
    if (written) {
      for (const { k, line, v } of this.pending) {
        this.counts[k]++;
        const m = this.spellings[k];
        const n = m.get(v);
        if (n !== undefined) m.set(v, n + 1);
        else if (m.size < 8) m.set(v, 1);
        this.examples[k] ??= { line, before: v };
      }
    }
    this.pending.length = 0;
  }

  /** why a row whose field `k` needs a value is set aside */
  reason(k: number, b: Uint8Array, s: number, e: number): string {
    return `${this.names[k]} ${JSON.stringify(text(b, s, e))} is a missing-value marker, and the schema needs a value`;
  }

  /** the summary's changes: one a column with markers written empty */
  changes(): MarkerChange[] {
    const out: MarkerChange[] = [];
    this.names.forEach((column, k) => {
      const n = this.counts[k];
      const ex = this.examples[k];
      if (n > 0) out.push({ kind: 'missing-marker', label: markersLabel(this.spellings[k]), column, spellings: Object.fromEntries(this.spellings[k]), rows: n, values: n, ...(ex ? { example: { line: ex.line, column, before: ex.before, after: '' } } : {}) });
    });
    return out;
  }
}

/** "missing-value markers (NULL, n/a, N/A) written empty": the spellings most frequent first (at most 4) */
export function markersLabel(spellings: ReadonlyMap<string, number> | Record<string, number>): string {
  const all = (spellings instanceof Map ? [...spellings.entries()] : Object.entries(spellings)).sort((a, b) => b[1] - a[1]).map(([v]) => spelled(v));
  return `missing-value markers (${all.slice(0, 4).join(', ')}${all.length > 4 ? ', …' : ''}) written empty`;
}

// The ID format detectors: for an interaction's ID that the catalog (items or users file) does not
// hold, the spellings it may have there — another case, a prefix added, dropped or replaced, leading
// zeros dropped or added. Each is looked up in the catalog's set; the kind that finds the most is
// named as the likely cause, with the interactions it would recover.
//
// What a catalog's IDs look like is learned while it is read (`CatalogShape`): its most frequent
// prefixes (letters then a separator: `sku-`, `item_`) and the widths of its zero-padded numbers
// (`00123` → 5), so "add a prefix" and "pad with zeros" know what to add.

export type VariantKind = 'case' | 'prefix' | 'leading-zeros';

/** letters, then one separator */
const PREFIX = /^([A-Za-z]+[-_:.#/])(.+)$/;
/** an optional non-digit head, then zeros, then the rest of the number */
const ZEROS = /^(\D*?)(0+)(\d+)$/;
const TAIL = /^(\D*?)(\d+)$/;

const MAX_KEPT = 64;

/** what a catalog's IDs look like: the frequent prefixes and zero-padded widths */
export class CatalogShape {
  private readonly prefixes = new Map<string, number>();
  private readonly widths = new Map<number, number>();
  private lastPrefix = '';
  private lastLen = -1;

  /** one catalog ID, as bytes [s, e) of b (ASCII only is looked at) */
  add(b: Uint8Array, s: number, e: number): void {
    // prefix: ASCII letters then a separator
    let i = s;
    while (i < e && ((b[i] | 32) >= 97 && (b[i] | 32) <= 122)) i++;
    if (i > s && i < e - 1 && (b[i] === 45 || b[i] === 95 || b[i] === 58 || b[i] === 46 || b[i] === 35 || b[i] === 47)) {
      const len = i + 1 - s;
      let p = this.lastPrefix;
      if (len !== this.lastLen || !same(b, s, p)) {
        p = String.fromCharCode(...b.subarray(s, s + len));
        this.lastPrefix = p;
        this.lastLen = len;
      }
      bump(this.prefixes, p);
    }
    // zero-padded number at the end: its width
    let j = e;
    while (j > s && b[j - 1] >= 48 && b[j - 1] <= 57) j--;
    if (e - j > 1 && b[j] === 48) bump(this.widths, e - j);
  }

  /** the prefixes, most frequent first (at most 8) */
  topPrefixes(): string[] {
    return [...this.prefixes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([p]) => p);
  }

  /** the zero-padded widths, most frequent first (at most 4) */
  topWidths(): number[] {
    return [...this.widths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([w]) => w);
  }
}

function same(b: Uint8Array, s: number, p: string): boolean {
  for (let k = 0; k < p.length; k++) if (b[s + k] !== p.charCodeAt(k)) return false;
  return true;
}

function bump<K>(m: Map<K, number>, k: K): void {
  const n = m.get(k);
  if (n !== undefined) m.set(k, n + 1);
  else if (m.size < MAX_KEPT) m.set(k, 1);
}

export interface Variant {
  kind: VariantKind;
  /** the ID as the catalog may spell it */
  id: string;
  /** what was done, for the message: "lower-cased", "prefix sku- added" … */
  how: string;
}

/** the spellings of `id` to look up in a catalog shaped `shape` (each differs from id) */
export function variantsOf(id: string, prefixes: string[], widths: number[]): Variant[] {
  const out: Variant[] = [];
  const push = (kind: VariantKind, v: string, how: string) => {
    if (v !== id && v.length > 0 && !out.some((o) => o.kind === kind && o.id === v)) out.push({ kind, id: v, how });
  };
  const lower = id.toLowerCase();
  const upper = id.toUpperCase();
  push('case', lower, 'in lower case');
  push('case', upper, 'in upper case');
  const m = PREFIX.exec(id);
  if (m) {
    push('prefix', m[2], `without the prefix ${m[1]}`);
    for (const p of prefixes) if (p.toLowerCase() !== m[1].toLowerCase()) push('prefix', p + m[2], `with the prefix ${p} instead of ${m[1]}`);
  }
  for (const p of prefixes) if (!id.toLowerCase().startsWith(p.toLowerCase())) push('prefix', p + id, `with the prefix ${p}`);
  const z = ZEROS.exec(id);
  if (z) push('leading-zeros', z[1] + z[3], 'without leading zeros');
  const t = TAIL.exec(id);
  if (t) for (const w of widths) if (t[2].length < w) push('leading-zeros', t[1] + t[2].padStart(w, '0'), `padded with zeros to ${w} digits`);
  return out;
}

// EVENT_TYPE values written again (rows.ts calls it for the EVENT_TYPE column). In a Domain group a
// value that is one of the domain's event types but for letter case (view, VIEW → View) is written
// as the developer guide spells it — the recommenders count `View`, not `view`
// (src/validate/domain-events.ts warns DOMAIN_EVENT_TYPES); other names only when asked
// (`--event-names transaction=Purchase`: FixOptions.eventNames, exact match). fixFile knows a file
// needs the case rule from the copy's event types, then fixes again (as for retail.ts's ID_DECIMAL):
// the fast lane's output lines are patched in place (patch: the same length); names asked turn the
// lane off for the file. The one-pass JS path hands such a line to the general path.
import type { DatasetType, Domain } from '../core/resources.js';
import { DOMAIN_EVENTS } from '../validate/domain-events.js';
import type { ValidationReport } from '../validate/types.js';
import { C_EVCASE, C_EVNAME } from './labels.js';

/** what RowFixer rewrites in EVENT_TYPE: `names` old → new (exact), and the case-only respelling of `domain`'s event types */
export interface Respell {
  names: Record<string, string>;
  domain?: Domain;
}

/** the domain's spelling of `v` when `v` is one of its event types written in another letter case; else undefined */
export function caseOnly(v: string, domain: Domain | undefined): string | undefined {
  if (!domain) return undefined;
  const l = v.toLowerCase();
  return DOMAIN_EVENTS[domain].find((d) => d.type !== v && d.type.toLowerCase() === l)?.type;
}

/**
 * What fixFile asks of the rows before the first pass: the names asked for (with the domain's case
 * rule beside them), or — for a source read only once (a stream) — the case rule alone, since no
 * second pass can follow. Undefined: nothing from the start.
 */
export function respellFirst(opts: { eventNames?: Record<string, string>; domain?: Domain; respell?: Respell }, datasetType: DatasetType, once: boolean): Respell | undefined {
  if (opts.respell) return opts.respell;
  const domain = datasetType === 'INTERACTIONS' ? opts.domain : undefined;
  const names = opts.eventNames ?? {};
  if (Object.keys(names).length > 0 || (once && domain)) return { names, ...(domain ? { domain } : {}) };
  return undefined;
}

/**
 * After the first pass: the copy's event types (its validation counts them) name one of a Domain
 * group's types in another case — the file is fixed again with the case rule (the lane off for it).
 * A file without such a value pays nothing.
 */
export function respellAfter(report: ValidationReport, opts: { domain?: Domain; respell?: Respell }, datasetType: DatasetType): Respell | undefined {
  if (opts.respell || datasetType !== 'INTERACTIONS' || !opts.domain) return undefined;
  const types = report.stats.eventTypes ?? [];
  return types.some((t) => caseOnly(t.name, opts.domain) !== undefined) ? { names: {}, domain: opts.domain } : undefined;
}

/** RowFixer's side: per EVENT_TYPE value, whether it is written again and as what */
export class EventRespeller {
  /** the output column of EVENT_TYPE */
  readonly col: number;
  private readonly from: Uint8Array[];
  private readonly to: Uint8Array[];
  private readonly kinds: number[];
  /** the domain's types, lower-cased bytes, and their spelling */
  private readonly lower: Uint8Array[];
  private readonly spelled: Uint8Array[];

  private constructor(col: number, r: Respell) {
    this.col = col;
    const named = Object.entries(r.names);
    this.from = named.map(([k]) => Buffer.from(k, 'utf8'));
    this.to = named.map(([, v]) => Buffer.from(v, 'utf8'));
    this.kinds = named.map(() => C_EVNAME);
    const types = r.domain ? DOMAIN_EVENTS[r.domain].map((d) => d.type) : [];
    this.lower = types.map((t) => Buffer.from(t.toLowerCase(), 'latin1'));
    this.spelled = types.map((t) => Buffer.from(t, 'latin1'));
  }

  /** for a plan whose output has EVENT_TYPE from a column of the file; else undefined */
  static for(plan: { outNames: string[]; from: number[] }, r: Respell | undefined): EventRespeller | undefined {
    if (!r || (Object.keys(r.names).length === 0 && !r.domain)) return undefined;
    const col = plan.outNames.indexOf('EVENT_TYPE');
    return col >= 0 && plan.from[col] >= 0 ? new EventRespeller(col, r) : undefined;
  }

  /** b[s..e) (the value's content) is written again: its replacement's index (write, kind); -1: as it is */
  at(b: Uint8Array, s: number, e: number): number {
    const n = e - s;
    const from = this.from;
    for (let j = 0; j < from.length; j++) if (from[j].length === n && same(from[j], b, s)) return j;
    const lower = this.lower;
    for (let j = 0; j < lower.length; j++) {
      const l = lower[j];
      if (l.length !== n) continue;
      let k = 0;
      // ASCII letters only: | 0x20 lower-cases a letter, and the types are letters
      while (k < n && (b[s + k] | 0x20) === l[k]) k++;
      if (k === n && !same(this.spelled[j], b, s)) return from.length + j;
    }
    return -1;
  }

  /** names asked for (their length may differ): the fast lane is off for the file */
  get named(): boolean {
    return this.from.length > 0;
  }

  /**
   * The fast lane's output lines o[s..e) (ours: bare or simply quoted values, each line ending in LF
   * or CR LF; `line` the first one's input line): the case rule's values rewritten in place (the same
   * length) and counted as the general path counts them. Only without names asked (`named`).
   */
  patch(o: Uint8Array, s: number, e: number, line: number, tally: { values: Float64Array; rows: Float64Array; examples: ({ line: number; column: string; before: string; after: string } | undefined)[] }): void {
    const col = this.col;
    // (Buffer's indexOf: memchr)
    const bo = Buffer.from(o.buffer, o.byteOffset, e);
    for (let i = s; i < e; line++) {
      // to the start of the EVENT_TYPE value: past `col` values (a quoted one to its closing quote)
      for (let c = 0; c < col; c++) i = (o[i] === 34 ? bo.indexOf(34, i + 1) + 1 : bo.indexOf(44, i)) + 1;
      const q = o[i] === 34 ? 1 : 0;
      const vs = i + q;
      let ve = vs;
      if (q) ve = bo.indexOf(34, vs);
      else while (ve < e && o[ve] !== 44 && o[ve] !== 10 && o[ve] !== 13) ve++;
      const j = this.at(o, vs, ve);
      if (j >= 0) {
        const before = Buffer.from(o.subarray(vs, ve)).toString('utf8');
        o.set(this.spelled[j - this.from.length], vs);
        tally.values[C_EVCASE]++;
        tally.rows[C_EVCASE]++;
        tally.examples[C_EVCASE] ??= { line, column: 'EVENT_TYPE', before, after: Buffer.from(o.subarray(vs, ve)).toString('utf8') };
      }
      i = bo.indexOf(10, ve) + 1;
      if (i === 0) break;
    }
  }

  /** the change kind of replacement j (labels.ts) */
  kind(j: number): number {
    return j < this.kinds.length ? this.kinds[j] : C_EVCASE;
  }

  /** writes replacement j at o[p..] (in quotes when `quoted`); returns the end */
  write(j: number, quoted: boolean, o: Uint8Array, p: number): number {
    const v = j < this.to.length ? this.to[j] : this.spelled[j - this.to.length];
    if (quoted) o[p++] = 34;
    this.valueAt = p;
    o.set(v, p);
    p += v.length;
    this.valueEnd = p;
    if (quoted) o[p++] = 34;
    return p;
  }

  /** where the last write() put the value (its quotes outside) */
  valueAt = 0;
  valueEnd = 0;
}

function same(x: Uint8Array, b: Uint8Array, s: number): boolean {
  for (let k = 0; k < x.length; k++) if (x[k] !== b[s + k]) return false;
  return true;
}

// The fixer's hot path: one record line in (UTF-8 bytes, any of , ; tab |, Personalize's backslash
// quoting or RFC 4180's doubled quotes), the fixed record out in Personalize's dialect, or the reason
// it cannot be fixed without guessing. Byte-level, no allocation for a line that needs nothing
// unusual: values are copied, timestamps converted and written as digits in place.
import { F_ESC, F_QUOTED, chars, copy, hasSpecial, isSecondsMagnitude, isSpace, quoteShown, rewrite, text, trimEnd, writeAscii, writeInt } from './bytes.js';
import { addedValues, K_BOOL, K_CAT, K_FLOAT, K_ID, K_INT, K_LONG, K_STR, K_TEXT, K_TS, type HeaderPlan } from './header.js';
import { CATEGORICAL_MAX, ID_MAX } from '../validate/values.js';
import { F_BAD_QUOTE as F_BAREQUOTE, F_DOUBLED } from '../csv/tokenizer.js';
import { excelSerial, groupedThousands, shown, isExactBoolean, isFloat, isInteger, readBoolean, readDate, timeRead, unreadDate, type DateOrder } from './values.js';
import type { FixLane } from './lane.js';
import { MinuteCache } from './minute.js';
import { FloatFixer, NOT_A_NUMBER, columnMarks, type NumberFirsts } from './floats.js';
import { MARK_COMMA } from '../validate/decimal-comma.js';
import type { OutBuffer } from './out-buffer.js';
import { LineValues } from './split.js';
import { CHANGES, C_BAREQUOTE, C_BOOL, C_CURRENCY, C_DATE, C_DECIMAL, C_DOUBLED, C_FRACTION, C_IDDEC, C_REQUOTED, C_SERIAL, C_THOUSANDS, C_TRIM, C_UNIT, C_UNITWORD } from './labels.js';
import { isCancelledInvoice, isDotZero, isNegative } from '../validate/returns.js';
import { retailOptions } from './retail.js';
import { EventRespeller, type Respell } from './event-names.js';
import { MarkerCounts, markerAt } from './markers.js';

const QUOTE = 34;
const COMMA = 44;
const STOP_END = 1;
const STOP_BACK = 2;
const LANE_STEP = 64 << 10; // output bytes a call of the fast lane writes at most (then the JS side calls it again)

export { CHANGES, type ValueChange } from './labels.js';

export class RowFixer {
  /** the values of the line split last (split.ts) */
  private readonly vals: LineValues;
  /** per output column: the value range after unquoting (s..e of the content) */
  readonly values = new Float64Array(CHANGES.length);
  readonly rows = new Float64Array(CHANGES.length);
  readonly examples: ({ line: number; column: string; before: string; after: string } | undefined)[] = CHANGES.map(() => undefined);
  /** dates read as UTC because they named no zone */
  assumedUtc = 0;
  assumedUtcExample: { line: number; column: string; before: string; after: string } | undefined;
  private rowMask = 0;
  private readonly sep: number;
  readonly floats: FloatFixer; // (its firsts: per column, the first currency symbol and unit: fix.ts reads them)
  readonly nIn: number;
  private readonly from: Int32Array;
  private readonly kinds: Int32Array;
  private readonly nullable: Uint8Array;
  private readonly names: string[];
  private readonly inNames: string[];
  /** an order export (Lineitem …, Order …): an empty USER_ID is a guest checkout, and the reason says so */
  private readonly orders: boolean;
  /** a WooCommerce order export: its guests' Customer User ID 0 arrives emptied (fill-down.ts) */
  private readonly wooGuests: boolean;
  /** a WooCommerce products export: a variable product's own row has no price */
  private readonly wooProducts: boolean;
  private readonly added: ReturnType<typeof addedValues>; // per output column: a column added with one value (from -1)
  readonly markers: MarkerCounts; // missing-value markers written empty, per column (markers.ts)
  /** the separator changes: every value is written again */
  private readonly resep: boolean;
  /** quoted values read as RFC 4180 (a backslash a plain character, quotes doubled): ; tab | files come from Excel or pandas, which never escape with a backslash; comma files as the validator reads them (backslash escapes, doubled quotes accepted) */
  private readonly rfc: boolean;
  /** per output column: 1 when its IDs written as 13085.0 are written 13085 (every value is: the copy's ID_DECIMAL) */
  private readonly dotZero: Uint8Array;
  private readonly serial: Uint8Array; // per output column: 1 when its values are Excel serial dates, whole days too (the copy's TIMESTAMP_SERIAL)
  /** rows that are returns (input column q negative) or cancellations (column c C…) are set aside (-1: no such column) */
  private readonly returns: { q: number; c: number } | undefined;
  /** EVENT_TYPE values written again (event-names.ts): the lane's lines patched in place (the case rule), or the lane off (names asked); the one-pass path hands such a line back */
  private readonly events: EventRespeller | undefined;
  /** the one-pass path applies: the columns kept in their order */
  readonly straight: boolean;
  /** day and month in numbers are read in this order (fix --dates); without it they are rejected */
  private readonly dates: DateOrder | undefined;

  /**
   * `onePass: false` turns the one-pass path off (tests hold it to the general path); `decimal`: the file's decimal
   * mark (--decimal), else `decimalProof`: per output column, 1 when its values prove a decimal comma (decimal-proof.ts)
   */
  constructor(plan: HeaderPlan, opts: { onePass?: boolean; dates?: DateOrder; decimal?: 'comma' | 'point'; decimalProof?: ArrayLike<number>; idDecimals?: string[]; serialDates?: string[]; dropReturns?: boolean; respell?: Respell; numberFirsts?: NumberFirsts } = {}) {
    this.dates = opts.dates;
    this.events = EventRespeller.for(plan, opts.respell);
    const retail = retailOptions(plan, opts);
    this.dotZero = Uint8Array.from(retail.dotZero ?? []);
    this.serial = Uint8Array.from(plan.outNames.map((n) => (opts.serialDates?.includes(n) ? 1 : 0)));
    this.returns = retail.returns;
    this.sep = plan.sep;
    const marks = columnMarks(plan.outNames.length, plan.sep === 59, opts.decimal, opts.decimalProof);
    this.floats = new FloatFixer(marks, { semicolon: plan.sep === 59, given: Boolean(opts.decimal), firsts: opts.numberFirsts });
    // 1.234 where the comma is the decimal mark is not taken as it is (floats.ts)
    this.pointStops = marks.map((m) => (m === MARK_COMMA ? 1 : 0));
    this.nIn = plan.inNames.length;
    this.from = Int32Array.from(plan.from);
    this.kinds = Int32Array.from(plan.kinds);
    this.nullable = Uint8Array.from(plan.nullable.map((x) => (x ? 1 : 0)));
    this.names = plan.outNames;
    this.inNames = plan.inNames;
    this.orders = plan.inNames.some((c) => /lineitem|^order|bestell/i.test(c.replace(/[^A-Za-z]/g, '')));
    this.wooGuests = plan.inNames.some((c) => c.trim().toLowerCase() === 'customer user id');
    this.wooProducts = ['parent', 'regular price'].every((n) => plan.inNames.some((c) => c.trim().toLowerCase() === n));
    this.added = addedValues(plan);
    this.markers = new MarkerCounts(plan.outNames);
    this.resep = plan.sep !== COMMA;
    this.rfc = this.resep;
    this.vals = new LineValues(plan.sep, this.rfc, plan.inNames, this.nIn);
    // (13085.0 written as 13085, returns set aside: the general path's, value by value)
    this.straight = plan.identity && opts.onePass !== false && !this.dotZero.includes(1) && !this.serial.includes(1) && !this.returns;
    this.stops = new Uint8Array(256);
    this.stops[QUOTE] = STOP_BACK;
    this.stops[COMMA] = STOP_BACK;
    this.stops[this.sep] = STOP_END;
    this.stops[10] = STOP_END;
  }

  /** upper bound of the bytes `fix` writes for a line of `len` bytes */
  room = (len: number): number => 2 * len + 8 * this.from.length + 16 + this.added.total;

  /** Fixes b[s..e) (no line end) into out; returns undefined, or why the line cannot be fixed (out then left as it was). `line`: the original line number, for the examples. */
  fix(b: Uint8Array, s: number, e: number, out: OutBuffer, line: number): string | undefined {
    if (this.straight && this.fastLine(b, s, e, out, line) >= 0) return undefined;
    this.rowValues.fill(0);
    const utc = this.assumedUtc;
    const why = this.fixRow(b, s, e, out, line);
    this.markers.end(why === undefined);
    // (nor its dates read as UTC)
    if (why !== undefined && this.assumedUtc !== utc) {
      this.assumedUtc = utc;
      if (this.assumedUtcExample?.line === line) this.assumedUtcExample = undefined;
    }
    // a row set aside changed nothing: its values are not counted, nor its example shown
    const m = why === undefined ? 0 : this.rowMask;
    for (let c = 0; m !== 0 && c < CHANGES.length; c++) {
      if (!(m & (1 << c))) continue;
      this.values[c] -= this.rowValues[c];
      if (this.examples[c]?.line === line) this.examples[c] = undefined;
    }
    return why;
  }

  private readonly rowValues = new Float64Array(CHANGES.length);

  private fixRow(b: Uint8Array, s: number, e: number, out: OutBuffer, line: number): string | undefined {
    const n = this.split(b, s, e);
    if (n < 0) return this.vals.broken;
    if (n !== this.nIn) return `${n} value${n === 1 ? '' : 's'}, but the header has ${this.nIn} columns`;
    const { starts, ends, flags } = this.vals;
    const r = this.returns;
    if (r && ((r.q >= 0 && isNegative(b, starts[r.q], ends[r.q])) || (r.c >= 0 && isCancelledInvoice(b, starts[r.c], ends[r.c])))) {
      const x = r.q >= 0 && isNegative(b, starts[r.q], ends[r.q]) ? r.q : r.c;
      return x === r.q ? `a return (${this.inNames[x]} negative), not a purchase: set aside as asked` : `a cancellation (${this.inNames[x]} starting with C), not a purchase: set aside as asked`;
    }
    const from = this.from;
    const kinds = this.kinds;
    const o = out.buf;
    const start = out.pos;
    let p = start;
    this.rowMask = 0;
    for (let k = 0; k < from.length; k++) {
      if (k > 0) o[p++] = COMMA;
      const i = from[k];
      if (i < 0 && (p = copy(this.added.bytes[k]!, 0, this.added.bytes[k]!.length, o, p)) >= 0) continue;
      let vs = starts[i];
      let ve = ends[i];
      const f = flags[i];
      const kind = kinds[k];
      if (kind !== K_STR && kind !== K_CAT && kind !== K_TEXT) {
        // IDs and numbers: surrounding spaces and tabs removed
        const ts = vs;
        const te = ve;
        while (vs < ve && (b[vs] === 32 || b[vs] === 9)) vs++;
        ve = trimEnd(b, vs, ve, (f & F_ESC) !== 0 && !this.rfc);
        if (vs !== ts || ve !== te) this.note(C_TRIM, line, k, b, ts, te, b, vs, ve);
      }
      if (vs === ve) {
        if (this.nullable[k] === 0) {
          out.pos = start;
          const why = this.orders && this.names[k] === 'USER_ID' ? ` (an order without a customer account: a guest checkout${this.wooGuests ? ', Customer User ID 0' : ''})` : this.wooProducts && this.names[k] === 'PRICE' ? " (a WooCommerce variable product's own row has none: its variations have the prices)" : '';
          // (an ID of spaces only, "   ", trimmed: blank — Personalize would have taken the spaces for an ID)
          return `${this.names[k]} is ${vs === starts[i] && ve === ends[i] ? 'empty' : 'blank (only spaces)'}${why}, and the schema needs a value`;
        }
        if (f & F_QUOTED && !this.resep) {
          o[p++] = QUOTE;
          o[p++] = QUOTE;
        }
        continue;
      }
      // NULL, n/a … in a typed field (markers.ts): written empty where the field allows null, else the row set aside
      if (kind >= K_INT && kind <= K_BOOL && ve - vs <= 4 && markerAt(b, vs, ve)) {
        if (this.nullable[k] === 0) return ((out.pos = start), this.markers.reason(k, b, vs, ve));
        this.markers.add(k, line, b, vs, ve);
        continue;
      }
      const ev = k === this.events?.col ? this.events.at(b, vs, ve) : -1;
      if (ev >= 0 && (p = this.events!.write(ev, (f & F_QUOTED) !== 0 && !this.resep, o, p)) >= 0) {
        this.note(this.events!.kind(ev), line, k, b, vs, ve, o, this.events!.valueAt, this.events!.valueEnd);
        continue;
      }
      switch (kind) {
        case K_ID:
          if (ve - vs > ID_MAX && chars(b, vs, ve, f) > ID_MAX) {
            out.pos = start;
            return `${this.names[k]} is ${chars(b, vs, ve, f)} characters; Personalize allows at most ${ID_MAX}`;
          }
          if (this.dotZero[k] && isDotZero(b, vs, ve)) {
            const q = p;
            let d = vs;
            while (b[d] !== 46) d++;
            p = copy(b, vs, d, o, p);
            this.note(C_IDDEC, line, k, b, vs, ve, o, q, p);
            continue;
          }
          break;
        case K_CAT:
          if (ve - vs > CATEGORICAL_MAX && chars(b, vs, ve, f) > CATEGORICAL_MAX) {
            out.pos = start;
            return `${this.names[k]} is ${chars(b, vs, ve, f)} characters; a categorical value may have at most ${CATEGORICAL_MAX}`;
          }
          break;
        case K_INT:
        case K_LONG:
        case K_FLOAT: {
          // a decimal comma, thousands separators, a currency symbol, a unit: written without (floats.ts)
          const int32 = kind === K_INT;
          if (kind !== K_FLOAT && isInteger(b, vs, ve, int32) && !(f & (F_ESC | F_DOUBLED))) break;
          const q = f & (F_ESC | F_DOUBLED) ? NOT_A_NUMBER : kind === K_FLOAT ? this.floats.fix(k, b, vs, ve, false, o, p) : this.floats.whole(k, b, vs, ve, int32, o, p);
          if (q < 0) {
            out.pos = start;
            return `${this.names[k]} ${quoteShown(b, vs, ve)} ${kind !== K_FLOAT && q === NOT_A_NUMBER ? `is not a whole number${int32 ? ' (int)' : ''}` : this.floats.reason(k, q, int32)}`;
          }
          if (q === p) break;
          const fk = this.floats.kind;
          this.note(fk === 'currency' ? C_CURRENCY : fk === 'thousands' ? C_THOUSANDS : fk === 'unit' ? C_UNITWORD : C_DECIMAL, line, k, b, vs, ve, o, p, q);
          p = q;
          continue;
        }
        case K_BOOL:
          if (!isExactBoolean(b, vs, ve)) {
            const v = f & (F_ESC | F_DOUBLED) ? -1 : readBoolean(b, vs, ve);
            if (v < 0) {
              out.pos = start;
              return `${this.names[k]} ${quoteShown(b, vs, ve)} is not a boolean (true or false)`;
            }
            const q = p;
            p = writeAscii(o, p, v ? 'true' : 'false');
            this.note(C_BOOL, line, k, b, vs, ve, o, q, p);
            continue;
          }
          break;
        case K_TS: {
          // a column of a spreadsheet's dates (the copy's TIMESTAMP_SERIAL): 45000 too is a day, not seconds in 1970
          const serial = this.serial[k] && !(f & (F_ESC | F_DOUBLED)) ? excelSerial(b, vs, ve) : NaN;
          if (serial !== serial && isSecondsMagnitude(b, vs, ve) && isInteger(b, vs, ve, false)) break;
          if (f & (F_ESC | F_DOUBLED)) {
            out.pos = start;
            return `${this.names[k]} ${quoteShown(b, vs, ve)} is not a timestamp`;
          }
          const seconds = serial === serial ? serial : readDate(b, vs, ve, this.dates);
          if (seconds !== seconds) {
            out.pos = start;
            return `${this.names[k]} ${quoteShown(b, vs, ve)} ${unreadDate(text(b, vs, ve), this.dates)}`;
          }
          const q = p;
          p = writeInt(o, p, seconds);
          const t = timeRead;
          const c = serial === serial || t.kind === 'serial' ? C_SERIAL : t.kind === 'date' ? C_DATE : t.kind === 'fraction' ? C_FRACTION : C_UNIT;
          this.note(c, line, k, b, vs, ve, o, q, p);
          if (serial === serial || t.assumedUtc) {
            this.assumedUtc++;
            if (!this.assumedUtcExample) this.assumedUtcExample = { line, column: this.names[k], before: text(b, vs, ve), after: text(o, q, p) };
          }
          continue;
        }
      }
      // the value as it is; written again only when its quoting must change
      if (f & (F_DOUBLED | F_BAREQUOTE) || (this.resep && (f & F_QUOTED || hasSpecial(b, vs, ve)))) {
        const q = p;
        p = rewrite(b, vs, ve, this.rfc ? f & ~F_ESC : f, o, p);
        if (f & F_DOUBLED) this.note(C_DOUBLED, line, k, b, starts[i] - 1, ends[i] + 1, o, q, p);
        else if (f & F_BAREQUOTE) this.note(C_BAREQUOTE, line, k, b, starts[i], ends[i], o, q, p);
        else if (!(f & F_QUOTED)) this.note(C_REQUOTED, line, k, b, vs, ve, o, q, p);
      } else if (f & F_QUOTED) {
        // copied with its quotes (a value quoted in the input stays quoted; its escapes are already ours)
        o[p++] = QUOTE;
        p = copy(b, vs, ve, o, p);
        o[p++] = QUOTE;
      } else {
        p = copy(b, vs, ve, o, p);
      }
    }
    out.pos = p;
    const m = this.rowMask;
    if (m !== 0) for (let c = 0; c < CHANGES.length; c++) if (m & (1 << c)) this.rows[c]++;
    return undefined;
  }

  /**
   * Lines b[s..limit) fixed by the one-pass path, one after another, until one it cannot take (a
   * blank line, a quote, a value to check more closely, a line over `maxLine` bytes, no newline
   * before `limit`) or `out` reaches `outLimit`. Each line taken ends in LF or CR LF (written as
   * read). Returns where it stopped; `taken` says how many lines. Only for `straight` plans and
   * UTF-8 input; the caller counts the lines (rows, written, line numbers).
   */
  block(b: Uint8Array, s: number, limit: number, out: OutBuffer, line: number, outLimit: number, maxLine: number): number {
    let i = s;
    let taken = 0;
    const slack = 4 * this.nIn + 16;
    // the fast lane (WebAssembly) when the block is in its memory; each line it stops at is tried here
    const lane = this.lane?.holds(b) ? this.lane : undefined;
    while (i < limit && out.pos < outLimit) {
      if (lane) {
        // 64 KiB of output a call: V8 runs the module's first calls unoptimized (Liftoff) and
        // swaps in optimized code between calls, so many short calls reach it sooner than a few long ones
        const step = Math.min(outLimit - out.pos, LANE_STEP);
        const before = out.pos;
        const k = lane.take(i, limit, step, maxLine, out, this);
        if (k > 0 && this.events) this.events.patch(out.buf, before, out.pos, line + taken, this);
        if (k > 0) {
          taken += k;
          i = lane.stop();
          if (i >= limit || out.pos >= outLimit) break;
          // it stopped for room, not at a line of its own: again
          if (out.pos - before >= step) continue;
        }
      }
      const c = b[i];
      // a blank line stays the general path's (it is kept as it is, not read as one empty value)
      if (c === 10 || (c === 13 && i + 1 < limit && b[i + 1] === 10)) break;
      // room for the line whatever its length: no value grows by more than 3 bytes
      if (out.pos + (limit - i) + slack > out.buf.length) break;
      const lf = this.fastLine(b, i, limit, out, line + taken, maxLine, true);
      if (lf < 0) break;
      taken++;
      i = lf + 1;
    }
    this.taken = taken;
    return i;
  }

  /** the fast lane, when it takes this file's columns (useLane) */
  private lane: FixLane | undefined;

  /** lines of blocks in `lane`'s work buffer go through it first (a file with its columns in order) */
  useLane(lane: FixLane | null | undefined): void {
    // (the lane reads 1.234 as it is but in a ;-file: not for a file with a column whose decimal mark is a comma)
    if (lane && this.straight && !this.events?.named && (this.sep === 59 || !this.pointStops.includes(1)) && lane.configure(this.kinds, this.nullable, this.sep)) this.lane = lane;
  }

  /** numbers that read two ways (1,234) where no decimal mark was known (floats.ts) */
  get twoWays(): number {
    return this.floats.unknownMark;
  }

  /** lines the last block() took */
  taken = 0;

  /**
   * The common line in one pass: no quotes, the columns in their order, every value fine as it is
   * but for timestamps to convert (and, in a file separated by ; tab or |, no comma in a value).
   * Scans and copies at once, the separator written as a comma. The line is b[s..limit), or up to
   * the first LF in it (a CR before that LF is the line end's, written back by the caller). Returns
   * where the line ends (limit, or the LF), or -1 (out untouched, nothing counted): the general path
   * finds the same result or the reason to reject it.
   */
  private fastLine(b: Uint8Array, s: number, limit: number, out: OutBuffer, line: number, maxLine = Infinity, needLf = false): number {
    const o = out.buf;
    const start = out.pos;
    const kinds = this.kinds;
    const nullable = this.nullable;
    const n = this.nIn;
    const sep = this.sep;
    const stops = this.stops;
    let p = start;
    let i = s;
    let mask = 0;
    let dates = 0;
    let units = 0;
    let fractions = 0;
    let utc = 0;
    let cr = false;
    let pending: { c: number; utc: boolean; ex: NonNullable<RowFixer['assumedUtcExample']> }[] | undefined;
    for (let k = 0; k < n; k++) {
      if (k > 0) {
        if (i >= limit || b[i] !== sep) return -1;
        o[p++] = COMMA;
        i++;
      }
      const vs = i;
      const q = p;
      // scan and copy up to the separator or the newline; a quote (or a comma in a ; tab | file)
      // hands the line back (one table look-up a byte: `stops`)
      for (; i < limit; i++) {
        const c = b[i];
        const x = stops[c];
        if (x !== 0) {
          if (x === STOP_BACK) return -1;
          break;
        }
        o[p++] = c;
      }
      let ve = i;
      if (k === n - 1 && i < limit && b[i] === 10 && ve > vs && b[ve - 1] === 13) {
        // CR LF: the CR is the line end's, not the last value's
        ve--;
        p--;
        cr = true;
      }
      if (vs === ve) {
        if (nullable[k] === 0) return -1;
        continue;
      }
      if (k === this.events?.col && this.events.at(b, vs, ve) >= 0) return -1;
      switch (kinds[k]) {
        case K_STR:
        case K_TEXT:
          break;
        case K_ID:
          if (ve - vs > ID_MAX || isSpace(b[vs]) || isSpace(b[ve - 1])) return -1;
          break;
        case K_CAT:
          if (ve - vs > CATEGORICAL_MAX) return -1;
          break;
        case K_INT:
        case K_LONG:
          if (!isInteger(b, vs, ve, kinds[k] === K_INT)) return -1;
          break;
        case K_FLOAT:
          if (!isFloat(b, vs, ve) || (this.pointStops[k] && groupedThousands(b, vs, ve))) return -1;
          break;
        case K_BOOL:
          if (!isExactBoolean(b, vs, ve)) return -1;
          break;
        case K_TS: {
          if (isSecondsMagnitude(b, vs, ve) && isInteger(b, vs, ve, false)) break;
          if (isSpace(b[vs]) || isSpace(b[ve - 1])) return -1;
          // 2020-09-13T12:26:40Z in the minute of the last such date: its seconds plus these
          const ss = ve - vs === 20 ? this.minute.seconds(b, vs) : -1;
          if (ss >= 0) {
            p = writeInt(o, q, this.minute.start + ss);
            mask |= 1 << C_DATE;
            dates++;
            break;
          }
          const seconds = readDate(b, vs, ve, this.dates);
          if (seconds !== seconds || timeRead.kind === 'serial') return -1; // (a spreadsheet's date: the general path's, which counts and shows it)
          p = writeInt(o, q, seconds);
          const t = timeRead;
          const c = t.kind === 'date' ? C_DATE : t.kind === 'fraction' ? C_FRACTION : C_UNIT;
          if (c === C_DATE && !t.assumedUtc && ve - vs === 20) this.minute.remember(b, vs, seconds);
          // counted once the whole line is through (else the general path counts it)
          mask |= 1 << c;
          if (c === C_DATE) dates++;
          else if (c === C_UNIT) units++;
          else fractions++;
          if (t.assumedUtc) utc++;
          if (this.examples[c] === undefined || (t.assumedUtc && !this.assumedUtcExample)) {
            (pending ??= []).push({ c, utc: t.assumedUtc, ex: { line, column: this.names[k], before: text(b, vs, ve), after: text(o, q, p) } });
          }
          break;
        }
      }
    }
    // more values than columns; or (block) no line end before limit
    if (i < limit ? b[i] !== 10 : needLf) return -1;
    if ((cr ? i - 1 : i) - s > maxLine) return -1;
    // a failed line may have counted a timestamp: only lines that finish here count
    if (cr) o[p++] = 13;
    if (i < limit) o[p++] = 10;
    out.pos = p;
    if (mask !== 0) {
      for (let c = 0; c < CHANGES.length; c++) if (mask & (1 << c)) this.rows[c]++;
      this.values[C_DATE] += dates;
      this.values[C_UNIT] += units;
      this.values[C_FRACTION] += fractions;
      this.assumedUtc += utc;
      if (pending) {
        for (const x of pending) {
          if (this.examples[x.c] === undefined) this.examples[x.c] = x.ex;
          if (x.utc && !this.assumedUtcExample) this.assumedUtcExample = x.ex;
        }
      }
    }
    return i;
  }

  /** the minute of the last ISO date read (minute.ts) */
  private readonly minute = new MinuteCache();

  /** per output column: 1 when its decimal mark is a comma (1.234 is not kept as it is) */
  private readonly pointStops: Uint8Array;

  private readonly stops: Uint8Array; // per byte for the one-pass path: 0 a value's byte, STOP_END the separator or LF, STOP_BACK a quote (or a comma when the separator is not one)

  /** splits the line at the separator into content ranges; -1 (reason in `broken`) for broken quoting */
  split = (b: Uint8Array, s: number, e: number): number => this.vals.split(b, s, e);

  private note(c: number, line: number, k: number, b1: Uint8Array, s1: number, e1: number, b2: Uint8Array, s2: number, e2: number): void {
    this.values[c]++;
    this.rowValues[c]++;
    this.rowMask |= 1 << c;
    if (this.examples[c] === undefined) this.examples[c] = { line, column: this.names[k], before: text(b1, s1, e1), after: text(b2, s2, e2) };
  }
}


// fixFile: the streaming repair. Reads the input once (decoded to UTF-8), rewrites the header and
// every record (src/fix/rows.ts) into a temporary file beside the output, sets aside the rows that
// cannot be fixed without guessing, validates what was written with the validation engine, and only
// then gives the output its name. Core: no React, no AWS SDK.
import { isUtf8 } from 'node:buffer';
import { writeSync } from 'node:fs';
import { rm, type FileHandle } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
// (not validate/index.js: see file.ts)
import { requiredFields, type SchemaModel } from '../validate/fields.js';
import type { CsvSource } from '../validate/types.js';
import { fromWindows1252, utf8Chunks, type Sniffed } from './decode.js';
import { RowSet } from './dedupe.js';
import { planHeader, type HeaderPlan } from './header.js';
import { onlySeparators, quoted, text } from './bytes.js';
import { OutBuffer } from './out-buffer.js';
import { create, readFileChunks } from './files.js';
import { CHANGES, RowFixer } from './rows.js';
import { FixLane } from './lane.js';
import { columnShown, droppedText, KEPT_FLAGS, shown } from './values.js';
import { LABELS, labelOf } from './labels.js';
import { Joins, NO_JOIN, joined, leavesOpen, span } from './multiline.js';
import { withCommas } from '../core/with-commas.js';
import type { ChangeCount, FixOptions, FixProgress, FixResult, FixSummary, PartOptions, PartResult } from './fix-types.js';

export type { ChangeCount, FixOptions, FixProgress, FixResult, FixSummary, PartOptions, PartResult } from './fix-types.js';

const [WORK, MAX_LINE, FLUSH] = [2 << 20, 1 << 20, 1 << 20];

/** the header line a plan writes, without its line end (b[s..e) is the input's header line) */
export function headerOut(b: Uint8Array, s: number, e: number, plan: HeaderPlan & { quoted: boolean }): Uint8Array {
  const same = plan.identity && plan.sep === 44 && !plan.quoted && plan.renames.length === 0;
  return same ? b.subarray(s, e) : Buffer.from(plan.outNames.join(','), 'utf8');
}

/**
 * Fixes `input` into `opts.tmp` (and rejects into `opts.tmpRejects`); no validation, no renaming.
 * On an error the files are removed.
 */
export async function fixPart(input: CsvSource, schema: SchemaModel, opts: PartOptions, onProgress?: FixProgress): Promise<PartResult> {
  const datasetType = opts.datasetType ?? schema.inferredDatasetType ?? 'INTERACTIONS';
  const required = requiredFields(datasetType, opts.domain);
  const maxListed = opts.maxListed ?? 100;
  const { tmp, tmpRejects } = opts;
  const found: { sniffed?: Sniffed; crOnly?: boolean } = {};
  // a local file is read straight into one reused buffer (the chunks are copied before the next read)
  const raw = input.stream ?? (input.path ? readFileChunks(input.path) : await input.open!());
  let bytesRead = 0;
  const counted = (async function* () {
    for await (const c of raw) {
      bytesRead += c.length;
      yield c;
    }
  })();

  let outFile: FileHandle | undefined;
  let rejFile: FileHandle | undefined;
  // the fast lane (WebAssembly) reads the input where the work buffer is: in its memory
  // (lines go through it in blocks, which a duplicate check does not take), and writes the output
  // where the output buffer is: in its memory too (an OutBuffer written to the file as it is)
  const lane = opts.dropDuplicates ? null : FixLane.create(WORK, FLUSH, FLUSH + MAX_LINE * 3);
  let out = lane?.outBuffer() ?? new OutBuffer(FLUSH + MAX_LINE * 3);
  const rej = new OutBuffer(1 << 16);
  let plan: (HeaderPlan & { quoted: boolean }) | undefined;
  let fixer: RowFixer | undefined;
  const dedupe = opts.dropDuplicates ? new RowSet() : undefined;
  let lineNo = 0;
  let [rows, written, duplicates, emptyRows, blankLines] = [0, 0, 0, 0, 0];
  let dupExample: ChangeCount['example'];
  let cp1252 = 0;
  let cp1252Example: ChangeCount['example'];
  let crLines = 0;
  let headerText = '';
  const listed: { line: number; reason: string }[] = [];
  let rejected = 0;
  /** original line numbers of rows not written (rejects, duplicates), ascending */
  let dropped = new Int32Array(1024);
  let nDropped = 0;
  const drop = (line: number) => {
    if (nDropped === dropped.length) {
      const d = new Int32Array(dropped.length * 2);
      d.set(dropped);
      dropped = d;
    }
    dropped[nDropped++] = line;
  };
  let problem: string | undefined;

  const reject = (line: number, reason: string, b: Uint8Array, s: number, e: number) => {
    rejected++;
    drop(line);
    if (listed.length < maxListed) listed.push({ line, reason });
    if (tmpRejects) {
      rej.ensure(3 * (e - s) + reason.length * 3 + 32);
      let p = rej.pos;
      const o = rej.buf;
      p += Buffer.from(o.buffer, o.byteOffset).write(`${line},`, p, 'utf8');
      p = quoted(Buffer.from(reason, 'utf8'), 0, Buffer.byteLength(reason), o, p);
      o[p++] = 44;
      p = quoted(b, s, e, o, p);
      o[p++] = 10;
      rej.pos = p;
    }
  };

  const header = (b: Uint8Array, s: number, e: number, eol: string) => {
    headerText = text(b, s, e);
    plan = planHeader(headerText, schema, { map: opts.map, dropUnknown: opts.dropUnknown, leaveOut: opts.leaveOut, required, add: opts.add });
    if (plan.missing.length) {
      problem = `The header has no column for ${plan.missing.join(', ')} (it has ${plan.inNames.map((n) => shown(n, 40)).join(', ')}).`;
      return;
    }
    fixer = new RowFixer(plan, { dates: opts.dates, decimal: opts.decimal, decimalProof: opts.decimalProof, idDecimals: opts.idDecimals, serialDates: opts.serialDates, dropReturns: opts.dropReturns, respell: opts.respell, numberFirsts: opts.numberFirsts });
    fixer.useLane(lane);
    if (opts.noHeader) return;
    const t = headerOut(b, s, e, plan);
    out.ensure(t.length + 2);
    out.buf.set(t, out.pos);
    out.pos += t.length;
    writeEol(eol);
  };

  const writeEol = (eol: string) => {
    if (eol === '\n') out.buf[out.pos++] = 10;
    else if (eol === '\r\n') {
      out.buf[out.pos++] = 13;
      out.buf[out.pos++] = 10;
    }
  };

  const record = (b: Uint8Array, s: number, e: number, eol: string, utf8Ok: boolean) => {
    // a blank line, a row of separators only (Excel's ;;;;): no data, left out of the copy (nothing is lost)
    if (s === e) return void (blankLines++, drop(lineNo));
    rows++;
    const aside = opts.setAside?.(lineNo);
    if (aside !== undefined) return reject(lineNo, aside, b, s, e);
    if (e - s > MAX_LINE) return reject(lineNo, `the line is over 1 MiB`, b, s, Math.min(e, s + 200));
    if (!utf8Ok && !isUtf8(b.subarray(s, e))) {
      const converted = fromWindows1252(b, s, e);
      if (!converted) return reject(lineNo, 'bytes that are neither UTF-8 nor Windows-1252 text', b, s, e);
      cp1252++;
      if (!cp1252Example) cp1252Example = { line: lineNo, before: shown(Buffer.from(b.subarray(s, e)).toString('latin1'), 50), after: shown(converted.toString('utf8'), 50) };
      b = converted;
      s = 0;
      e = converted.length;
    }
    out.ensure(fixer!.room(e - s) + 2);
    const start = out.pos;
    const why = fixer!.fix(b, s, e, out, lineNo);
    if (why !== undefined) return onlySeparators(b, s, e, plan!.sep) ? void (emptyRows++, drop(lineNo)) : reject(lineNo, why, b, s, e);
    if (dedupe && dedupe.seen(out.buf, start, out.pos)) {
      if (!dupExample) dupExample = { line: lineNo, before: shown(text(out.buf, start, out.pos), 60), after: '(dropped)' };
      out.pos = start;
      duplicates++;
      drop(lineNo);
      return;
    }
    written++;
    writeEol(eol);
  };

  // The output is written while the next block is fixed: a full buffer's write is started and the
  // fixing goes on in the other buffer; at the next flush the write is awaited, then its bytes go to
  // onOutput (written first: a checker reading the part again finds every byte it was given).
  let writing: { done: Promise<unknown>; buf: OutBuffer } | undefined;
  let spare: OutBuffer | undefined;
  const settle = async () => {
    if (!writing) return;
    const w = writing;
    writing = undefined;
    await w.done;
    opts.onOutput?.(w.buf.buf.subarray(0, w.buf.pos));
    w.buf.pos = 0;
    spare = w.buf;
  };
  const flush = async (force: boolean) => {
    if (out.pos >= FLUSH || (force && out.pos > 0)) {
      outFile ??= await create(tmp, opts.output, '-o', opts.writeHint?.output);
      if (opts.syncWrites) {
        for (let w = 0; w < out.pos; ) w += writeSync(outFile.fd, out.buf, w, out.pos - w);
        opts.onOutput?.(out.buf.subarray(0, out.pos));
        out.pos = 0;
        if (tmpRejects && (rej.pos >= 1 << 15 || (force && rej.pos > 0))) {
          await rejFile!.write(rej.buf, 0, rej.pos);
          rej.pos = 0;
        }
        return;
      }
      await settle();
      const done = outFile.write(out.buf, 0, out.pos);
      // (awaited by settle(); an error meanwhile is not left unhandled)
      done.catch(() => undefined);
      writing = { done, buf: out };
      out = spare ?? new OutBuffer(out.buf.length);
      spare = undefined;
    }
    if (force) await settle();
    if (tmpRejects && (rej.pos >= 1 << 15 || (force && rej.pos > 0))) {
      await rejFile!.write(rej.buf, 0, rej.pos);
      rej.pos = 0;
    }
  };

  const work = lane?.work ?? Buffer.allocUnsafe(WORK);
  // a record whose quoted value runs over line ends (multiline.ts): joined into one line and fixed;
  // work[i..e) is its first line. The next line's start when joined, else NO_JOIN or NEED_MORE
  const joins = new Joins();
  const join = (i: number, e: number, limit: number, final: boolean, utf8Ok: boolean): number => {
    const sep = plan!.sep;
    if (found.crOnly || !leavesOpen(work, i, e, sep, sep !== 44)) return NO_JOIN;
    const j = span(work, i, limit, sep, sep !== 44, final || (i === 0 && len === work.length), joins.found); // (more data after a move, but for a full buffer's first line)
    if (j < 0) return j;
    const re = j > i && work[j - 1] === 13 ? j - 1 : j;
    const rec = joined(work, i, re);
    if (fixer!.split(rec, 0, rec.length) !== fixer!.nIn) return NO_JOIN;
    const [w, first, lines] = [written, ++lineNo, joins.lines(work, i, j)];
    record(rec, 0, rec.length, j < len ? (re < j ? '\r\n' : '\n') : '', utf8Ok);
    if (written > w) joins.note(first, lines, columnShown(plan!.inNames, joins.found.column), work);
    for (let k = 1; k < lines; k++) drop(first + k);
    lineNo += lines - 1;
    return Math.min(j + 1, len);
  };

  let len = 0;
  /** processes the complete lines of work[0..len) (all of it when `final`); returns the bytes used */
  const lines = async (final: boolean): Promise<number> => {
    let i = 0;
    let quoteAt = -1;
    const lastLf = final ? len : work.lastIndexOf(10, len - 1) + 1;
    const utf8Ok = isUtf8(work.subarray(0, lastLf));
    const crlfOk = !found.crOnly;
    // plain lines go through the row fixer's one-pass path many at a time (no per-line calls here)
    const blocks = utf8Ok && crlfOk && !dedupe && !opts.setAside; // (rows set aside by line: each line goes through record())
    for (;;) {
      if (problem) return len;
      if (blocks && lineNo > 0 && fixer?.straight) {
        const j = fixer!.block(work, i, lastLf, out, lineNo + 1, FLUSH, MAX_LINE);
        const k = fixer!.taken;
        if (k > 0) {
          lineNo += k;
          rows += k;
          written += k;
          i = j;
          if (out.pos >= FLUSH || rej.pos >= 1 << 15) await flush(false);
          if (opts.signal?.aborted) throw new AppError('interrupted', 'Interrupted: nothing was written.');
          continue;
        }
      }
      let lf = work.indexOf(10, i);
      if (lf < 0 || lf >= len) {
        if (!final || i >= len) return i;
        lf = len;
      }
      let e = lf;
      let eol = lf < len ? '\n' : '';
      if (crlfOk && e > i && work[e - 1] === 13) {
        e--;
        eol = lf < len ? '\r\n' : '\r';
      }
      // (a line with a quote in it: the next quote found once for many lines, memchr's speed)
      if (quoteAt < i) quoteAt = (work.indexOf(34, i) + 1 || work.length + 1) - 1;
      if (quoteAt < e && lineNo > 0 && plan && !problem) {
        const next = join(i, e, final ? len : lastLf, final, utf8Ok);
        if (next >= 0) {
          i = next;
          if (out.pos >= FLUSH || rej.pos >= 1 << 15) await flush(false);
          continue;
        }
        if (next !== NO_JOIN) return i;
      }
      lineNo++;
      if (found.crOnly && eol) crLines++;
      if (lineNo === 1) header(work, i, e, eol);
      else record(work, i, e, eol === '\r' ? '' : eol, utf8Ok);
      if (eol === '\r' && plan && !problem) out.buf[out.pos++] = 13;
      i = lf + 1;
      if (out.pos >= FLUSH || rej.pos >= 1 << 15) await flush(false);
      if (opts.signal?.aborted) throw new AppError('interrupted', 'Interrupted: nothing was written.');
    }
  };

  let finished = false;
  try {
    if (tmpRejects) {
      rejFile = await create(tmpRejects, opts.rejects!, '--rejects', opts.writeHint?.rejects);
      if (!opts.noHeader) await rejFile.write(Buffer.from('line,reason,record\n'));
    }
    let skipping = false;
    const target = opts.readTarget;
    if (target) target.buf = work;
    for await (const chunk of utf8Chunks(counted, found)) {
      let off = 0;
      while (off < chunk.length) {
        if (skipping) {
          // the rest of a line over the work buffer: dropped up to its end
          const lf = chunk.indexOf(10, off);
          if (lf < 0) {
            off = chunk.length;
            break;
          }
          off = lf + 1;
          skipping = false;
          continue;
        }
        const take = Math.min(chunk.length - off, work.length - len);
        // (read where it goes: readTarget)
        if (chunk.buffer !== work.buffer || chunk.byteOffset + off !== work.byteOffset + len) work.set(chunk.subarray(off, off + take), len);
        len += take;
        off += take;
        const used = await lines(false);
        work.copyWithin(0, used, len);
        len -= used;
        if (len === work.length) {
          // a line longer than the work buffer: rejected, the rest skipped
          lineNo++;
          rows++;
          reject(lineNo, 'the line is over 1 MiB', work, 0, 200);
          len = 0;
          skipping = true;
        }
      }
      onProgress?.(bytesRead, rows);
      if (problem) break;
      if (target) target.buf = work.subarray(len);
    }
    if (!problem && len > 0) await lines(true);
    if (lineNo === 0 && !problem) problem = 'The file is empty: there is no header and no records.';
    await flush(true);
    outFile ??= problem ? undefined : await create(tmp, opts.output, '-o', opts.writeHint?.output);
    await outFile?.close();
    outFile = undefined;
    await rejFile?.close();
    rejFile = undefined;
    finished = true;
  } finally {
    if (!finished) {
      await writing?.done.catch(() => undefined);
      await outFile?.close().catch(() => undefined);
      await rejFile?.close().catch(() => undefined);
      await rm(tmp, { force: true });
      if (tmpRejects) await rm(tmpRejects, { force: true });
    }
  }
  onProgress?.(bytesRead, rows);
  return { summary: makeSummary(), listed, dropped: dropped.slice(0, nDropped), problem, lines: lineNo, twoWays: fixer?.twoWays, numberFirsts: fixer?.floats.firsts };

  function makeSummary(): FixSummary {
    const changes: ChangeCount[] = [];
    const p = plan;
    const s = found.sniffed;
    if (s && s.encoding !== 'UTF-8') changes.push({ kind: 'encoding', label: `${s.encoding === 'UTF-16LE' ? 'UTF-16 LE' : 'UTF-16 BE'} converted to UTF-8`, rows: rows + 1, values: 0 });
    if (s?.bom) changes.push({ kind: 'bom', label: 'byte-order mark removed', rows: 1, values: 0 });
    if (cp1252) changes.push({ kind: 'windows-1252', label: 'lines in Windows-1252 converted to UTF-8', rows: cp1252, values: 0, example: cp1252Example });
    if (crLines) changes.push({ kind: 'line-ends', label: 'old-Mac CR line ends written as LF', rows: crLines, values: 0 });
    if (p && p.sep !== 44) changes.push({ kind: 'separator', label: `separator ${p.sep === 9 ? 'tab' : JSON.stringify(String.fromCharCode(p.sep))} replaced by ","`, rows: written + 1, values: 0 });
    if (p && (p.renames.length || p.quoted || p.reordered || p.dropped.length || !p.identity)) {
      const parts = [p.renames.length ? `${p.renames.length} renamed` : '', p.quoted ? 'quotes removed' : '', p.reordered ? "columns put in the schema's order" : '', p.dropped.length ? `${p.dropped.length} dropped (${droppedText(p.dropped)})` : '', p.added.map((f) => `${f} added (${shown(p.values[p.from.indexOf(-1, p.outNames.indexOf(f))] ?? '', 40)} in every row)`).join(', ')].filter(Boolean);
      changes.push({ kind: 'header', label: `header: ${parts.join(', ') || 'rewritten'}`, rows: 1, values: 0, example: { line: 1, before: shown(headerText.replace(/^\uFEFF/, ''), 120), after: shown(p.outNames.join(','), 120) } });
    }
    if (fixer) {
      CHANGES.forEach((kind, c) => {
        if (fixer!.values[c] === 0) return;
        const ex = fixer!.examples[c];
        changes.push({ kind, label: labelOf(kind, opts.domain), rows: fixer!.rows[c], values: fixer!.values[c], example: ex && { ...ex, before: shown(ex.before), after: shown(ex.after) } });
      });
      changes.push(...fixer.markers.changes());
    }
    const joinsChange = joins.change();
    if (joinsChange) changes.push(joinsChange);
    if (emptyRows) changes.push({ kind: 'empty-rows', label: 'empty rows (only separators) left out', rows: emptyRows, values: 0 });
    if (blankLines) changes.push({ kind: 'blank-lines', label: 'blank lines left out', rows: blankLines, values: 0 });
    if (duplicates) changes.push({ kind: 'duplicates', label: 'exact-duplicate rows dropped', rows: duplicates, values: 0, example: dupExample });
    const notes: string[] = [];
    if (p?.keptUnknown.length) notes.push(`Kept column${p.keptUnknown.length === 1 ? '' : 's'} the schema does not have: ${p.keptUnknown.map((n) => shown(n, 40)).join(', ')}${KEPT_FLAGS}.`);
    if (fixer?.assumedUtc) notes.push(`${withCommas(fixer.assumedUtc)} date${fixer.assumedUtc === 1 ? '' : 's'} named no time zone and were read as UTC.`);
    if (dedupe?.full) notes.push('The duplicate check covered the first ~5.8 million distinct rows only (its table is full).');
    return {
      input: input.name,
      output: opts.output,
      rejectsFile: opts.rejects,
      rows,
      written,
      rejected,
      duplicates,
      encoding: s ? `${s.encoding === 'UTF-8' ? 'UTF-8' : s.encoding === 'UTF-16LE' ? 'UTF-16 LE' : 'UTF-16 BE'}${s.bom ? ' with BOM' : ''}${cp1252 ? ' (Windows-1252 lines)' : ''}` : 'UTF-8',
      separator: p ? (p.sep === 9 ? 'tab' : String.fromCharCode(p.sep)) : ',',
      header: { before: p?.inNames.map((n) => shown(n, 60)) ?? [], after: p?.outNames ?? [], renames: p?.renames ?? [], dropped: p?.dropped ?? [], keptUnknown: p?.keptUnknown ?? [], reordered: p?.reordered ?? false },
      changes,
      assumedUtc: fixer?.assumedUtc ? { values: fixer.assumedUtc, example: fixer.assumedUtcExample && { ...fixer.assumedUtcExample, before: shown(fixer.assumedUtcExample.before), after: shown(fixer.assumedUtcExample.after) } } : undefined,
      notes,
    };
  }
}

export { LABELS, create };

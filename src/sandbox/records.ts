// Imported records on disk, one folder per dataset, so the sandbox's memory stays bounded whatever
// the size of what is imported (only the row being read is in memory).
//   <root>/<dataset folder>/
//     arn                  the dataset's ARN (the folder name is a hash of it)
//     000001.full          a bulk import: line 1 the column names (JSON array), then one JSON array
//     000002.incr          of values per row, in the file's order
//     individual.jsonl     rows imported one by one (PutEvents / PutItems / PutUsers), a JSON object a line
// A FULL import's segment replaces every earlier one (they are deleted once it is in place; a crash
// in between leaves them, and reading starts from the last .full anyway); an INCREMENTAL one is
// added. Same-key rows are resolved when the records are read, exactly as a map in memory would:
// a later row replaces an earlier one and moves to the end.
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import path from 'node:path';

/** One imported row: column name → value as read from the CSV. */
export type Row = Record<string, string>;

const SEGMENT = /^(\d{6})\.(full|incr)$/;
/** bytes buffered before a write (rows are small; one write a batch keeps an import fast) */
const BATCH = 256 * 1024;

/** A bulk import being written: rows go to a temporary segment until it is committed. */
export class SegmentWriter {
  private readonly out: WriteStream;
  private pending = '';
  private failed: Error | undefined;
  private done = false;
  rows = 0;

  constructor(
    readonly file: string,
    readonly columns: string[],
  ) {
    this.out = createWriteStream(file);
    this.out.on('error', (e) => (this.failed = e));
    this.pending = JSON.stringify(columns) + '\n';
  }

  /** Adds a row (values in `columns` order, null = column absent); resolves at once unless the disk is behind. */
  async write(values: (string | null)[]): Promise<void> {
    if (this.failed) throw this.failed;
    this.pending += JSON.stringify(values) + '\n';
    this.rows++;
    if (this.pending.length >= BATCH) {
      const ok = this.out.write(this.pending);
      this.pending = '';
      if (!ok) await once(this.out, 'drain');
    }
  }

  /** Flushes and closes the file. */
  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.pending) this.out.write(this.pending);
    this.pending = '';
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (this.failed) throw this.failed;
  }

  /** Closes and deletes the file (a failed or abandoned import). */
  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      this.pending = '';
      await new Promise<void>((resolve) => this.out.end(() => resolve()));
    }
    rmSync(this.file, { force: true });
  }
}

export class RecordStore {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    // a temporary segment of an import that never finished (the process was stopped meanwhile)
    for (const d of readdirSync(root)) {
      const dir = path.join(root, d);
      for (const f of safeList(dir)) if (f.endsWith('.tmp')) rmSync(path.join(dir, f), { force: true });
    }
  }

  private dir(datasetArn: string, create = false): string {
    const dir = path.join(this.root, createHash('sha256').update(datasetArn).digest('hex').slice(0, 24));
    if (create && !existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'arn'), datasetArn);
    }
    return dir;
  }

  private segments(dir: string): { file: string; n: number; full: boolean }[] {
    return safeList(dir)
      .map((f) => SEGMENT.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: path.join(dir, m[0]), n: Number(m[1]), full: m[2] === 'full' }))
      .sort((a, b) => a.n - b.n);
  }

  /** Starts writing a bulk import's rows for a dataset. */
  begin(datasetArn: string, columns: string[]): SegmentWriter {
    const dir = this.dir(datasetArn, true);
    return new SegmentWriter(path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`), columns);
  }

  /** Puts a finished import in place: FULL replaces the dataset's bulk rows, INCREMENTAL adds to them. */
  commit(datasetArn: string, mode: 'FULL' | 'INCREMENTAL', w: SegmentWriter): void {
    const dir = this.dir(datasetArn, true);
    const before = this.segments(dir);
    const n = (before.at(-1)?.n ?? 0) + 1;
    renameSync(w.file, path.join(dir, `${String(n).padStart(6, '0')}.${mode === 'FULL' ? 'full' : 'incr'}`));
    if (mode === 'FULL') for (const s of before) rmSync(s.file, { force: true });
  }

  /** Writes rows loaded from an older state file (records kept inside the JSON) as one FULL segment. */
  seed(datasetArn: string, rows: Row[]): void {
    const dir = this.dir(datasetArn, true);
    if (this.segments(dir).length > 0 || rows.length === 0) return;
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const lines = [JSON.stringify(columns), ...rows.map((r) => JSON.stringify(columns.map((c) => r[c] ?? null)))];
    writeFileSync(path.join(dir, '000001.full'), lines.join('\n') + '\n');
  }

  /** Forgets every record of a dataset (it was deleted). */
  drop(datasetArn: string): void {
    rmSync(this.dir(datasetArn), { recursive: true, force: true });
  }

  /** Adds rows imported one by one. */
  appendIndividual(datasetArn: string, rows: Row[]): void {
    if (rows.length === 0) return;
    appendFileSync(path.join(this.dir(datasetArn, true), 'individual.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  /** The dataset's bulk rows in order (from its last FULL segment on), as stored. */
  *bulkRows(datasetArn: string): Generator<Row> {
    const segs = this.segments(this.dir(datasetArn));
    let from = 0;
    for (let i = segs.length - 1; i >= 0; i--) {
      if (segs[i].full) {
        from = i;
        break;
      }
    }
    for (const s of segs.slice(from)) {
      let columns: string[] | undefined;
      for (const line of readLines(s.file)) {
        const values = JSON.parse(line) as (string | null)[];
        if (!columns) {
          columns = values as string[];
          continue;
        }
        const row: Row = {};
        columns.forEach((c, i) => {
          if (values[i] !== null && values[i] !== undefined) row[c] = values[i] as string;
        });
        yield row;
      }
    }
  }

  /** The dataset's individually imported rows, in arrival order. */
  *individualRows(datasetArn: string): Generator<Row> {
    for (const line of readLines(path.join(this.dir(datasetArn), 'individual.jsonl'))) yield JSON.parse(line) as Row;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Lines of a file, read in 1 MiB blocks (never the whole file at once). */
function* readLines(file: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return;
  }
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) break;
      const text = rest + decoder.write(block.subarray(0, n));
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        if (end > start) yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

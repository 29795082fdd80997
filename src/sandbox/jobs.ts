// Import jobs really run: the sandbox reads the CSV object (or every object directly under a folder
// prefix ending in "/") from its S3, checks it as the service does and stores the rows.
// Stages: CREATE PENDING (a quarter of jobSeconds) → CREATE IN_PROGRESS (the rest, and at least as
// long as reading takes) → ACTIVE, or CREATE FAILED with the service's failureReason wording.
// The object is streamed: each checked row goes straight to the dataset's record store on disk
// (state.beginImport), so memory stays bounded whatever the object's size.
import { csvRecords } from '../csv/records.js';
import type { SandboxS3 } from './s3.js';
import type { JobRec, SandboxState, SegmentWriter } from './state.js';

/** Failure reasons, worded as the service words them where that wording is known (see samples/README.md). */
export const FAILURE = {
  privileges: 'Insufficient privileges for accessing data in S3',
  invalidLocation: 'Invalid Data location.',
  // Not confirmed for Personalize: this is the wording its sibling Amazon Forecast uses for the same
  // CreateDatasetImportJob mistake (publicly reported, aws-samples/amazon-forecast-samples#77).
  notFound: (loc: string) => `No objects found in s3 path ${loc}, please ensure the path is specified correctly.`,
  missingColumns: (cols: string[]) => `Input CSV is missing the following columns: [${cols.join(', ')}]`,
  tooLong: (max: number, col: string) => `Length cannot be more than ${max} characters for ${col}`,
  // The next four are the sandbox's own wording (the service's exact text is not documented).
  tooFewInteractions: (n: number) => `There are not enough interactions in the data: found ${n}, at least 1000 are required.`,
  badValue: (col: string, type: string, value: string, line: number) => `Invalid value '${value.length > 40 ? value.slice(0, 40) + '…' : value}' for ${col} (type ${type}) at line ${line}.`,
  emptyValue: (col: string, line: number) => `${col} cannot be empty (line ${line}): the schema does not allow null for it.`,
  columnCount: (line: number, got: number, want: number) => `Line ${line} has ${got} values but the header has ${want} columns.`,
};

interface Field {
  name: string;
  types: string[];
  nullable: boolean;
  categorical: boolean;
  textual: boolean;
}

function fieldsOf(schema: string): Field[] {
  const parsed = JSON.parse(schema) as { fields: { name: string; type: string | string[]; categorical?: boolean; textual?: boolean }[] };
  return parsed.fields.map((f) => {
    const types = Array.isArray(f.type) ? f.type : [f.type];
    return { name: f.name, types: types.filter((t) => t !== 'null'), nullable: types.includes('null'), categorical: Boolean(f.categorical), textual: Boolean(f.textual) };
  });
}

const ID_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID', 'EVENT_TYPE']);

class JobFailure extends Error {}

function checkValue(f: Field, value: string, line: number): string {
  if (value === '') {
    if (!f.nullable) throw new JobFailure(FAILURE.emptyValue(f.name, line));
    return value;
  }
  const t = f.types[0] ?? 'string';
  if (t === 'string') {
    if (ID_FIELDS.has(f.name) && value.length > 256) throw new JobFailure(FAILURE.tooLong(256, f.name));
    if (f.categorical && value.length > 1000) throw new JobFailure(FAILURE.tooLong(1000, f.name));
    if (f.textual && value.length > 20000) return value.slice(0, 20000); // truncated, not rejected
    return value;
  }
  const ok =
    t === 'long' || t === 'int'
      ? /^-?\d+$/.test(value)
      : t === 'float' || t === 'double'
        ? /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)
        : t === 'boolean'
          ? value === 'true' || value === 'false'
          : true;
  if (!ok) throw new JobFailure(FAILURE.badValue(f.name, t, value, line));
  return value;
}

export interface JobRunnerOptions {
  state: SandboxState;
  s3: SandboxS3;
  jobSeconds: number;
  /** may Personalize, with the job's role, read these keys of the bucket (bucket policy AND role)? */
  readable: (bucket: string, keys: string[], roleArn: string) => boolean;
  onChange?: () => void;
}

export class JobRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wakers = new Set<() => void>();
  private closed = false;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly o: JobRunnerOptions) {}

  /** Starts (or, after a restart, resumes) a job. */
  start(job: JobRec): void {
    const p = this.run(job).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves after `ms`, or at once when the runner closes. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.wakers.delete(resolve);
        resolve();
      }, Math.max(0, ms));
      this.timers.add(t);
      this.wakers.add(resolve);
    });
  }

  private set(job: JobRec, status: JobRec['status'], failureReason?: string): void {
    if (this.closed) return;
    job.status = status;
    job.updated = Date.now() / 1000;
    if (failureReason) job.failureReason = failureReason;
    this.o.onChange?.();
  }

  private async run(job: JobRec): Promise<void> {
    const total = this.o.jobSeconds * 1000;
    if (job.status === 'CREATE PENDING') {
      await this.wait(total / 4);
      this.set(job, 'CREATE IN_PROGRESS');
    }
    if (this.closed) return;
    const began = Date.now();
    let failure: string | undefined;
    const out: { writer?: SegmentWriter } = {};
    try {
      await this.read(job, out);
      await out.writer!.finish();
    } catch (e) {
      failure = e instanceof JobFailure ? e.message : `Internal error reading the input: ${e instanceof Error ? e.message : String(e)}`;
    }
    await this.wait(total - total / 4 - (Date.now() - began));
    if (this.closed || failure || !out.writer) {
      await out.writer?.abort();
      if (!this.closed) this.set(job, 'CREATE FAILED', failure);
      return;
    }
    try {
      this.o.state.applyImport(job.datasetArn, job.importMode, out.writer);
    } catch (e) {
      await out.writer.abort();
      this.set(job, 'CREATE FAILED', `Internal error storing the records: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.set(job, 'ACTIVE');
  }

  /** Checks the object(s) row by row, writing each row to `out.writer` (created once the dataset is known). */
  private async read(job: JobRec, out: { writer?: SegmentWriter }): Promise<void> {
    const { state, s3 } = this.o;
    const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(job.dataLocation);
    if (!m) throw new JobFailure(FAILURE.invalidLocation);
    const [, bucket, key] = m;
    if (!(await s3.bucketExists(bucket))) throw new JobFailure(FAILURE.privileges);
    const keys = key === '' || key.endsWith('/') ? await s3.listKeys(bucket, key) : [key];
    if (!this.o.readable(bucket, keys.length ? keys : [key], job.roleArn)) throw new JobFailure(FAILURE.privileges);
    const dataset = state.datasets.get(job.datasetArn);
    const schema = dataset && state.schemas.get(dataset.schemaArn);
    if (!dataset || !schema) throw new JobFailure(`Dataset ${job.datasetArn} no longer exists.`);
    const fields = fieldsOf(schema.schema);
    let count = 0;
    if (keys.length === 0) throw new JobFailure(FAILURE.notFound(job.dataLocation));
    const writer = (out.writer = state.beginImport(job.datasetArn, fields.map((f) => f.name)));
    for (const k of keys) {
      const body = await s3.readObject(bucket, k);
      if (!body) throw new JobFailure(FAILURE.notFound(job.dataLocation));
      let header: string[] | undefined;
      let cols: { f: Field; i: number; j: number }[] = [];
      for await (const rec of csvRecords(body)) {
        if (this.closed) throw new JobFailure('The sandbox stopped.');
        if (!header) {
          header = rec.fields.map((h) => h.trim());
          const missing = fields.filter((f) => !f.nullable && !header!.includes(f.name)).map((f) => f.name);
          if (missing.length) throw new JobFailure(FAILURE.missingColumns(missing));
          cols = fields.map((f, j) => ({ f, j, i: header!.indexOf(f.name) })).filter((c) => c.i >= 0);
          continue;
        }
        // lengths first: broken quoting swallows lines into one value, and the service reports it so
        for (const { f, i } of cols) {
          const v = rec.fields[i] ?? '';
          if (f.types[0] === 'string' || f.types.length === 0) {
            if (ID_FIELDS.has(f.name) && v.length > 256) throw new JobFailure(FAILURE.tooLong(256, f.name));
            if (f.categorical && v.length > 1000) throw new JobFailure(FAILURE.tooLong(1000, f.name));
          }
        }
        if (rec.fields.length !== header.length) throw new JobFailure(FAILURE.columnCount(rec.line, rec.fields.length, header.length));
        const values: (string | null)[] = fields.map(() => null);
        for (const { f, i, j } of cols) values[j] = checkValue(f, rec.fields[i], rec.line);
        await writer.write(values);
        count++;
      }
      if (!header) throw new JobFailure(FAILURE.missingColumns(fields.filter((f) => !f.nullable).map((f) => f.name)));
    }
    if (dataset.datasetType === 'INTERACTIONS' && count < 1000) throw new JobFailure(FAILURE.tooFewInteractions(count));
  }

  /** Stops every job where it is (a job being read stops at its next row) and waits for them to let go of their files. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of this.wakers) wake();
    this.wakers.clear();
    await Promise.all([...this.running]);
  }
}

// The sandbox's resources, in memory, optionally persisted as one JSON file in a data directory;
// imported records live on disk (records.ts: per-dataset folders under <data dir>/records, or a
// temporary folder the caller gives and removes), never in memory.
// Dates are epoch seconds (numbers), as the service's JSON carries them.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEED_DATASETS, SEED_GROUPS, SEED_SCHEMAS, SEED_TIME } from './seed.js';
import { RecordStore, type Row, type SegmentWriter } from './records.js';

export type { Row, SegmentWriter } from './records.js';

/**
 * Creation and deletion take time (epoch seconds): CREATE PENDING until `inProgressAt`, CREATE
 * IN_PROGRESS until `activeAt`, then `status`; DELETE PENDING from a delete until `deleteAt`, when
 * the resource is gone. Absent = already there (seeded resources, older state files).
 */
export interface Paced {
  inProgressAt?: number;
  activeAt?: number;
  deleteAt?: number;
}

export interface GroupRec extends Paced {
  name: string;
  arn: string;
  status: string;
  domain?: string;
  roleArn?: string;
  kmsKeyArn?: string;
  created: number;
  updated: number;
}

export interface SchemaRec {
  name: string;
  arn: string;
  schema: string;
  domain?: string;
  created: number;
  updated: number;
}

export interface DatasetRec extends Paced {
  name: string;
  arn: string;
  groupArn: string;
  datasetType: string;
  schemaArn: string;
  status: string;
  created: number;
  updated: number;
  /** the last UpdateDataset: UPDATE PENDING until activeAt, then ACTIVE */
  latestUpdate?: { schemaArn: string; created: number; activeAt: number };
}

export interface JobRec {
  name: string;
  arn: string;
  datasetArn: string;
  dataLocation: string;
  roleArn: string;
  status: 'CREATE PENDING' | 'CREATE IN_PROGRESS' | 'ACTIVE' | 'CREATE FAILED';
  importMode: 'FULL' | 'INCREMENTAL';
  publishAttributionMetricsToS3?: boolean;
  failureReason?: string;
  created: number;
  updated: number;
  /** insertion order, to break ties between equal creation times */
  seq: number;
  tags?: { tagKey: string; tagValue: string }[];
}

/** An event tracker (one per dataset group); CREATE PENDING until activeAt, then ACTIVE. */
export interface TrackerRec {
  name: string;
  arn: string;
  groupArn: string;
  trackingId: string;
  created: number;
  updated: number;
  /** epoch seconds when it turns ACTIVE */
  activeAt: number;
}

export interface DatasetRecords {
  /** rows from bulk imports (FULL replaces them, INCREMENTAL adds / replaces same-ID rows) */
  bulk: Row[];
  /** rows imported individually (PutEvents / PutItems / PutUsers, see events.ts), keyed like bulk
   * rows; a bulk import (FULL included) never replaces them */
  individual: Row[];
}

interface Persisted {
  version: 1;
  groups: GroupRec[];
  schemas: SchemaRec[];
  datasets: DatasetRec[];
  jobs: JobRec[];
  seq: number;
  /** added with the events data plane; absent in older state files */
  trackers?: TrackerRec[];
  /** older state files kept the records here; they move to the record store when loaded */
  records?: Record<string, [string, Row][]>;
  individual?: Record<string, [string, Row][]>;
}

export class SandboxState {
  readonly groups = new Map<string, GroupRec>();
  readonly schemas = new Map<string, SchemaRec>();
  readonly datasets = new Map<string, DatasetRec>();
  readonly jobs = new Map<string, JobRec>();
  readonly trackers = new Map<string, TrackerRec>();
  /** imported rows, bulk and individual, per dataset on disk */
  readonly store: RecordStore;
  private seq = 0;
  private readonly file?: string;

  /**
   * `recordsDir`: where records go without a data directory (the caller removes it); with one, <dataDir>/records.
   * `seed: 'none'`: an empty account (no groups, schemas or datasets); ignored when a state file exists.
   */
  constructor(readonly region: string, readonly accountId: string, dataDir?: string, recordsDir?: string, opts: { seed?: 'default' | 'none' } = {}) {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      this.file = path.join(dataDir, 'personalize-state.json');
    }
    const root = dataDir ? path.join(dataDir, 'records') : recordsDir;
    if (!root) throw new Error('SandboxState needs a data directory or a records directory');
    this.store = new RecordStore(root);
    if (this.file && existsSync(this.file)) this.load(JSON.parse(readFileSync(this.file, 'utf8')) as Persisted);
    else if (opts.seed !== 'none') this.seed();
  }

  arn(kind: string, rest: string): string {
    return `arn:aws:personalize:${this.region}:${this.accountId}:${kind}/${rest}`;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  private seed(): void {
    for (const s of SEED_SCHEMAS) {
      const arn = this.arn('schema', s.name);
      this.schemas.set(arn, { name: s.name, arn, schema: s.schema, ...(s.domain ? { domain: s.domain } : {}), created: SEED_TIME, updated: SEED_TIME });
    }
    for (const g of SEED_GROUPS) {
      const arn = this.arn('dataset-group', g.name);
      this.groups.set(arn, { name: g.name, arn, status: 'ACTIVE', ...(g.domain ? { domain: g.domain } : {}), created: SEED_TIME, updated: SEED_TIME });
    }
    for (const d of SEED_DATASETS) {
      const type = d.datasetType.toUpperCase();
      const arn = this.arn('dataset', `${d.group}/${type}`);
      this.datasets.set(arn, {
        name: d.name,
        arn,
        groupArn: this.arn('dataset-group', d.group),
        datasetType: type,
        schemaArn: this.arn('schema', d.schemaName),
        status: 'ACTIVE',
        created: SEED_TIME,
        updated: SEED_TIME,
      });
    }
  }

  private load(p: Persisted): void {
    for (const g of p.groups) this.groups.set(g.arn, g);
    for (const s of p.schemas) this.schemas.set(s.arn, s);
    for (const d of p.datasets) this.datasets.set(d.arn, d);
    for (const j of p.jobs) this.jobs.set(j.arn, j);
    for (const t of p.trackers ?? []) this.trackers.set(t.arn, t);
    for (const [arn, rows] of Object.entries(p.records ?? {})) this.store.seed(arn, rows.map(([, r]) => r));
    for (const [arn, rows] of Object.entries(p.individual ?? {})) {
      if (![...this.store.individualRows(arn)].length) this.store.appendIndividual(arn, rows.map(([, r]) => r));
    }
    this.seq = p.seq;
  }

  /** Writes the state file (atomically) when a data directory is in use. */
  save(): void {
    if (!this.file) return;
    const p: Persisted = {
      version: 1,
      groups: [...this.groups.values()],
      schemas: [...this.schemas.values()],
      datasets: [...this.datasets.values()],
      jobs: [...this.jobs.values()],
      seq: this.seq,
      trackers: [...this.trackers.values()],
    };
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(p));
    renameSync(tmp, this.file);
  }

  /** A deleted dataset's jobs and rows go with it (its ARN may be reused by a new dataset). */
  forgetDataset(datasetArn: string): void {
    this.datasets.delete(datasetArn);
    for (const [arn, j] of this.jobs) if (j.datasetArn === datasetArn) this.jobs.delete(arn);
    this.store.drop(datasetArn);
  }

  /** Has this dataset ever received a bulk import that finished? */
  hasBulkImport(datasetArn: string): boolean {
    for (const j of this.jobs.values()) if (j.datasetArn === datasetArn && j.status === 'ACTIVE') return true;
    return false;
  }

  /** Starts writing a bulk import's rows (values in `columns` order) for a dataset. */
  beginImport(datasetArn: string, columns: string[]): SegmentWriter {
    return this.store.begin(datasetArn, columns);
  }

  /** Replaces (FULL) or merges (INCREMENTAL) the dataset's bulk rows with a finished import's. */
  applyImport(datasetArn: string, mode: 'FULL' | 'INCREMENTAL', rows: SegmentWriter): void {
    this.store.commit(datasetArn, mode, rows);
  }

  /**
   * The dataset's records as the service holds them: same-key rows resolved (a later one replaces
   * an earlier one and moves to the end). Reads them from disk: for inspection and tests.
   */
  records(datasetArn: string): DatasetRecords {
    const datasetType = this.datasets.get(datasetArn)?.datasetType ?? '';
    const bulk = new Map<string, Row>();
    for (const row of this.store.bulkRows(datasetArn)) {
      const k = recordKey(datasetType, row);
      bulk.delete(k);
      bulk.set(k, row);
    }
    const individual = new Map<string, Row>();
    for (const row of this.store.individualRows(datasetArn)) {
      const k = individualKey(datasetType, row);
      individual.delete(k);
      individual.set(k, row);
    }
    return { bulk: [...bulk.values()], individual: [...individual.values()] };
  }

  /** Stores individually imported rows; the same key (ID, or eventId / the whole event) replaces. */
  putIndividual(datasetArn: string, _datasetType: string, rows: Row[]): void {
    this.store.appendIndividual(datasetArn, rows);
  }
}

function individualKey(datasetType: string, row: Row): string {
  return datasetType === 'INTERACTIONS' && row.EVENT_ID ? `event:${row.EVENT_ID}` : recordKey(datasetType, row);
}

/** The key that makes two rows "the same record": ID for items/users/actions, the whole event for interactions. */
export function recordKey(datasetType: string, row: Row): string {
  switch (datasetType) {
    case 'ITEMS':
      return row.ITEM_ID ?? '';
    case 'USERS':
      return row.USER_ID ?? '';
    case 'ACTIONS':
      return row.ACTION_ID ?? '';
    default:
      return JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]]));
  }
}

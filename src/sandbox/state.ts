// The sandbox's resources, in memory, optionally persisted as one JSON file in a data directory.
// Dates are epoch seconds (numbers), as the service's JSON carries them.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEED_DATASETS, SEED_GROUPS, SEED_SCHEMAS, SEED_TIME } from './seed.js';

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

/** One imported row: column name → value as read from the CSV. */
export type Row = Record<string, string>;

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
  records: Record<string, [string, Row][]>;
  seq: number;
  /** added with the events data plane; absent in older state files */
  trackers?: TrackerRec[];
  individual?: Record<string, [string, Row][]>;
}

export class SandboxState {
  readonly groups = new Map<string, GroupRec>();
  readonly schemas = new Map<string, SchemaRec>();
  readonly datasets = new Map<string, DatasetRec>();
  readonly jobs = new Map<string, JobRec>();
  readonly trackers = new Map<string, TrackerRec>();
  /** datasetArn → record key → row (individual: PutUsers / PutItems / PutEvents) */
  private readonly individual = new Map<string, Map<string, Row>>();
  /** datasetArn → record key → row (bulk) */
  private readonly bulk = new Map<string, Map<string, Row>>();
  private seq = 0;
  private readonly file?: string;

  /** `seed: 'none'`: an empty account (no groups, schemas or datasets); ignored when a state file exists */
  constructor(readonly region: string, readonly accountId: string, dataDir?: string, opts: { seed?: 'default' | 'none' } = {}) {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      this.file = path.join(dataDir, 'personalize-state.json');
    }
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
    for (const [arn, rows] of Object.entries(p.records)) this.bulk.set(arn, new Map(rows));
    for (const t of p.trackers ?? []) this.trackers.set(t.arn, t);
    for (const [arn, rows] of Object.entries(p.individual ?? {})) this.individual.set(arn, new Map(rows));
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
      records: Object.fromEntries([...this.bulk].map(([arn, m]) => [arn, [...m]])),
      seq: this.seq,
      trackers: [...this.trackers.values()],
      individual: Object.fromEntries([...this.individual].map(([arn, m]) => [arn, [...m]])),
    };
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(p));
    renameSync(tmp, this.file);
  }

  /** A deleted dataset's jobs and rows go with it (its ARN may be reused by a new dataset). */
  forgetDataset(datasetArn: string): void {
    this.datasets.delete(datasetArn);
    for (const [arn, j] of this.jobs) if (j.datasetArn === datasetArn) this.jobs.delete(arn);
    this.bulk.delete(datasetArn);
    this.individual.delete(datasetArn);
  }

  /** Has this dataset ever received a bulk import that finished? */
  hasBulkImport(datasetArn: string): boolean {
    for (const j of this.jobs.values()) if (j.datasetArn === datasetArn && j.status === 'ACTIVE') return true;
    return false;
  }

  /** Replaces (FULL) or merges (INCREMENTAL) the dataset's bulk rows. */
  applyImport(datasetArn: string, mode: 'FULL' | 'INCREMENTAL', rows: Map<string, Row>): void {
    if (mode === 'FULL') {
      this.bulk.set(datasetArn, rows);
      return;
    }
    const cur = this.bulk.get(datasetArn) ?? new Map<string, Row>();
    for (const [k, v] of rows) {
      cur.delete(k); // a replaced record moves to the end, like a fresh write
      cur.set(k, v);
    }
    this.bulk.set(datasetArn, cur);
  }

  records(datasetArn: string): DatasetRecords {
    return { bulk: [...(this.bulk.get(datasetArn)?.values() ?? [])], individual: [...(this.individual.get(datasetArn)?.values() ?? [])] };
  }

  /** Stores individually imported rows; the same key (ID, or eventId / the whole event) replaces. */
  putIndividual(datasetArn: string, datasetType: string, rows: Row[]): void {
    const cur = this.individual.get(datasetArn) ?? new Map<string, Row>();
    for (const row of rows) {
      const k = datasetType === 'INTERACTIONS' && row.EVENT_ID ? `event:${row.EVENT_ID}` : recordKey(datasetType, row);
      cur.delete(k);
      cur.set(k, row);
    }
    this.individual.set(datasetArn, cur);
  }
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

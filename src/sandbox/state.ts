// The sandbox's resources, in memory, optionally persisted as one JSON file in a data directory.
// Dates are epoch seconds (numbers), as the service's JSON carries them.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEED_DATASETS, SEED_GROUPS, SEED_SCHEMAS, SEED_TIME } from './seed.js';

export interface GroupRec {
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

export interface DatasetRec {
  name: string;
  arn: string;
  groupArn: string;
  datasetType: string;
  schemaArn: string;
  status: string;
  created: number;
  updated: number;
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

/** One imported row: column name → value as read from the CSV. */
export type Row = Record<string, string>;

export interface DatasetRecords {
  /** rows from bulk imports (FULL replaces them, INCREMENTAL adds / replaces same-ID rows) */
  bulk: Row[];
  /** rows imported individually (PutEvents/PutItems/PutUsers); the sandbox has no such API, so always empty */
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
}

export class SandboxState {
  readonly groups = new Map<string, GroupRec>();
  readonly schemas = new Map<string, SchemaRec>();
  readonly datasets = new Map<string, DatasetRec>();
  readonly jobs = new Map<string, JobRec>();
  /** datasetArn → record key → row (bulk) */
  private readonly bulk = new Map<string, Map<string, Row>>();
  private seq = 0;
  private readonly file?: string;

  constructor(readonly region: string, readonly accountId: string, dataDir?: string) {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      this.file = path.join(dataDir, 'personalize-state.json');
    }
    if (this.file && existsSync(this.file)) this.load(JSON.parse(readFileSync(this.file, 'utf8')) as Persisted);
    else this.seed();
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
    };
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(p));
    renameSync(tmp, this.file);
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
    return { bulk: [...(this.bulk.get(datasetArn)?.values() ?? [])], individual: [] };
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

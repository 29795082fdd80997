// The Amazon Personalize control plane over JSON 1.1 (POST /, X-Amz-Target: AmazonPersonalize.<Op>,
// Content-Type: application/x-amz-json-1.1), answering with the member names, date encoding (epoch
// seconds) and error shapes ({"__type": "...", "message": "..."}, HTTP 400) of the real service.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { checkInput, checkTagCount, ServiceError } from './checks.js';
import type { JobRunner } from './jobs.js';
import type { DatasetRec, GroupRec, JobRec, SandboxState, SchemaRec } from './state.js';
import { trackerHandlers } from './events.js';
import type { RequestLogEntry } from './request-log.js';
import { listenLoopback } from './listen.js';
import { parseJsonObject } from './json-body.js';
import { checkForType, checkSchema } from './schema-checks.js';
import { lifecycleHandlers, pacedFrom, statusOf, sweepDeleted, updatedOf } from './lifecycle.js';

export { statusOf } from './lifecycle.js';

export type FaultKind = 'throttle' | 'disconnect';

export interface Faults {
  /** the next `count` calls of `operation` answer ThrottlingException, or have their connection closed */
  inject(operation: string, fault: { kind: FaultKind; count: number }): void;
  /** removes every pending fault */
  clear(): void;
  /** faults still pending for an operation */
  pending(operation: string): number;
}

export type { RequestLogEntry } from './request-log.js';

export const OPERATIONS = [
  'ListDatasetGroups',
  'DescribeDatasetGroup',
  'CreateDatasetGroup',
  'ListDatasets',
  'DescribeDataset',
  'CreateDataset',
  'ListSchemas',
  'DescribeSchema',
  'CreateSchema',
  'UpdateDataset',
  'DeleteDataset',
  'DeleteSchema',
  'DeleteDatasetGroup',
  'CreateDatasetImportJob',
  'DescribeDatasetImportJob',
  'ListDatasetImportJobs',
  'ListMetricAttributions',
] as const;

/** Event tracker operations (events.ts), served alongside OPERATIONS. */
export const EVENT_TRACKER_OPERATIONS = ['CreateEventTracker', 'ListEventTrackers', 'DescribeEventTracker'] as const;

const MAX_RUNNING_JOBS = 5;
const DATASET_TYPES = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

function notFound(arn: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `Could not find resource with ARN ${arn}`);
}

export function page<T>(items: T[], input: Input, op: string): { items: T[]; nextToken?: string } {
  const max = (input.maxResults as number | undefined) ?? 100;
  let offset = 0;
  if (typeof input.nextToken === 'string') {
    try {
      const t = JSON.parse(Buffer.from(input.nextToken, 'base64').toString('utf8')) as { op: string; o: number };
      if (t.op !== op || !Number.isInteger(t.o) || t.o < 0) throw new Error('bad token');
      offset = t.o;
    } catch {
      throw new ServiceError('InvalidNextTokenException', 'Invalid next token.');
    }
  }
  const slice = items.slice(offset, offset + max);
  const next = offset + max < items.length ? Buffer.from(JSON.stringify({ op, o: offset + max })).toString('base64') : undefined;
  return { items: slice, ...(next ? { nextToken: next } : {}) };
}

const groupSummary = (g: GroupRec) => ({
  name: g.name,
  datasetGroupArn: g.arn,
  status: statusOf(g),
  creationDateTime: g.created,
  lastUpdatedDateTime: updatedOf(g),
  ...(g.domain ? { domain: g.domain } : {}),
});
const schemaSummary = (s: SchemaRec) => ({
  name: s.name,
  schemaArn: s.arn,
  creationDateTime: s.created,
  lastUpdatedDateTime: s.updated,
  ...(s.domain ? { domain: s.domain } : {}),
});
const datasetSummary = (d: DatasetRec) => ({
  name: d.name,
  datasetArn: d.arn,
  datasetType: d.datasetType,
  status: statusOf(d),
  creationDateTime: d.created,
  lastUpdatedDateTime: updatedOf(d),
});
const jobSummary = (j: JobRec) => ({
  datasetImportJobArn: j.arn,
  jobName: j.name,
  status: j.status,
  creationDateTime: j.created,
  lastUpdatedDateTime: j.updated,
  ...(j.failureReason ? { failureReason: j.failureReason } : {}),
  importMode: j.importMode,
});

const newestFirst = <T extends { created: number; name: string }>(a: T, b: T) => b.created - a.created || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export interface PersonalizeServerOptions {
  state: SandboxState;
  jobs: JobRunner;
  port: number;
  onChange: () => void;
  /** seconds a new event tracker stays CREATE PENDING (default 0) */
  trackerPendingSeconds?: number;
  /** why the job's role cannot be used right now (IAM not propagated yet), else undefined */
  roleProblem?: (roleArn: string) => string | undefined;
  /**
   * seconds a new dataset group or dataset takes to be ACTIVE (half CREATE PENDING, half CREATE
   * IN_PROGRESS), a deleted one to be gone (DELETE PENDING), a dataset update (UPDATE PENDING); default 0
   */
  createSeconds?: number;
}

export interface PersonalizeServer {
  server: Server;
  port: number;
  endpoint: string;
  faults: Faults;
  log: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startPersonalize(o: PersonalizeServerOptions): Promise<PersonalizeServer> {
  const { state } = o;
  const pendingFaults = new Map<string, { kind: FaultKind; count: number }[]>();
  const log: RequestLogEntry[] = [];

  const faults: Faults = {
    inject(operation, fault) {
      if (fault.count <= 0) return;
      const list = pendingFaults.get(operation) ?? [];
      list.push({ ...fault });
      pendingFaults.set(operation, list);
    },
    clear() {
      pendingFaults.clear();
    },
    pending(operation) {
      return (pendingFaults.get(operation) ?? []).reduce((n, f) => n + f.count, 0);
    },
  };

  function takeFault(op: string): FaultKind | undefined {
    const list = pendingFaults.get(op);
    if (!list?.length) return undefined;
    const f = list[0];
    f.count--;
    if (f.count <= 0) list.shift();
    return f.kind;
  }

  const group = (arn: string) => state.groups.get(arn) ?? throwIt(notFound(arn));
  const dataset = (arn: string) => state.datasets.get(arn) ?? throwIt(notFound(arn));
  const pace = o.createSeconds ?? 0;
  const paced = (now: number) => pacedFrom(now, pace);

  const inUse = (msg: string) => new ServiceError('ResourceInUseException', msg);

  const handlers: Record<string, (input: Input) => Output> = {
    ListDatasetGroups(input) {
      const all = [...state.groups.values()].sort(newestFirst).map(groupSummary);
      const p = page(all, input, 'ListDatasetGroups');
      return { datasetGroups: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DescribeDatasetGroup(input) {
      const g = group(input.datasetGroupArn as string);
      return {
        datasetGroup: {
          name: g.name,
          datasetGroupArn: g.arn,
          status: statusOf(g),
          ...(g.roleArn ? { roleArn: g.roleArn } : {}),
          ...(g.kmsKeyArn ? { kmsKeyArn: g.kmsKeyArn } : {}),
          creationDateTime: g.created,
          lastUpdatedDateTime: updatedOf(g),
          ...(g.domain ? { domain: g.domain } : {}),
        },
      };
    },
    CreateDatasetGroup(input) {
      const name = input.name as string;
      const arn = state.arn('dataset-group', name);
      if (state.groups.has(arn)) throw new ServiceError('ResourceAlreadyExistsException', `Dataset group ${arn} already exists.`);
      checkTagCount(arn, input.tags);
      if (input.kmsKeyArn && !input.roleArn) {
        throw new ServiceError('InvalidInputException', 'A roleArn is required when kmsKeyArn is specified: Personalize needs a role that may use the key.');
      }
      const now = Date.now() / 1000;
      const g: GroupRec = { name, arn, status: 'ACTIVE', created: now, updated: now, ...paced(now) };
      if (input.domain) g.domain = input.domain as string;
      if (input.roleArn) g.roleArn = input.roleArn as string;
      if (input.kmsKeyArn) g.kmsKeyArn = input.kmsKeyArn as string;
      state.groups.set(arn, g);
      o.onChange();
      return { datasetGroupArn: arn, ...(g.domain ? { domain: g.domain } : {}) };
    },
    ListDatasets(input) {
      const g = input.datasetGroupArn as string | undefined;
      const all = [...state.datasets.values()].filter((d) => !g || d.groupArn === g).sort(newestFirst).map(datasetSummary);
      const p = page(all, input, 'ListDatasets');
      return { datasets: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DescribeDataset(input) {
      const d = dataset(input.datasetArn as string);
      return {
        dataset: {
          name: d.name,
          datasetArn: d.arn,
          datasetGroupArn: d.groupArn,
          datasetType: d.datasetType,
          schemaArn: d.schemaArn,
          status: statusOf(d),
          creationDateTime: d.created,
          lastUpdatedDateTime: updatedOf(d),
          ...(d.latestUpdate
            ? {
                latestDatasetUpdate: {
                  schemaArn: d.latestUpdate.schemaArn,
                  status: Date.now() / 1000 < d.latestUpdate.activeAt ? 'UPDATE PENDING' : 'ACTIVE',
                  creationDateTime: d.latestUpdate.created,
                  lastUpdatedDateTime: Math.min(d.latestUpdate.activeAt, Math.max(d.latestUpdate.created, Date.now() / 1000)),
                },
              }
            : {}),
        },
      };
    },
    CreateDataset(input) {
      const g = group(input.datasetGroupArn as string);
      const s = state.schemas.get(input.schemaArn as string) ?? throwIt(notFound(input.schemaArn as string));
      const type = (input.datasetType as string).toUpperCase();
      if (!DATASET_TYPES.includes(type)) {
        throw new ServiceError('InvalidInputException', `Dataset type ${input.datasetType as string} is not supported. Valid types: Interactions, Items, Users, Actions, Action_Interactions.`);
      }
      if ((s.domain ?? '') !== (g.domain ?? '')) {
        throw new ServiceError('InvalidInputException', `The schema ${s.arn} (domain ${s.domain ?? 'none'}) does not match the dataset group's domain (${g.domain ?? 'none'}).`);
      }
      const gs = statusOf(g);
      if (gs !== 'ACTIVE') throw inUse(`Dataset group ${g.arn} is ${gs}: a dataset can be added once it is ACTIVE.`);
      checkForType(checkSchema(s.schema, s.domain).fields, type, g.domain);
      const arn = state.arn('dataset', `${g.name}/${type}`);
      if (state.datasets.has(arn)) throw new ServiceError('ResourceAlreadyExistsException', `Dataset ${arn} already exists.`);
      checkTagCount(arn, input.tags);
      const now = Date.now() / 1000;
      state.datasets.set(arn, { name: input.name as string, arn, groupArn: g.arn, datasetType: type, schemaArn: s.arn, status: 'ACTIVE', created: now, updated: now, ...paced(now) });
      o.onChange();
      return { datasetArn: arn };
    },
    ListSchemas(input) {
      const all = [...state.schemas.values()].sort(newestFirst).map(schemaSummary);
      const p = page(all, input, 'ListSchemas');
      return { schemas: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DescribeSchema(input) {
      const s = state.schemas.get(input.schemaArn as string) ?? throwIt(notFound(input.schemaArn as string));
      return { schema: { name: s.name, schemaArn: s.arn, schema: s.schema, creationDateTime: s.created, lastUpdatedDateTime: s.updated, ...(s.domain ? { domain: s.domain } : {}) } };
    },
    CreateSchema(input) {
      const name = input.name as string;
      const arn = state.arn('schema', name);
      if (state.schemas.has(arn)) throw new ServiceError('ResourceAlreadyExistsException', `Schema ${arn} already exists.`);
      checkSchema(input.schema as string, input.domain as string | undefined);
      const now = Date.now() / 1000;
      state.schemas.set(arn, { name, arn, schema: input.schema as string, ...(input.domain ? { domain: input.domain as string } : {}), created: now, updated: now });
      o.onChange();
      return { schemaArn: arn };
    },
    CreateDatasetImportJob(input) {
      const d = dataset(input.datasetArn as string);
      const dstatus = statusOf(d);
      if (dstatus !== 'ACTIVE') throw inUse(`Dataset ${d.arn} is ${dstatus}: an import needs it ACTIVE.`);
      const roleProblem = o.roleProblem?.(input.roleArn as string);
      if (roleProblem) throw new ServiceError('InvalidInputException', roleProblem);
      const name = input.jobName as string;
      const arn = state.arn('dataset-import-job', name);
      if (state.jobs.has(arn)) throw new ServiceError('ResourceAlreadyExistsException', `Dataset import job ${arn} already exists.`);
      checkTagCount(arn, input.tags);
      const running = [...state.jobs.values()].filter((j) => j.status === 'CREATE PENDING' || j.status === 'CREATE IN_PROGRESS').length;
      if (running >= MAX_RUNNING_JOBS) throw new ServiceError('LimitExceededException', `More than ${MAX_RUNNING_JOBS} resources with PENDING or IN_PROGRESS status.`);
      const mode = (input.importMode as 'FULL' | 'INCREMENTAL' | undefined) ?? 'FULL';
      if (mode === 'INCREMENTAL' && !state.hasBulkImport(d.arn)) {
        throw new ServiceError('InvalidInputException', `Import mode INCREMENTAL is not allowed: dataset ${d.arn} has no data imported in bulk yet. Import it in FULL mode first.`);
      }
      const location = ((input.dataSource as Input | undefined)?.dataLocation as string | undefined) ?? '';
      if (!location) throw new ServiceError('InvalidInputException', 'Invalid Data location.');
      const now = Date.now() / 1000;
      const job: JobRec = {
        name,
        arn,
        datasetArn: d.arn,
        dataLocation: location,
        roleArn: input.roleArn as string,
        status: 'CREATE PENDING',
        importMode: mode,
        ...(typeof input.publishAttributionMetricsToS3 === 'boolean' ? { publishAttributionMetricsToS3: input.publishAttributionMetricsToS3 } : {}),
        created: now,
        updated: now,
        seq: state.nextSeq(),
        ...(Array.isArray(input.tags) ? { tags: input.tags as JobRec['tags'] } : {}),
      };
      state.jobs.set(arn, job);
      o.onChange();
      o.jobs.start(job);
      return { datasetImportJobArn: arn };
    },
    DescribeDatasetImportJob(input) {
      const j = state.jobs.get(input.datasetImportJobArn as string) ?? throwIt(notFound(input.datasetImportJobArn as string));
      return {
        datasetImportJob: {
          jobName: j.name,
          datasetImportJobArn: j.arn,
          datasetArn: j.datasetArn,
          dataSource: { dataLocation: j.dataLocation },
          roleArn: j.roleArn,
          status: j.status,
          creationDateTime: j.created,
          lastUpdatedDateTime: j.updated,
          ...(j.failureReason ? { failureReason: j.failureReason } : {}),
          importMode: j.importMode,
          publishAttributionMetricsToS3: j.publishAttributionMetricsToS3 ?? false,
        },
      };
    },
    ListDatasetImportJobs(input) {
      const ds = input.datasetArn as string | undefined;
      const all = [...state.jobs.values()]
        .filter((j) => !ds || j.datasetArn === ds)
        .sort((a, b) => b.created - a.created || b.seq - a.seq)
        .map(jobSummary);
      const p = page(all, input, 'ListDatasetImportJobs');
      return { datasetImportJobs: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    ListMetricAttributions(input) {
      const p = page([] as unknown[], input, 'ListMetricAttributions');
      return { metricAttributions: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
  };

  Object.assign(handlers, lifecycleHandlers(state, { onChange: o.onChange, pace }));
  Object.assign(handlers, trackerHandlers(state, { onChange: o.onChange, pendingSeconds: o.trackerPendingSeconds ?? 0, page }));

  function send(res: ServerResponse, status: number, body: unknown, entry: RequestLogEntry): void {
    const text = JSON.stringify(body);
    entry.status = status;
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith('AmazonPersonalize.') ? target.slice('AmazonPersonalize.'.length) : '';
    const entry: RequestLogEntry = { operation: op || target || '(none)', time: Date.now(), status: 0 };
    log.push(entry);
    if (log.length > 10_000) log.splice(0, log.length - 10_000); // a long-running sandbox keeps the recent ones
    const fail = (e: ServiceError) => {
      entry.error = e.type;
      send(res, e.status, e.type === 'SerializationException' ? { __type: e.type, Message: e.message } : { __type: e.type, message: e.message }, entry);
    };
    if (req.method !== 'POST' || !handlers[op]) {
      // what the service's front end (Coral) answers for a target it does not know
      return fail(new ServiceError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`));
    }
    const fault = takeFault(op);
    if (fault === 'disconnect') {
      entry.error = 'disconnect';
      req.socket.destroy();
      return;
    }
    if (fault === 'throttle') return fail(new ServiceError('ThrottlingException', 'Rate exceeded'));
    sweepDeleted(state, o.onChange);
    const input = parseJsonObject<Input>(chunks);
    if (!input) return fail(new ServiceError('SerializationException', 'Start of structure or map found where not expected.'));
    try {
      checkInput(op, input);
      send(res, 200, handlers[op](input), entry);
    } catch (e) {
      if (e instanceof ServiceError) return fail(e);
      return fail(new ServiceError('InternalServerError', e instanceof Error ? e.message : String(e), 500));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const port = await listenLoopback(server, o.port);
  return {
    server,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    faults,
    log,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function throwIt(e: Error): never {
  throw e;
}

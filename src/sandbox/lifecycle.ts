// Resources that take time: CREATE PENDING → CREATE IN_PROGRESS → ACTIVE after a create, DELETE
// PENDING → gone after a delete, UPDATE PENDING → ACTIVE after UpdateDataset (see Paced in
// state.ts), and the operations that change a dataset's schema or delete what an import needs,
// with the service's conflict errors (ResourceInUseException) for what is in use or not ready.
import { ServiceError } from './checks.js';
import { checkForType, checkSchema, checkUpdate } from './schema-checks.js';
import type { Paced, SandboxState } from './state.js';

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

/** The status a paced resource shows now (see Paced in state.ts). */
export function statusOf(r: Paced & { status: string }, now = Date.now() / 1000): string {
  if (r.deleteAt !== undefined) return 'DELETE PENDING';
  if (r.inProgressAt !== undefined && now < r.inProgressAt) return 'CREATE PENDING';
  if (r.activeAt !== undefined && now < r.activeAt) return 'CREATE IN_PROGRESS';
  return r.status;
}

/** lastUpdatedDateTime: the last status change that has happened by now. */
export function updatedOf(r: Paced & { updated: number }, now = Date.now() / 1000): number {
  let t = r.updated;
  for (const at of [r.inProgressAt, r.activeAt]) if (at !== undefined && at <= now && at > t) t = at;
  return t;
}

/** CREATE PENDING for the first half of `pace` seconds, CREATE IN_PROGRESS for the second. */
export function pacedFrom(now: number, pace: number): Paced {
  return pace > 0 ? { inProgressAt: now + pace / 2, activeAt: now + pace } : {};
}

/** Deleted resources whose DELETE PENDING time is over are gone. */
export function sweepDeleted(state: SandboxState, onChange: () => void): void {
  const now = Date.now() / 1000;
  let changed = false;
  for (const d of [...state.datasets.values()]) {
    if (d.deleteAt !== undefined && d.deleteAt <= now) {
      state.forgetDataset(d.arn);
      changed = true;
    }
  }
  for (const g of [...state.groups.values()]) {
    if (g.deleteAt !== undefined && g.deleteAt <= now) {
      state.groups.delete(g.arn);
      changed = true;
    }
  }
  if (changed) onChange();
}

const notFound = (arn: string) => new ServiceError('ResourceNotFoundException', `Could not find resource with ARN ${arn}`);
const inUse = (msg: string) => new ServiceError('ResourceInUseException', msg);

export function lifecycleHandlers(state: SandboxState, o: { onChange: () => void; pace: number }): Record<string, (input: Input) => Output> {
  const { pace } = o;
  const found = <T>(v: T | undefined, arn: string): T => {
    if (v === undefined) throw notFound(arn);
    return v;
  };
  const group = (arn: string) => found(state.groups.get(arn), arn);
  const dataset = (arn: string) => found(state.datasets.get(arn), arn);
  const schemaRec = (arn: string) => found(state.schemas.get(arn), arn);
  const liveDatasets = (groupArn: string) => [...state.datasets.values()].filter((d) => d.groupArn === groupArn);
  return {
    UpdateDataset(input) {
      const d = dataset(input.datasetArn as string);
      const s = schemaRec(input.schemaArn as string);
      const ds = statusOf(d);
      if (ds !== 'ACTIVE') throw inUse(`Dataset ${d.arn} is ${ds}: it can be updated once it is ACTIVE.`);
      const now = Date.now() / 1000;
      if (d.latestUpdate && now < d.latestUpdate.activeAt) throw inUse(`Dataset ${d.arn} has an update in progress.`);
      if (d.datasetType !== 'ITEMS' && d.datasetType !== 'USERS') {
        throw new ServiceError('InvalidInputException', `Only Items and Users datasets can be updated with a new schema; ${d.arn} is ${d.datasetType}.`);
      }
      const g = group(d.groupArn);
      if ((s.domain ?? '') !== (g.domain ?? '')) throw new ServiceError('InvalidInputException', `The schema ${s.arn} (domain ${s.domain ?? 'none'}) does not match the dataset group's domain (${g.domain ?? 'none'}).`);
      const next = checkSchema(s.schema, s.domain).fields;
      checkForType(next, d.datasetType, g.domain);
      checkUpdate(checkSchema(schemaRec(d.schemaArn).schema).fields, next);
      d.latestUpdate = { schemaArn: s.arn, created: now, activeAt: now + pace };
      d.schemaArn = s.arn;
      d.updated = now;
      o.onChange();
      return { datasetArn: d.arn };
    },
    DeleteDataset(input) {
      const d = dataset(input.datasetArn as string);
      const ds = statusOf(d);
      if (ds !== 'ACTIVE' && ds !== 'CREATE FAILED') throw inUse(`Dataset ${d.arn} is ${ds}.`);
      const running = [...state.jobs.values()].find((j) => j.datasetArn === d.arn && (j.status === 'CREATE PENDING' || j.status === 'CREATE IN_PROGRESS'));
      if (running) throw inUse(`Dataset ${d.arn} has an import job in progress (${running.arn}).`);
      const now = Date.now() / 1000;
      d.deleteAt = now + pace;
      d.updated = now;
      if (pace === 0) state.forgetDataset(d.arn);
      o.onChange();
      return {};
    },
    DeleteSchema(input) {
      const s = schemaRec(input.schemaArn as string);
      const user = [...state.datasets.values()].find((d) => d.schemaArn === s.arn);
      if (user) throw inUse(`Schema ${s.arn} is used by dataset ${user.arn}.`);
      state.schemas.delete(s.arn);
      o.onChange();
      return {};
    },
    DeleteDatasetGroup(input) {
      const g = group(input.datasetGroupArn as string);
      const gs = statusOf(g);
      if (gs !== 'ACTIVE' && gs !== 'CREATE FAILED') throw inUse(`Dataset group ${g.arn} is ${gs}.`);
      const inside = liveDatasets(g.arn);
      if (inside.length) throw inUse(`Dataset group ${g.arn} still has ${inside.length} dataset${inside.length === 1 ? '' : 's'} (${inside.map((d) => d.datasetType).join(', ')}): delete ${inside.length === 1 ? 'it' : 'them'} first.`);
      const tracker = [...state.trackers.values()].find((t) => t.groupArn === g.arn);
      if (tracker) throw inUse(`Dataset group ${g.arn} still has the event tracker ${tracker.arn}: delete it first.`);
      const now = Date.now() / 1000;
      g.deleteAt = now + pace;
      g.updated = now;
      if (pace === 0) state.groups.delete(g.arn);
      o.onChange();
      return {};
    },
  };
}

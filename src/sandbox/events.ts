// Amazon Personalize Events (the data plane) for the sandbox: REST-JSON, POST /users, /items,
// /events with JSON bodies, as @aws-sdk/client-personalize-events sends them (member names and
// constraints from the published API model, botocore personalize-events/2018-03-22). Plus the
// control plane's event tracker operations (CreateEventTracker, ListEventTrackers,
// DescribeEventTracker), served by personalize.ts through `trackerHandlers`.
//
// What it checks, answering InvalidInputException (HTTP 400, x-amzn-errortype) as the service does:
// list sizes 1–10, ID lengths, properties (JSON object; keys the camelCase of a schema field;
// values of the field's type; over-long: the API model's limits, then the documented quotas —
// users 4,096 / items 24,262 / event properties 1,024 characters, events 10 KB), the dataset's type.
// Messages for the model's limits use the Coral wording; the rest are the sandbox's own wording.
// Rates: PutUsers / PutItems 10 calls/s per dataset group, PutEvents 1000/s per tracker, beyond
// which it answers ThrottlingException (the SDK retries it).
// Records land in state as `individual` rows keyed like bulk rows; a FULL bulk import keeps them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { checkTagCount, ServiceError } from './checks.js';
import type { RequestLogEntry } from './request-log.js';
import type { Row, SandboxState, TrackerRec } from './state.js';
import { listenLoopback } from './listen.js';
import { parseJsonObject } from './json-body.js';

type Input = Record<string, unknown>;

/** The documented quotas (PERSONALIZE-FACTS.md), stricter than the API model's lengths. */
export const EVENTS_LIMITS = {
  userProperties: 4096,
  itemProperties: 24262,
  eventProperties: 1024,
  eventBytes: 10 * 1024,
  /** calls a second */
  putUsersPerGroup: 10,
  putItemsPerGroup: 10,
  putEventsPerTracker: 1000,
} as const;

/** The API model's lengths (personalize-events/2018-03-22). */
const MODEL = { userProperties: 24000, itemProperties: 32000, eventProperties: 1024, id: 256, recommendationId: 40, impression: 25, list: 10, arn: 256 } as const;
const FORBIDDEN_EVENT_KEYS = new Set(['userid', 'sessionid', 'eventtype', 'timestamp', 'recommendationid', 'impression']);

interface Field {
  name: string;
  type: string;
  nullable: boolean;
  categorical: boolean;
}

function fieldsOf(schema: string): Field[] {
  const parsed = JSON.parse(schema) as { fields: { name: string; type: string | string[]; categorical?: boolean }[] };
  return parsed.fields.map((f) => {
    const types = Array.isArray(f.type) ? f.type : [f.type];
    return { name: f.name, type: types.find((t) => t !== 'null') ?? 'string', nullable: types.includes('null'), categorical: Boolean(f.categorical) };
  });
}

const camel = (name: string) => name.toLowerCase().split('_').filter(Boolean).map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');

const invalid = (msg: string) => new ServiceError('InvalidInputException', msg);
const coral = (errors: string[]) => invalid(`${errors.length} validation error${errors.length === 1 ? '' : 's'} detected: ${errors.join('; ')}`);

/** Coral's wording; the value is not echoed (these members are "sensitive" in the model). */
function lengthCheck(errors: string[], at: string, v: unknown, min: number, max: number, required = true): void {
  if (v === undefined || v === null) {
    if (required) errors.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  if (typeof v !== 'string') throw new ServiceError('SerializationException', `Unexpected value type for '${at}': expected string`);
  if (v.length < min) errors.push(`Value at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
  if (v.length > max) errors.push(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
}

function listCheck(errors: string[], at: string, v: unknown): unknown[] {
  if (v === undefined || v === null) {
    errors.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    return [];
  }
  if (!Array.isArray(v)) throw new ServiceError('SerializationException', `Unexpected value type for '${at}': expected list`);
  if (v.length < 1) errors.push(`Value '[]' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (v.length > MODEL.list) errors.push(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${MODEL.list}`);
  return v;
}

/** Properties JSON → a row's columns (schema field names), or InvalidInputException. */
function propertiesToRow(json: string, fields: Field[], skip: Set<string>, what: string, forbidden?: Set<string>): Row {
  let obj: unknown;
  try {
    obj = JSON.parse(json);
  } catch {
    throw invalid(`Invalid properties for ${what}: not valid JSON.`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw invalid(`Invalid properties for ${what}: expected a JSON object of field names to values.`);
  const byKey = new Map(fields.filter((f) => !skip.has(f.name)).map((f) => [camel(f.name).toLowerCase(), f] as const));
  const row: Row = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (forbidden?.has(k.toLowerCase())) throw invalid(`Invalid properties for ${what}: '${k}' cannot be a property key.`);
    const f = byKey.get(k.toLowerCase());
    if (!f) throw invalid(`Invalid properties for ${what}: '${k}' does not match a field of the dataset's schema (keys are the camelCase of field names, e.g. NUMBER_OF_RATINGS → numberOfRatings).`);
    if (v === null) {
      if (!f.nullable) throw invalid(`Invalid properties for ${what}: ${f.name} cannot be null.`);
      row[f.name] = '';
      continue;
    }
    const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    if (s === undefined) throw invalid(`Invalid properties for ${what}: the value of '${k}' must be a string, number or boolean.`);
    const ok =
      f.type === 'int' || f.type === 'long'
        ? /^-?\d+$/.test(s)
        : f.type === 'float' || f.type === 'double'
          ? /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)
          : f.type === 'boolean'
            ? s === 'true' || s === 'false'
            : true;
    if (!ok) throw invalid(`Invalid properties for ${what}: '${s.length > 40 ? s.slice(0, 40) + '…' : s}' is not a valid ${f.type} for ${f.name}.`);
    if (f.categorical && s.length > 1000) throw invalid(`Invalid properties for ${what}: the categorical value of ${f.name} is ${s.length} characters; at most 1000.`);
    row[f.name] = s;
  }
  for (const f of fields) if (!skip.has(f.name) && !f.nullable && !(f.name in row)) throw invalid(`Invalid properties for ${what}: ${f.name} is required by the dataset's schema.`);
  return row;
}

export interface EventsServerOptions {
  state: SandboxState;
  port: number;
  /** shared with the control plane: every call, oldest first */
  log: RequestLogEntry[];
  onChange: () => void;
}

export interface EventsServer {
  server: Server;
  endpoint: string;
  close(): Promise<void>;
  /** test knob: PutUsers / PutItems / PutEvents are handled (the records stored) at once, and
   * answered `ms` later — a call still in flight when the client stops may have gone in */
  setAnswerDelay(ms: number): void;
  /** test knob: the next `count` PutUsers / PutItems / PutEvents calls store their records, then
   * answer 500 InternalFailure (`how: 'server-error'`) or drop the connection (`'drop'`) — a call
   * that failed after it went in */
  failAfterStore(count: number, how: 'server-error' | 'drop'): void;
  /** test knob: the next calls, one fault each in this order: 'drop' / 'server-error' after storing
   * the records (as failAfterStore), 'throttle' before (ThrottlingException, nothing stored) */
  queueFaults(faults: ('server-error' | 'drop' | 'throttle')[]): void;
}

const ROUTES: Record<string, 'PutUsers' | 'PutItems' | 'PutEvents'> = { '/users': 'PutUsers', '/items': 'PutItems', '/events': 'PutEvents' };

export async function startEvents(o: EventsServerOptions): Promise<EventsServer> {
  const { state } = o;
  let answerDelayMs = 0;
  let faults: ('server-error' | 'drop' | 'throttle')[] = [];
  /** "op group-or-tracker" → call times (ms) in the last second */
  const windows = new Map<string, number[]>();

  function admit(key: string, perSecond: number, now: number): boolean {
    const w = (windows.get(key) ?? []).filter((t) => t > now - 1000);
    if (w.length >= perSecond) {
      windows.set(key, w);
      return false;
    }
    w.push(now);
    windows.set(key, w);
    return true;
  }

  function dataset(arn: unknown, type: string, op: string) {
    const errors: string[] = [];
    lengthCheck(errors, 'datasetArn', arn, 0, MODEL.arn);
    if (errors.length) throw coral(errors);
    if (!/arn:([a-z\d-]+):personalize:.*:.*:.+/.test(arn as string)) throw coral([`Value '${String(arn)}' at 'datasetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+`]);
    const d = state.datasets.get(arn as string);
    if (!d) throw new ServiceError('ResourceNotFoundException', `Could not find resource with ARN ${String(arn)}`, 404);
    if (d.status !== 'ACTIVE') throw new ServiceError('ResourceInUseException', `Dataset ${d.arn} is ${d.status}, not ACTIVE.`, 409);
    if (d.datasetType !== type) throw invalid(`${op} takes a ${type === 'USERS' ? 'Users' : 'Items'} dataset; ${d.arn} is a ${d.datasetType} dataset.`);
    const schema = state.schemas.get(d.schemaArn);
    return { d, fields: schema ? fieldsOf(schema.schema) : [] };
  }

  function putUsersOrItems(op: 'PutUsers' | 'PutItems', input: Input): { group: string; rows: Row[]; datasetArn: string; type: string } {
    const isUsers = op === 'PutUsers';
    const type = isUsers ? 'USERS' : 'ITEMS';
    const listName = isUsers ? 'users' : 'items';
    const idName = isUsers ? 'userId' : 'itemId';
    const idField = isUsers ? 'USER_ID' : 'ITEM_ID';
    const errors: string[] = [];
    const list = listCheck(errors, listName, input[listName]);
    list.forEach((m, i) => {
      const r = (m ?? {}) as Input;
      lengthCheck(errors, `${listName}.${i + 1}.member.${idName}`, r[idName], 1, MODEL.id);
      lengthCheck(errors, `${listName}.${i + 1}.member.properties`, r.properties, 1, isUsers ? MODEL.userProperties : MODEL.itemProperties, false);
    });
    if (errors.length) throw coral(errors);
    const { d, fields } = dataset(input.datasetArn, type, op);
    const quota = isUsers ? EVENTS_LIMITS.userProperties : EVENTS_LIMITS.itemProperties;
    const rows = list.map((m) => {
      const r = m as Input;
      const id = r[idName] as string;
      const props = r.properties as string | undefined;
      if (props !== undefined && props.length > quota) {
        throw invalid(`The properties of ${isUsers ? 'user' : 'item'} ${id} are ${props.length} characters long; the maximum is ${quota}.`);
      }
      return { [idField]: id, ...(props !== undefined ? propertiesToRow(props, fields, new Set([idField]), `${isUsers ? 'user' : 'item'} ${id}`) : {}) } as Row;
    });
    return { group: d.groupArn, rows, datasetArn: d.arn, type };
  }

  function putEvents(input: Input): { tracker: TrackerRec; rows: Row[]; datasetArn: string } {
    const errors: string[] = [];
    lengthCheck(errors, 'trackingId', input.trackingId, 1, MODEL.id);
    lengthCheck(errors, 'userId', input.userId, 1, MODEL.id, false);
    lengthCheck(errors, 'sessionId', input.sessionId, 1, MODEL.id);
    const list = listCheck(errors, 'eventList', input.eventList);
    list.forEach((m, i) => {
      const e = (m ?? {}) as Input;
      const at = `eventList.${i + 1}.member`;
      lengthCheck(errors, `${at}.eventType`, e.eventType, 1, MODEL.id);
      if (e.sentAt === undefined || e.sentAt === null) errors.push(`Value null at '${at}.sentAt' failed to satisfy constraint: Member must not be null`);
      else if (typeof e.sentAt !== 'number') throw new ServiceError('SerializationException', `Unexpected value type for '${at}.sentAt': expected timestamp`);
      lengthCheck(errors, `${at}.eventId`, e.eventId, 1, MODEL.id, false);
      lengthCheck(errors, `${at}.itemId`, e.itemId, 1, MODEL.id, false);
      lengthCheck(errors, `${at}.properties`, e.properties, 1, MODEL.eventProperties, false);
      lengthCheck(errors, `${at}.recommendationId`, e.recommendationId, 1, MODEL.recommendationId, false);
      if (Array.isArray(e.impression) && (e.impression.length < 1 || e.impression.length > MODEL.impression)) {
        errors.push(`Value at '${at}.impression' failed to satisfy constraint: Member must have length less than or equal to ${MODEL.impression}`);
      }
    });
    if (errors.length) throw coral(errors);
    const tracker = [...state.trackers.values()].find((t) => t.trackingId === input.trackingId);
    if (!tracker) throw invalid(`Invalid tracking ID ${String(input.trackingId)}: no event tracker has it.`);
    if (trackerStatus(tracker) !== 'ACTIVE') throw invalid(`The event tracker ${tracker.name} is not ACTIVE yet.`);
    const d = [...state.datasets.values()].find((x) => x.groupArn === tracker.groupArn && x.datasetType === 'INTERACTIONS');
    if (!d) throw invalid(`The dataset group ${tracker.groupArn} has no Interactions dataset for the events.`);
    const schema = state.schemas.get(d.schemaArn);
    const fields = schema ? fieldsOf(schema.schema) : [];
    const members = new Set(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE', 'IMPRESSION', 'RECOMMENDATION_ID', 'EVENT_ATTRIBUTION_SOURCE']);
    const has = (name: string) => fields.some((f) => f.name === name);
    const rows = list.map((m, i) => {
      const e = m as Input;
      const what = `event ${i + 1}`;
      const size = Buffer.byteLength(JSON.stringify(e));
      if (size > EVENTS_LIMITS.eventBytes) throw invalid(`Event ${i + 1} is ${size} bytes; the maximum is ${EVENTS_LIMITS.eventBytes}.`);
      const row: Row = {};
      if (has('USER_ID')) row.USER_ID = (input.userId as string | undefined) ?? '';
      if (has('ITEM_ID')) row.ITEM_ID = (e.itemId as string | undefined) ?? '';
      row.TIMESTAMP = String(Math.floor(e.sentAt as number));
      if (has('EVENT_TYPE')) row.EVENT_TYPE = e.eventType as string;
      if (has('EVENT_VALUE') && typeof e.eventValue === 'number') row.EVENT_VALUE = String(e.eventValue);
      if (has('IMPRESSION') && Array.isArray(e.impression)) row.IMPRESSION = (e.impression as string[]).join('|');
      if (has('RECOMMENDATION_ID') && typeof e.recommendationId === 'string') row.RECOMMENDATION_ID = e.recommendationId;
      if (typeof e.properties === 'string') Object.assign(row, propertiesToRow(e.properties, fields.map((f) => ({ ...f, nullable: true })), members, what, FORBIDDEN_EVENT_KEYS));
      if (typeof e.eventId === 'string') row.EVENT_ID = e.eventId;
      return row;
    });
    return { tracker, rows, datasetArn: d.arn };
  }

  function send(res: ServerResponse, entry: RequestLogEntry, status: number, error?: ServiceError): void {
    entry.status = status;
    const body = error ? JSON.stringify({ message: error.message }) : '';
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': randomUUID() };
    if (error) {
      entry.error = error.type;
      headers['x-amzn-errortype'] = error.type;
    }
    res.writeHead(status, headers);
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const route = ROUTES[(req.url ?? '').split('?')[0]];
    const now = Date.now();
    const entry: RequestLogEntry = { operation: route ?? `${req.method} ${req.url}`, time: now, status: 0 };
    const app = /(?:^|\s)app\/(\S+)/.exec(`${req.headers['x-amz-user-agent'] ?? ''} ${req.headers['user-agent'] ?? ''}`)?.[1];
    if (app) entry.app = app;
    o.log.push(entry);
    if (o.log.length > 10_000) o.log.splice(0, o.log.length - 10_000);
    if (!route || req.method !== 'POST') return send(res, entry, 404, new ServiceError('UnknownOperationException', `No operation at ${req.method} ${req.url}`, 404));
    const input = parseJsonObject<Input>(chunks);
    if (!input) return send(res, entry, 400, new ServiceError('SerializationException', 'Start of structure or map found where not expected.'));
    const list = input.users ?? input.items ?? input.eventList;
    if (Array.isArray(list)) entry.records = list.length;
    try {
      if (faults[0] === 'throttle') {
        faults.shift();
        throw new ServiceError('ThrottlingException', 'Rate exceeded');
      }
      if (route === 'PutEvents') {
        const r = putEvents(input);
        entry.target = r.tracker.arn;
        if (!admit(`PutEvents ${r.tracker.arn}`, EVENTS_LIMITS.putEventsPerTracker, now)) throw new ServiceError('ThrottlingException', 'Rate exceeded');
        state.putIndividual(r.datasetArn, 'INTERACTIONS', r.rows);
      } else {
        const r = putUsersOrItems(route, input);
        entry.target = r.datasetArn;
        if (!admit(`${route} ${r.group}`, route === 'PutUsers' ? EVENTS_LIMITS.putUsersPerGroup : EVENTS_LIMITS.putItemsPerGroup, now)) throw new ServiceError('ThrottlingException', 'Rate exceeded');
        state.putIndividual(r.datasetArn, r.type, r.rows);
      }
      o.onChange();
      const fault = faults.shift();
      if (fault) {
        if (fault === 'drop') {
          // status stays 0: connection destroyed
          req.socket.destroy();
          return;
        }
        throw new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
      }
      if (answerDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
        // the client gave up waiting (its socket closed): the records are stored all the same
        if (res.destroyed || req.socket.destroyed) return;
      }
      send(res, entry, 200);
    } catch (e) {
      if (e instanceof ServiceError) return send(res, entry, e.status, e);
      return send(res, entry, 500, new ServiceError('InternalServerError', e instanceof Error ? e.message : String(e), 500));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const port = await listenLoopback(server, o.port);
  return {
    server,
    endpoint: `http://127.0.0.1:${port}`,
    setAnswerDelay(ms) {
      answerDelayMs = Math.max(0, ms);
    },
    failAfterStore(count, how) {
      faults = Array.from({ length: Math.max(0, count) }, () => how);
    },
    queueFaults(list) {
      faults = [...list];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A new tracker is CREATE PENDING for a moment (activeAt), then ACTIVE. */
export function trackerStatus(t: TrackerRec, now = Date.now() / 1000): string {
  return now >= t.activeAt ? 'ACTIVE' : 'CREATE PENDING';
}

/** Control-plane operations for event trackers (JSON 1.1, served by personalize.ts). */
export function trackerHandlers(
  state: SandboxState,
  o: { onChange: () => void; pendingSeconds: number; page: <T>(items: T[], input: Input, op: string) => { items: T[]; nextToken?: string } },
): Record<string, (input: Input) => Record<string, unknown>> {
  const summary = (t: TrackerRec) => ({ name: t.name, eventTrackerArn: t.arn, status: trackerStatus(t), creationDateTime: t.created, lastUpdatedDateTime: Math.max(t.updated, Math.min(t.activeAt, Date.now() / 1000)) });
  return {
    CreateEventTracker(input) {
      const groupArn = input.datasetGroupArn as string;
      const g = state.groups.get(groupArn);
      if (!g) throw new ServiceError('ResourceNotFoundException', `Could not find resource with ARN ${groupArn}`);
      const name = input.name as string;
      const arn = state.arn('event-tracker', name);
      if (state.trackers.has(arn)) throw new ServiceError('ResourceAlreadyExistsException', `Event tracker ${arn} already exists.`);
      checkTagCount(arn, input.tags);
      if ([...state.trackers.values()].some((t) => t.groupArn === groupArn)) {
        throw new ServiceError('LimitExceededException', `The dataset group ${groupArn} already has an event tracker; a dataset group can have only one.`);
      }
      const now = Date.now() / 1000;
      const t: TrackerRec = { name, arn, groupArn, trackingId: randomUUID(), created: now, updated: now, activeAt: now + o.pendingSeconds };
      state.trackers.set(arn, t);
      o.onChange();
      return { eventTrackerArn: arn, trackingId: t.trackingId };
    },
    ListEventTrackers(input) {
      const g = input.datasetGroupArn as string | undefined;
      if (g && !state.groups.has(g)) throw new ServiceError('ResourceNotFoundException', `Could not find resource with ARN ${g}`);
      const all = [...state.trackers.values()].filter((t) => !g || t.groupArn === g).sort((a, b) => b.created - a.created).map(summary);
      const p = o.page(all, input, 'ListEventTrackers');
      return { eventTrackers: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
    DescribeEventTracker(input) {
      const arn = input.eventTrackerArn as string;
      const t = state.trackers.get(arn);
      if (!t) throw new ServiceError('ResourceNotFoundException', `Could not find resource with ARN ${arn}`);
      return { eventTracker: { ...summary(t), accountId: state.accountId, trackingId: t.trackingId, datasetGroupArn: t.groupArn } };
    },
  };
}

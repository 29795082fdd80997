// CSV rows → the User / Item / Event objects the personalize-events API takes, with the limits the
// service enforces checked here first, so a record that cannot go in is reported with its line
// (and never sent) instead of failing a whole call of ten.
//
// Properties: every schema field except the ones the API has its own member for, keyed by the
// camelCase of the field name (NUMBER_OF_RATINGS → numberOfRatings, CATEGORY_L1 → categoryL1),
// as a JSON string. Numbers and booleans are sent as JSON numbers / booleans when they parse; a
// value that does not parse is sent as the string it is and the service decides (the validator
// reports it before any import). Empty values are left out (null in the schema).
import type { DatasetType } from '../core/resources.js';
import type { SchemaField, SchemaModel } from '../validate/schema.js';
import type { EventRecord, ItemRecord, UserRecord } from './ports.js';
import { withCommas } from '../core/with-commas.js';

/** The service's limits on individual records (PERSONALIZE-FACTS.md, botocore personalize-events model). */
export const LIMITS = {
  /** characters of an item's properties JSON (the API model allows 32,000; the documented quota is lower) */
  itemProperties: 24_262,
  /** characters of a user's properties JSON (the API model allows 24,000; the documented quota is lower) */
  userProperties: 4_096,
  /** characters of an event's properties JSON */
  eventProperties: 1_024,
  /** bytes of one event as sent */
  eventBytes: 10 * 1024,
  /** userId, itemId, eventType, eventId, sessionId */
  id: 256,
  recommendationId: 40,
  impressionItems: 25,
  /** records a call (PutUsers / PutItems / PutEvents) */
  perCall: 10,
} as const;

/** PutEvents does not take these as property keys (case-insensitive), per the API reference. */
const FORBIDDEN_EVENT_KEYS = new Set(['userid', 'sessionid', 'eventtype', 'timestamp', 'recommendationid', 'impression']);

/** Interactions columns that map to Event members (or the call's user / session), not to properties. */
const EVENT_MEMBERS = new Set(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE', 'IMPRESSION', 'RECOMMENDATION_ID', 'EVENT_ATTRIBUTION_SOURCE', 'EVENT_ID', 'SESSION_ID']);

/** When the Interactions schema has no EVENT_TYPE column, PutEvents still needs one: this is sent. */
export const DEFAULT_EVENT_TYPE = 'interaction';

export type SupportedType = 'USERS' | 'ITEMS' | 'INTERACTIONS';
export const SUPPORTED_TYPES: readonly DatasetType[] = ['USERS', 'ITEMS', 'INTERACTIONS'];

export function isSupportedType(t: DatasetType): t is SupportedType {
  return (SUPPORTED_TYPES as readonly string[]).includes(t);
}

/** NUMBER_OF_RATINGS → numberOfRatings; CATEGORY_L1 → categoryL1; already camelCase stays. */
export function camelCase(field: string): string {
  if (!field.includes('_') && field !== field.toUpperCase()) return field[0].toLowerCase() + field.slice(1);
  const parts = field.toLowerCase().split('_').filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
}

export type Converted =
  | { ok: true; kind: 'USERS'; line: number; id: string; record: UserRecord }
  | { ok: true; kind: 'ITEMS'; line: number; id: string; record: ItemRecord }
  | { ok: true; kind: 'INTERACTIONS'; line: number; id: string; userId: string; sessionId: string; record: EventRecord }
  | { ok: false; line: number; id: string; reason: string };

export interface Converter {
  /** the header's columns that are sent (schema fields found in the header) */
  readonly used: string[];
  /** the header's columns that are not in the schema (left out, as a bulk import leaves them out) */
  readonly ignored: string[];
  convert(fields: string[], line: number): Converted;
}

function typed(f: SchemaField, v: string): unknown {
  switch (f.type) {
    case 'int':
    case 'long':
      return /^-?\d+$/.test(v) ? Number(v) : v;
    case 'float':
    case 'double':
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) ? Number(v) : v;
    case 'boolean':
      return v === 'true' ? true : v === 'false' ? false : v;
    default:
      return v;
  }
}

const n = (x: number) => withCommas(x);

/**
 * A converter for one CSV header. Throws nothing: a row that cannot become a record comes back as
 * `{ ok: false, reason }` with its line.
 */
export function converter(type: SupportedType, schema: SchemaModel, header: string[]): Converter {
  const cols = header.map((h) => h.trim());
  const byName = new Map(schema.fields.map((f) => [f.name, f] as const));
  const index = (name: string) => cols.indexOf(name);
  const used = cols.filter((c) => byName.has(c));
  const ignored = cols.filter((c) => !byName.has(c));
  const idField = type === 'USERS' ? 'USER_ID' : type === 'ITEMS' ? 'ITEM_ID' : 'USER_ID';
  const propFields = schema.fields.filter((f) => index(f.name) >= 0 && (type === 'INTERACTIONS' ? !EVENT_MEMBERS.has(f.name) : f.name !== idField));

  function properties(fields: string[]): { json?: string; problem?: string } {
    const obj: Record<string, unknown> = {};
    for (const f of propFields) {
      const v = fields[index(f.name)] ?? '';
      if (v === '') {
        if (!f.nullable) return { problem: `${f.name} is empty, and the schema does not allow null for it` };
        continue;
      }
      const key = camelCase(f.name);
      if (type === 'INTERACTIONS' && FORBIDDEN_EVENT_KEYS.has(key.toLowerCase())) continue;
      obj[key] = typed(f, v);
    }
    return Object.keys(obj).length ? { json: JSON.stringify(obj) } : {};
  }

  const value = (fields: string[], name: string): string => {
    const i = index(name);
    return i < 0 ? '' : (fields[i] ?? '');
  };

  function idProblem(name: string, v: string): string | undefined {
    if (v === '') return `${name} is empty`;
    if (v.length > LIMITS.id) return `${name} is ${n(v.length)} characters; the API takes at most ${LIMITS.id}`;
    return undefined;
  }

  return {
    used,
    ignored,
    convert(fields, line) {
      if (fields.length !== cols.length) {
        return { ok: false, line, id: fields[index(idField)] ?? '', reason: `${fields.length} values but the header has ${cols.length} columns` };
      }
      if (type === 'USERS' || type === 'ITEMS') {
        const id = value(fields, idField);
        const bad = idProblem(idField, id);
        if (bad) return { ok: false, line, id, reason: bad };
        const p = properties(fields);
        if (p.problem) return { ok: false, line, id, reason: p.problem };
        const max = type === 'ITEMS' ? LIMITS.itemProperties : LIMITS.userProperties;
        if (p.json && p.json.length > max) {
          return { ok: false, line, id, reason: `its properties are ${n(p.json.length)} characters as JSON; ${type === 'ITEMS' ? 'PutItems takes at most 24,262 for an item' : 'PutUsers takes at most 4,096 for a user'}` };
        }
        if (type === 'USERS') return { ok: true, kind: 'USERS', line, id, record: { userId: id, ...(p.json ? { properties: p.json } : {}) } };
        return { ok: true, kind: 'ITEMS', line, id, record: { itemId: id, ...(p.json ? { properties: p.json } : {}) } };
      }

      // INTERACTIONS
      const userId = value(fields, 'USER_ID');
      const itemId = value(fields, 'ITEM_ID');
      const ts = value(fields, 'TIMESTAMP');
      const id = `${userId}/${itemId}/${ts}`;
      const bad = idProblem('USER_ID', userId) ?? (index('ITEM_ID') >= 0 ? idProblem('ITEM_ID', itemId) : undefined);
      if (bad) return { ok: false, line, id, reason: bad };
      if (!/^\d+$/.test(ts)) return { ok: false, line, id, reason: ts === '' ? 'TIMESTAMP is empty' : `TIMESTAMP '${ts}' is not a Unix time in seconds` };
      const seconds = Number(ts);
      if (seconds >= 1e11) return { ok: false, line, id, reason: `TIMESTAMP ${ts} looks like milliseconds; PutEvents takes seconds` };
      const eventType = index('EVENT_TYPE') >= 0 ? value(fields, 'EVENT_TYPE') : DEFAULT_EVENT_TYPE;
      if (eventType === '') return { ok: false, line, id, reason: 'EVENT_TYPE is empty' };
      if (eventType.length > LIMITS.id) return { ok: false, line, id, reason: `EVENT_TYPE is ${n(eventType.length)} characters; the API takes at most ${LIMITS.id}` };
      const sessionId = value(fields, 'SESSION_ID') || userId;
      if (sessionId.length > LIMITS.id) return { ok: false, line, id, reason: `SESSION_ID is ${n(sessionId.length)} characters; the API takes at most ${LIMITS.id}` };
      const rec: EventRecord = { eventType, sentAt: new Date(seconds * 1000) };
      if (itemId) rec.itemId = itemId;
      const ev = value(fields, 'EVENT_VALUE');
      if (ev !== '') {
        const num = Number(ev);
        if (!Number.isFinite(num)) return { ok: false, line, id, reason: `EVENT_VALUE '${ev}' is not a number` };
        rec.eventValue = num;
      }
      const eventId = value(fields, 'EVENT_ID');
      if (eventId) rec.eventId = eventId;
      const recId = value(fields, 'RECOMMENDATION_ID');
      if (recId) {
        if (recId.length > LIMITS.recommendationId) return { ok: false, line, id, reason: `RECOMMENDATION_ID is ${recId.length} characters; PutEvents takes at most ${LIMITS.recommendationId}` };
        rec.recommendationId = recId;
      }
      const imp = value(fields, 'IMPRESSION');
      if (imp) {
        const list = imp.split('|').filter(Boolean);
        if (list.length > LIMITS.impressionItems) return { ok: false, line, id, reason: `IMPRESSION lists ${list.length} items; PutEvents takes at most ${LIMITS.impressionItems}` };
        rec.impression = list;
      }
      const src = value(fields, 'EVENT_ATTRIBUTION_SOURCE');
      if (src) rec.metricAttribution = { eventAttributionSource: src };
      const p = properties(fields);
      if (p.problem) return { ok: false, line, id, reason: p.problem };
      if (p.json) {
        if (p.json.length > LIMITS.eventProperties) return { ok: false, line, id, reason: `its properties are ${n(p.json.length)} characters as JSON; PutEvents takes at most 1,024 for an event` };
        rec.properties = p.json;
      }
      const bytes = eventBytes(rec);
      if (bytes > LIMITS.eventBytes) return { ok: false, line, id, reason: `the event is ${n(bytes)} bytes; PutEvents takes at most 10 KB an event` };
      return { ok: true, kind: 'INTERACTIONS', line, id, userId, sessionId, record: rec };
    },
  };
}

/** The size of an event as it goes over the wire (JSON, sentAt in epoch seconds). */
export function eventBytes(e: EventRecord): number {
  return Buffer.byteLength(JSON.stringify({ ...e, sentAt: e.sentAt.getTime() / 1000 }));
}

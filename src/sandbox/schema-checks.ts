// The checks the service makes on a schema: at CreateSchema (a valid flat Avro record, allowed
// types, valid and unique field names, reserved names with their fixed types, at most one textual
// field, categorical/textual only on strings; and, when the record name says the dataset type
// (Interactions, Items, Users, Actions, ActionInteractions), that type's and the domain's required
// fields and textual only in Items), again at CreateDataset for the dataset type given, and at
// UpdateDataset (fields only added, new ones optional). The wording is the sandbox's own (the
// service's exact texts are not documented), always starting "Invalid schema" as the service's do.
import { ServiceError } from './checks.js';

export interface CheckedField {
  name: string;
  type: string;
  nullable: boolean;
  categorical: boolean;
  textual: boolean;
}

const PRIMITIVES = new Set(['string', 'int', 'long', 'float', 'double', 'boolean']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const TYPES: Record<string, string> = { interactions: 'INTERACTIONS', items: 'ITEMS', users: 'USERS', actions: 'ACTIONS', actioninteractions: 'ACTION_INTERACTIONS' };
const LABEL: Record<string, string> = { INTERACTIONS: 'Interactions', ITEMS: 'Items', USERS: 'Users', ACTIONS: 'Actions', ACTION_INTERACTIONS: 'Action interactions' };

/** Reserved names and the type each must have (nullable allowed where the docs show "null"). */
const RESERVED: Record<string, { types: string[]; nullable: boolean }> = {
  USER_ID: { types: ['string'], nullable: false },
  ITEM_ID: { types: ['string'], nullable: false },
  ACTION_ID: { types: ['string'], nullable: false },
  TIMESTAMP: { types: ['long'], nullable: false },
  CREATION_TIMESTAMP: { types: ['long'], nullable: true },
  EVENT_TYPE: { types: ['string'], nullable: true },
  EVENT_VALUE: { types: ['float', 'double'], nullable: true },
  IMPRESSION: { types: ['string'], nullable: true },
  RECOMMENDATION_ID: { types: ['string'], nullable: true },
  EVENT_ATTRIBUTION_SOURCE: { types: ['string'], nullable: true },
};

const REQUIRED: Record<string, string[]> = {
  INTERACTIONS: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
  ITEMS: ['ITEM_ID'],
  USERS: ['USER_ID'],
  ACTIONS: ['ACTION_ID'],
  ACTION_INTERACTIONS: ['USER_ID', 'ACTION_ID', 'EVENT_TYPE', 'TIMESTAMP'],
};

const invalid = (msg: string) => new ServiceError('InvalidInputException', `Invalid schema: ${msg}`);

/** Parses and checks a schema string; returns its fields and the dataset type its record name names. */
export function checkSchema(text: string, domain?: string): { fields: CheckedField[]; datasetType?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('the schema is not valid JSON.');
  }
  const rec = parsed as { type?: unknown; name?: unknown; fields?: unknown };
  if (typeof parsed !== 'object' || parsed === null || rec.type !== 'record' || !Array.isArray(rec.fields) || rec.fields.length === 0) {
    throw invalid('expected an Avro record with at least one field.');
  }
  if (typeof rec.name !== 'string' || !NAME.test(rec.name)) throw invalid('the record needs a name (letters, digits and _).');
  const fields: CheckedField[] = [];
  const seen = new Map<string, string>();
  for (const raw of rec.fields as unknown[]) {
    const f = raw as { name?: unknown; type?: unknown; categorical?: unknown; textual?: unknown };
    if (typeof f?.name !== 'string' || !NAME.test(f.name)) throw invalid(`field name ${JSON.stringify(f?.name ?? null)} is not valid: use letters, digits and _, not starting with a digit.`);
    const key = f.name.toLowerCase().replace(/_/g, '');
    if (seen.has(key)) throw invalid(`field names ${seen.get(key)} and ${f.name} collide (names are compared without case and _).`);
    seen.set(key, f.name);
    const list = Array.isArray(f.type) ? f.type : [f.type];
    const nonNull = list.filter((t) => t !== 'null');
    if (nonNull.length !== 1 || typeof nonNull[0] !== 'string' || !PRIMITIVES.has(nonNull[0])) {
      throw invalid(`field ${f.name} has type ${JSON.stringify(f.type)}; allowed: string, int, long, float, double, boolean, each optionally in a union with "null" (records are flat).`);
    }
    const type = nonNull[0];
    const out: CheckedField = { name: f.name, type, nullable: nonNull.length < list.length, categorical: f.categorical === true, textual: f.textual === true };
    if ((out.categorical || out.textual) && type !== 'string') throw invalid(`field ${f.name} is ${out.categorical ? 'categorical' : 'textual'} but of type ${type}; only string fields can be.`);
    if (out.categorical && out.textual) throw invalid(`field ${f.name} cannot be both categorical and textual.`);
    const r = RESERVED[f.name];
    if (r) {
      if (!r.types.includes(type)) throw invalid(`the reserved field ${f.name} must be of type ${r.types.join(' or ')}, not ${type}.`);
      if (out.nullable && !r.nullable) throw invalid(`the reserved field ${f.name} cannot be null: use "${type}", not a union with "null".`);
      if (f.name === 'EVENT_TYPE' && out.categorical) throw invalid('EVENT_TYPE cannot be categorical.');
    }
    fields.push(out);
  }
  const textual = fields.filter((f) => f.textual);
  if (textual.length > 1) throw invalid(`at most one textual field is allowed; found ${textual.map((f) => f.name).join(', ')}.`);
  const datasetType = TYPES[rec.name.toLowerCase().replace(/[^a-z]/g, '')];
  if (datasetType) checkForType(fields, datasetType, domain);
  return { fields, datasetType };
}

/** What a dataset type (and the domain) needs of a schema's fields. */
export function checkForType(fields: CheckedField[], datasetType: string, domain?: string): void {
  const names = new Set(fields.map((f) => f.name));
  const label = LABEL[datasetType] ?? datasetType;
  const required = [...(REQUIRED[datasetType] ?? [])];
  if (domain && datasetType === 'INTERACTIONS') required.push('EVENT_TYPE');
  if (domain === 'ECOMMERCE' && datasetType === 'ITEMS') required.push('PRICE', 'CATEGORY_L1');
  if (domain === 'VIDEO_ON_DEMAND' && datasetType === 'ITEMS') required.push('CREATION_TIMESTAMP', 'GENRES');
  const missing = required.filter((r) => !names.has(r));
  if (missing.length) throw invalid(`${domain ? `${domain} ` : ''}${label} schemas require the field${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.`);
  const get = (n: string) => fields.find((f) => f.name === n);
  if (domain === 'ECOMMERCE' && datasetType === 'ITEMS') {
    if (get('PRICE')!.type !== 'float') throw invalid('PRICE must be of type float in ECOMMERCE Items schemas.');
    if (!get('CATEGORY_L1')!.categorical) throw invalid('CATEGORY_L1 must be categorical in ECOMMERCE Items schemas.');
  }
  if (domain === 'VIDEO_ON_DEMAND' && datasetType === 'ITEMS' && !get('GENRES')!.categorical) throw invalid('GENRES must be categorical in VIDEO_ON_DEMAND Items schemas.');
  if (datasetType !== 'ITEMS' && fields.some((f) => f.textual)) throw invalid(`textual fields are allowed only in Items schemas, not ${label}.`);
  const reserved = new Set([...Object.keys(RESERVED), ...required]);
  const metadata = fields.filter((f) => !reserved.has(f.name));
  if ((datasetType === 'ITEMS' || datasetType === 'USERS' || datasetType === 'ACTIONS') && metadata.length === 0 && !domain) {
    throw invalid(`${label} schemas need at least one metadata field besides ${required.join(', ')}.`);
  }
  const limit = ({ INTERACTIONS: 5, USERS: 25, ITEMS: 100, ACTIONS: 10 } as Record<string, number>)[datasetType];
  if (limit !== undefined && metadata.length > limit) throw invalid(`${label} schemas allow at most ${limit} metadata fields; this one has ${metadata.length}.`);
}

/** UpdateDataset: the new schema keeps every field as it was and adds only optional ones. */
export function checkUpdate(oldFields: CheckedField[], newFields: CheckedField[]): void {
  for (const o of oldFields) {
    const n = newFields.find((f) => f.name === o.name);
    if (!n) throw invalid(`the new schema drops the field ${o.name}; an update may only add fields.`);
    if (n.type !== o.type || n.nullable !== o.nullable || n.categorical !== o.categorical || n.textual !== o.textual) {
      throw invalid(`the new schema changes the field ${o.name}; an update may only add fields.`);
    }
  }
  for (const n of newFields) {
    if (!oldFields.some((o) => o.name === n.name) && !n.nullable) throw invalid(`the added field ${n.name} must be optional (a union with "null").`);
  }
}

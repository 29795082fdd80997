// The dataset schema as the validation engine sees it. Input: the Avro JSON that DescribeSchema
// returns in `schema.schema` (a string), a file holding that JSON, or a whole DescribeSchema response.
// The schema is checked with a real Avro library (avsc); a broken schema is a usage error (exit 2)
// that names the file, never a stack trace.
import avro from 'avsc';
import { usageError } from '../core/errors.js';
import type { DatasetType, Domain } from '../core/resources.js';

export type { FieldType, SchemaField, SchemaModel } from './fields.js';
import type { FieldType, SchemaField, SchemaModel } from './fields.js';

const RECORD_NAMES: Record<string, DatasetType> = {
  interactions: 'INTERACTIONS',
  iteminteractions: 'INTERACTIONS',
  items: 'ITEMS',
  users: 'USERS',
  actions: 'ACTIONS',
  actioninteractions: 'ACTION_INTERACTIONS',
};

/** Dataset type from an Avro record name, tolerant of case and separators ("Action_Interactions"). */
export function datasetTypeFromRecordName(name: string): DatasetType | undefined {
  return RECORD_NAMES[name.toLowerCase().replace(/[^a-z]/g, '')];
}

const PRIMITIVES = new Set(['string', 'int', 'long', 'float', 'double', 'boolean']);

/**
 * Parses schema text: Avro JSON, `{"schema":{"schema":"<json string>",…}}` (DescribeSchema output),
 * or `{"schema":"<json string>"}`. `source` names the file or ARN in error messages.
 */
export function parseSchema(text: string, source = 'the schema'): SchemaModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw usageError(`${source} is not valid JSON: ${(e as Error).message}`, 'Pass the Avro schema JSON, or the output of `aws personalize describe-schema`.');
  }
  return schemaFromJson(json, source);
}

export function schemaFromJson(json: unknown, source = 'the schema'): SchemaModel {
  let avroJson: unknown = json;
  // unwrap DescribeSchema's response: {"schema": {"schema": "<string>"}} or {"schema": "<string>"}
  for (let depth = 0; depth < 3 && isObject(avroJson) && avroJson.type !== 'record' && 'schema' in avroJson; depth++) {
    const inner: unknown = avroJson.schema;
    if (typeof inner === 'string') {
      try {
        avroJson = JSON.parse(inner);
      } catch (e) {
        throw usageError(`${source}: the "schema" string is not valid JSON: ${(e as Error).message}`, 'It should hold the Avro record schema as a JSON string.');
      }
    } else avroJson = inner;
  }
  if (!isObject(avroJson) || avroJson.type !== 'record' || !Array.isArray(avroJson.fields)) {
    throw usageError(`${source} is not an Avro record schema (expected {"type":"record","name":…,"fields":[…]})`, 'Pass the Avro schema JSON, or the output of `aws personalize describe-schema`.');
  }
  try {
    avro.Type.forSchema(avroJson as unknown as avro.Schema);
  } catch (e) {
    throw usageError(`${source} is not a valid Avro schema: ${(e as Error).message}`, 'Fix the schema JSON; Personalize accepts a flat record of string, int, long, float, double, boolean fields, optional ones as ["null", type].');
  }
  const recordName = String(avroJson.name ?? '');
  const fields: SchemaField[] = [];
  for (const raw of avroJson.fields as unknown[]) {
    if (!isObject(raw) || typeof raw.name !== 'string') throw usageError(`${source}: a field has no name`);
    const name = raw.name;
    let t: unknown = raw.type;
    let nullable = false;
    if (Array.isArray(t)) {
      const nonNull = t.filter((x) => x !== 'null');
      nullable = nonNull.length < t.length;
      if (nonNull.length !== 1) throw usageError(`${source}: field ${name} has type ${JSON.stringify(t)}; Personalize allows one type, optionally with "null"`);
      t = nonNull[0];
    }
    if (isObject(t) && typeof t.type === 'string') t = t.type;
    if (typeof t !== 'string' || !PRIMITIVES.has(t)) {
      throw usageError(`${source}: field ${name} has type ${JSON.stringify(raw.type)}; Personalize schemas are flat records of string, int, long, float, double or boolean`);
    }
    fields.push({ name, type: t as FieldType, nullable, categorical: raw.categorical === true, textual: raw.textual === true });
  }
  return { recordName, fields, inferredDatasetType: datasetTypeFromRecordName(recordName) };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export { INTERACTIONS_RESERVED, requiredFields } from './fields.js';

/** Parses a --dataset-type value: interactions | items | users | actions | action-interactions. */
export function parseDatasetType(v: string): DatasetType {
  const t = v.toUpperCase().replace(/-/g, '_');
  if (t === 'INTERACTIONS' || t === 'ITEMS' || t === 'USERS' || t === 'ACTIONS' || t === 'ACTION_INTERACTIONS') return t;
  throw usageError(`--dataset-type '${v}' is not a dataset type`, 'Use interactions, items, users, actions or action-interactions.');
}


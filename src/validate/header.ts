// The header line: its column names as read, and how they map to the schema. Reports every HEADER_*
// finding (quoted, spaces around a name, case, duplicate, unknown, missing, order) in a fixed order.
import type { DatasetType, Domain } from '../core/resources.js';
import { F_QUOTED, fieldText, type Tokens } from '../csv/tokenizer.js';
import { requiredFields, type SchemaField, type SchemaModel } from './fields.js';
import type { IssueCollector } from './issues.js';
import { kindOf } from './values.js';
import { aliasRank, squashName } from './aliases.js';
import { fewOf } from '../core/few-of.js';

/** what each column of a file is, from its header */
export interface ColumnLayout {
  names: string[];
  kinds: Uint8Array;
  nullable: Uint8Array;
  /** 1 for a column every record of the dataset type needs (USER_ID of interactions …): it cannot be made optional */
  required: Uint8Array;
  /** the schema fields present, in header order, each with its column */
  mapped: { field: SchemaField; col: number }[];
  userCol: number;
  /** ITEM_ID, or ACTION_ID when there is none */
  itemCol: number;
  eventCol: number;
  /** TIMESTAMP, or CREATION_TIMESTAMP when there is none */
  tsCol: number;
  /** ITEMS/USERS/ACTIONS: the ID column whose repeats are duplicates (-1: none, or interactions) */
  recordIdCol: number;
}

// what JS trim() removes besides ASCII spaces is invisible in a message: shown escaped
function visible(s: string): string {
  return JSON.stringify(s).replace(/\uFEFF/g, '\\uFEFF').replace(/\u00A0/g, '\\u00A0');
}

/** what surrounds a column name that trim() removed */
function surrounding(raw: string, c: number): string {
  const strip = raw.replace(raw.trim(), '');
  if (c === 0 && raw.startsWith('\uFEFF')) return 'a second byte order mark (U+FEFF) before it: the file starts with two BOMs';
  if (strip.includes('\uFEFF')) return 'a byte order mark character (U+FEFF) next to it';
  if (strip.includes('\u00A0')) return 'a no-break space (U+00A0) around it';
  if (strip.includes('\t')) return 'a tab around it';
  return 'spaces around it';
}

/**
 * The header's column names, unquoted and trimmed; HEADER_QUOTED for a quoted one, HEADER_SPACES
 * for one with spaces, a no-break space or a byte order mark around it (JS trim() removes all of
 * them: read as a match here, but Personalize's reader may not).
 */
export function headerNames(b: Uint8Array, t: Tokens, iss: IssueCollector): string[] {
  const names: string[] = [];
  for (let c = 0; c < t.count; c++) {
    const raw = fieldText(b, t.starts[c], t.ends[c], t.flags[c]);
    const name = raw.trim();
    names.push(name);
    if (t.flags[c] & F_QUOTED) iss.report('HEADER_QUOTED', `Line 1: the column name ${JSON.stringify(name)} is quoted. Personalize expects bare column names in the header: remove the quotes.`, 1, name);
    if (raw !== name && name !== '') {
      iss.report('HEADER_SPACES', `Line 1: column ${visible(raw)} has ${surrounding(raw, c)}. It is read here as ${name}, but Personalize may not match it to the schema: remove ${c === 0 && raw.startsWith('\uFEFF') ? 'the extra byte order mark (save the file as UTF-8 without BOM)' : /^ *$/.test(raw.replace(name, '')) ? 'the spaces' : 'it'}.`, 1, name);
    }
  }
  return names;
}

function unknownColumn(name: string, schema: SchemaModel, like: SchemaField | undefined): string {
  const head = `Line 1: column ${name} is not in the schema (${fewOf(schema.fields.map((f) => f.name))}).`;
  // an optional field would be empty in every record without a word
  if (!like) return `${head} Remove it or add it to the schema; Personalize does not document what it does with extra columns.`;
  return `${head} It is probably ${like.name} under another name: rename it ${like.name} (personalize-import fix does), or its values are not imported and ${like.name} is empty in every record.`;
}

/** maps the header's names to the schema's fields and reports what does not fit */
export function mapHeader(names: string[], schema: SchemaModel, type: DatasetType, domain: Domain | undefined, iss: IssueCollector): ColumnLayout {
  const n = names.length;
  const layout: ColumnLayout = {
    names, kinds: new Uint8Array(n), nullable: new Uint8Array(n).fill(1), required: new Uint8Array(n), mapped: [],
    userCol: -1, itemCol: -1, eventCol: -1, tsCol: -1, recordIdCol: -1,
  };
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const byUpper = new Map(schema.fields.map((f) => [f.name.toUpperCase(), f]));
  const seen = new Map<string, number>();
  // an unknown column that spells a field no other column holds (Regular price for REGULAR_PRICE,
  // customer_id for USER_ID): named in its finding, since that field is then empty in every record
  const byType = requiredFields(type, domain);
  const required = new Set(byType);
  for (const f of schema.fields) if (!f.nullable) required.add(f.name);
  const held = new Set(names.map((x) => x.toUpperCase()).filter((x) => byUpper.has(x)));
  const spelled = (name: string): SchemaField | undefined => {
    const sq = squashName(name);
    const f = schema.fields.find((x) => squashName(x.name) === sq) ?? schema.fields.find((x) => aliasRank(name, x.name) >= 0);
    // a required field's missing-column error has this column beside it (validate/findings.ts)
    return f && !held.has(f.name.toUpperCase()) && !required.has(f.name) ? f : undefined;
  };
  for (let c = 0; c < n; c++) {
    const name = names[c];
    let field = byName.get(name);
    if (!field && name !== '') {
      field = byUpper.get(name.toUpperCase());
      if (field) iss.report('HEADER_CASE', `Line 1: column ${JSON.stringify(name)} matches schema field ${field.name} only when case is ignored. Personalize does not document case-insensitive headers: rename it ${field.name}.`, 1, name);
    }
    const key = field ? field.name : name;
    if (seen.has(key)) {
      iss.report('HEADER_DUPLICATE_COLUMN', `Line 1: column ${name || '(empty)'} appears twice (columns ${seen.get(key)! + 1} and ${c + 1}). Remove one of them.`, 1, name);
      continue;
    }
    seen.set(key, c);
    if (!field) {
      iss.report('HEADER_UNKNOWN_COLUMN', name === ''
        ? `Line 1: column ${c + 1} has no name. Name it after a schema field or remove the column (check for a trailing comma).`
        : unknownColumn(name, schema, spelled(name)), 1, name);
      continue;
    }
    layout.mapped.push({ field, col: c });
    layout.nullable[c] = field.nullable ? 1 : 0;
    if (byType.includes(field.name)) layout.required[c] = 1;
    layout.kinds[c] = kindOf(field);
    if (field.name === 'USER_ID') layout.userCol = c;
    if (field.name === 'ITEM_ID' || (field.name === 'ACTION_ID' && layout.itemCol < 0)) layout.itemCol = c;
    if (field.name === 'EVENT_TYPE') layout.eventCol = c;
    if (field.name === 'TIMESTAMP' || (field.name === 'CREATION_TIMESTAMP' && layout.tsCol < 0)) layout.tsCol = c;
  }
  if (type !== 'INTERACTIONS' && type !== 'ACTION_INTERACTIONS') {
    const idName = type === 'ITEMS' ? 'ITEM_ID' : type === 'USERS' ? 'USER_ID' : 'ACTION_ID';
    layout.recordIdCol = seen.has(idName) && byName.has(idName) ? seen.get(idName)! : -1;
  }
  // missing: required for the dataset type / domain, or not nullable in the schema
  for (const name of required) {
    if (seen.has(name) && (byName.has(name) || byUpper.has(name))) continue;
    if ([...seen.keys()].includes(name)) continue;
    const inSchema = byName.has(name);
    // a field every dataset of the type needs cannot be made optional: say so, not "make it optional"
    iss.report('HEADER_MISSING_COLUMN', byType.includes(name)
      ? `Line 1: the header has no ${name} column; every ${domain ? `${domain} ` : ''}${type} dataset needs it${inSchema ? '' : ' (it is not in the schema either)'}. Add the column, or rename the column that holds it ${name}.`
      : `Line 1: the header has no ${name} column, and the schema requires it (its type has no "null"). Add the column, or make the field optional in the schema (type ["null", "${byName.get(name)!.type}"]).`, 1, name);
  }
  // order: the schema order of the columns present
  const present = new Set(layout.mapped.map((m) => m.field));
  const schemaOrder = schema.fields.filter((f) => present.has(f)).map((f) => f.name);
  const headerOrder = layout.mapped.map((m) => m.field.name);
  if (schemaOrder.join(',') !== headerOrder.join(',')) {
    iss.report('HEADER_ORDER', `Line 1: the columns are in a different order than the schema (header: ${headerOrder.join(', ')}; schema: ${schemaOrder.join(', ')}). Personalize maps by name, but its docs ask for the same order: reorder the columns to be safe.`, 1);
  }
  return layout;
}

// The header of the fixed file: which input column becomes which schema field (exact name, case,
// spelling such as userId / "User ID", a known alias such as customer_id, or --map), in the schema's
// order, unknown columns kept or dropped; and which separator the input uses.
import type { SchemaField, SchemaModel } from '../validate/index.js';
import { usageError } from '../core/errors.js';
import { shown } from './values.js';
import { ALIASES, aliasRank, squashName } from '../validate/aliases.js';

/** column kinds: the validator's (src/validate/values.ts), one mapping from schema field to kind */
export { K_BOOL, K_CAT, K_FLOAT, K_ID, K_INT, K_LONG, K_STR, K_TEXT, K_TS } from '../validate/values.js';
import { K_STR, kindOf } from '../validate/values.js';

const squash = squashName;

export interface HeaderPlan {
  /** the separator byte of the input (44 comma, 59 ;, 9 tab, 124 |) */
  sep: number;
  /** input column names as read (quotes and spaces removed) */
  inNames: string[];
  /** per output column: the input column it comes from (-1: a column added with one value, `values`) */
  from: number[];
  /** per output column: the value an added column holds in every row */
  values: (string | undefined)[];
  /** fields added with one value in every row (`add`) */
  added: string[];
  /** per output column: its name in the fixed header */
  outNames: string[];
  /** per output column: its kind and whether empty is allowed */
  kinds: number[];
  nullable: boolean[];
  /** renames done (input name → field), the way each was matched */
  renames: { from: string; to: string; how: 'case' | 'spelling' | 'alias' | 'map' }[];
  dropped: string[];
  keptUnknown: string[];
  /** the columns are not in the schema's order in the input */
  reordered: boolean;
  /** schema fields that no column holds and that must have a value */
  missing: string[];
  /** output = input columns one for one, same order */
  identity: boolean;
}

export interface HeaderOptions {
  /** column=FIELD */
  map?: Record<string, string>;
  /** drop columns the schema does not have (default: keep them) */
  dropUnknown?: boolean;
  /** fields that must be present (dataset type, domain) */
  required: string[];
  /** field → value: a field no column holds, written with that value in every row (EVENT_TYPE: --event-type) */
  add?: Record<string, string>;
  /**
   * input columns left out by their places (0-based): dropped, never matched to a field — of a header
   * naming `color` twice, the one left out is not the one the schema's color reads
   */
  leaveOut?: number[];
}

/** splits the header text at `sep`, removing quotes and surrounding spaces from each name */
function names(text: string, sep: string): { names: string[]; quoted: boolean } {
  let quoted = false;
  const out = text.split(sep).map((raw) => {
    let n = raw.trim();
    const m = /^"(.*)"$/.exec(n);
    if (m) {
      quoted = true;
      n = m[1].replace(/""/g, '"').replace(/\\(.)/g, '$1').trim();
    }
    return n;
  });
  return { names: out, quoted };
}

/** the header line's text (UTF-8, BOM removed, no line end) → the plan */
export function planHeader(text: string, schema: SchemaModel, opts: HeaderOptions): HeaderPlan & { quoted: boolean } {
  const fieldsByUpper = new Map(schema.fields.map((f) => [f.name.toUpperCase(), f]));
  const fieldsBySquash = new Map(schema.fields.map((f) => [squash(f.name), f]));
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.map ?? {})) {
    const f = fieldsByUpper.get(v.toUpperCase());
    if (!f) throw usageError(`--map ${k}=${v}: the schema has no field ${v}`, `Its fields: ${schema.fields.map((x) => x.name).join(', ')}.`);
    map.set(k, f.name);
  }
  const match = (n: string): { field: SchemaField; how: HeaderPlan['renames'][number]['how'] | 'exact' } | undefined => {
    const mapped = map.get(n) ?? [...map].find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];
    if (mapped) return { field: fieldsByUpper.get(mapped.toUpperCase())!, how: mapped === n ? 'exact' : 'map' };
    const up = fieldsByUpper.get(n.toUpperCase());
    if (up) return { field: up, how: up.name === n ? 'exact' : 'case' };
    const sq = fieldsBySquash.get(squash(n));
    if (sq) return { field: sq, how: 'spelling' };
    return undefined;
  };
  const aliasOf = (n: string): SchemaField | undefined => {
    const sq = squash(n);
    for (const [field, list] of Object.entries(ALIASES)) {
      if (list.includes(sq) && fieldsByUpper.has(field)) return fieldsByUpper.get(field);
    }
    return undefined;
  };
  // the separator: the one whose split names the most schema fields (commas win ties)
  const stripped = text.replace(/^\uFEFF/, '');
  let best = { sep: ',', score: -1 };
  for (const sep of [',', ';', '\t', '|']) {
    if (sep !== ',' && !stripped.includes(sep)) continue;
    const ns = names(stripped, sep).names;
    const score = ns.filter((n) => match(n) || aliasOf(n)).length;
    if (score > best.score) best = { sep, score };
  }
  const { names: inNames, quoted } = names(stripped, best.sep);
  // exact/case/spelling/map first, then aliases for the fields still free
  const target: (SchemaField | undefined)[] = inNames.map(() => undefined);
  const how: string[] = inNames.map(() => '');
  const taken = new Set<string>();
  const out = (i: number) => Boolean(opts.leaveOut?.includes(i));
  inNames.forEach((n, i) => {
    const m = out(i) ? undefined : match(n);
    if (m && !taken.has(m.field.name)) {
      target[i] = m.field;
      how[i] = m.how;
      taken.add(m.field.name);
    }
  });
  // the most specific alias first (event_timestamp, not event_date, is the TIMESTAMP), then column order
  const claims = inNames
    .map((n, i) => ({ i, f: target[i] || out(i) ? undefined : aliasOf(n) }))
    .filter((c): c is { i: number; f: SchemaField } => Boolean(c.f))
    .sort((a, b) => aliasRank(inNames[a.i], a.f.name) - aliasRank(inNames[b.i], b.f.name) || a.i - b.i);
  for (const { i, f } of claims) {
    if (taken.has(f.name)) continue;
    target[i] = f;
    how[i] = 'alias';
    taken.add(f.name);
  }
  const from: number[] = [];
  const values: (string | undefined)[] = [];
  const added: string[] = [];
  const renames: HeaderPlan['renames'] = [];
  const addBy = new Map(Object.entries(opts.add ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
  for (const f of schema.fields) {
    const i = target.findIndex((t) => t === f);
    if (i < 0) {
      const v = addBy.get(f.name.toUpperCase());
      if (v === undefined) continue;
      from.push(-1);
      values[from.length - 1] = csvValue(v);
      added.push(f.name);
      taken.add(f.name);
      continue;
    }
    from.push(i);
    if (how[i] !== 'exact') renames.push({ from: inNames[i], to: f.name, how: how[i] as 'case' });
  }
  const dropped: string[] = [];
  const keptUnknown: string[] = [];
  inNames.forEach((n, i) => {
    if (target[i]) return;
    // a column without a name (an export's trailing separators: Excel's ";;;") is dropped: no field can
    // be named so, and two of them are a duplicate column that fails the import
    if (opts.dropUnknown || n.trim() === '' || out(i)) dropped.push(n);
    else {
      keptUnknown.push(n);
      from.push(i);
    }
  });
  const known = from.filter((i) => target[i]);
  const reordered = known.some((i, k) => k > 0 && i < known[k - 1]);
  const missing = [...new Set([...opts.required, ...schema.fields.filter((f) => !f.nullable).map((f) => f.name)])].filter((f) => fieldsByUpper.has(f.toUpperCase()) ? !taken.has(fieldsByUpper.get(f.toUpperCase())!.name) : true);
  const outNames = from.map((i, k) => (i < 0 ? added[from.slice(0, k).filter((x) => x < 0).length] : target[i]?.name ?? inNames[i]));
  const kinds = from.map((i) => (target[i] ? kindOf(target[i]!) : K_STR));
  const nullable = from.map((i) => (target[i] ? target[i]!.nullable : true));
  const identity = from.length === inNames.length && from.every((x, k) => x === k);
  return { sep: best.sep.charCodeAt(0), inNames, from, values, added, outNames, kinds, nullable, renames, dropped, keptUnknown, reordered, missing, identity, quoted };
}

/** a value as Personalize reads it: bare, or quoted with \" and \\ when it holds a comma, a quote or a backslash */
export const csvValue = (v: string) => (/[",\\\r\n]/.test(v) ? `"${v.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"` : v);

/** per output column, the bytes of a column added with one value (the fixer writes them in every row), and their sum */
export function addedValues(plan: Pick<HeaderPlan, 'from' | 'values'>): { bytes: (Uint8Array | undefined)[]; total: number } {
  const bytes = plan.from.map((i, k) => (i < 0 ? Buffer.from(plan.values[k] ?? '', 'utf8') : undefined));
  return { bytes, total: bytes.reduce((n, b) => n + (b?.length ?? 0), 0) };
}

/** "user_id → USER_ID (case)" lines for the summary, file text escaped */
export function describeRenames(plan: HeaderPlan): string[] {
  return plan.renames.map((r) => `${shown(r.from)} → ${r.to} (${r.how === 'map' ? '--map' : r.how === 'case' ? 'case' : r.how === 'spelling' ? 'spelling' : 'known alias'})`);
}

// "Name the columns" (step 3b, after "＋ Create the dataset from my CSV"): an export whose columns
// have names this tool does not know (a German shop: Kunde;Artikel;Zeitpunkt, or an items file
// Artikel-Nr;Kategorie;Preis for an ECOMMERCE group) lacks required fields — USER_ID, ITEM_ID,
// TIMESTAMP, or a domain's PRICE, CATEGORY_L1, GENRES, CREATION_TIMESTAMP — and "Create" is blocked
// (MISSING_REQUIRED). Instead of leaving the wizard to edit the file, the user says which column holds
// each missing field; the choices become the flow's answers.headerMap (what `--map column=FIELD`
// gives `import`), the schema is inferred again with them, and "Fix and continue" writes the copy
// with the header renamed after the dataset exists. EVENT_TYPE is not asked here: a file without it
// gets it from “Add EVENT_TYPE” (one value for every row), the review's own choice.
import type { DatasetType, Domain } from '../../core/resources.js';
import { reservedFor, type InferredField } from '../../schema/index.js';
import { printable } from '../../schema/printable.js';
import { likelihood, type ColumnLook } from '../../schema/usable.js';
import { requiredFields } from '../../validate/fields.js';
import { describeSource } from '../plan.js';
import { frame } from './base.js';
import { memoOf } from './steps-new.js';
import type { Choice, FlowState, StepDef } from './types.js';

/** required fields a column is not named for here (“Add EVENT_TYPE” gives it, one value for every row) */
const NOT_NAMED_HERE = new Set(['EVENT_TYPE']);
/** fields any column may hold (an ID or a time goes by any name); a domain's other fields only a column that fits */
const KEY_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID', 'TIMESTAMP']);

/** The candidates for `field`, the likeliest first (its name, then its values: likelihood in schema/usable.ts), else in the file's order. */
export function rankedFor(field: string, columns: InferredField[], looks: Record<string, ColumnLook> | undefined): InferredField[] {
  const score = new Map(columns.map((f) => [f, likelihood(field, f.column, f.type, looks?.[f.column])]));
  return [...columns].sort((a, b) => score.get(b)! - score.get(a)!);
}

/**
 * The columns offered for `field`, the likeliest first: every one for a key field; for a domain's
 * field (PRICE, CATEGORY_L1, GENRES, CREATION_TIMESTAMP) those whose name or values fit it — a price
 * is a number, so a description column is not offered for PRICE.
 */
export function candidatesFor(field: string, columns: InferredField[], looks: Record<string, ColumnLook> | undefined): InferredField[] {
  return rankedFor(field, KEY_FIELDS.has(field) ? columns : columns.filter((f) => likelihood(field, f.column, f.type, looks?.[f.column]) > 0), looks);
}

/**
 * The required fields the schema lacks (the dataset type's, and the group's domain's) that a column
 * could hold, and the file's columns that could hold them: every one that is not already a reserved
 * field (renamed ones too: "Lineitem sku" is field LINEITEM_SKU; categorical strings too), not one
 * added by the tool.
 */
export function unnamedKeys(fields: InferredField[], type: DatasetType, domain: Domain | undefined, looks?: Record<string, ColumnLook>): { missing: string[]; columns: InferredField[] } {
  const have = new Set(fields.map((f) => f.name));
  const reserved = reservedFor(type, domain);
  const all = fields.filter((f) => !reserved.includes(f.name) && f.added === undefined);
  const missing = requiredFields(type, domain).filter((r) => !NOT_NAMED_HERE.has(r) && !have.has(r) && candidatesFor(r, all, looks).length > 0);
  return { missing, columns: missing.length ? all : [] };
}

/** a choice's description: the type, then the reason unless it starts with the type ("string: 900 distinct values …") */
const typeAndReason = (f: InferredField) => (f.reason.startsWith(`${f.type}`) || f.reason.endsWith(`: ${f.type}`) ? printable(f.reason) : `${f.type}${f.reason ? `: ${printable(f.reason)}` : ''}`);

/** who needs the field: every dataset of the type, or the group's domain ("Personalize needs PRICE" read as if every items dataset did) */
function whoNeeds(field: string, type: DatasetType, domain: Domain | undefined): string {
  return domain && !requiredFields(type, undefined).includes(field) ? `A Domain ${domain} ${type.toLowerCase().replace(/_/g, ' ')} dataset needs ${field}` : `Personalize needs ${field}`;
}

/** The choice the review offers when the columns can be named (undefined when they cannot). */
export function nameChoice(fields: InferredField[], type: DatasetType, domain: Domain | undefined, looks?: Record<string, ColumnLook>): Choice | undefined {
  const { missing, columns } = unnamedKeys(fields, type, domain, looks);
  if (!missing.length || !columns.length) return undefined;
  const list = columns.slice(0, 4).map((f) => printable(f.column)).join(', ') + (columns.length > 4 ? ', …' : '');
  return { value: 'name', label: `Name the columns (which one is ${missing[0]}, …)`, description: `say which of ${list} holds ${missing.join(', ')}; the copy Fix and continue writes is renamed` };
}

/** The inference's reason for a column the user named here ("named by --map X=Y" is the flag's). */
export function namedByYou(fields: InferredField[]): void {
  for (const f of fields) f.reason = f.reason.replace(/^named by --map [^;]*/, 'named by you');
}

function pending(s: FlowState) {
  const d = memoOf(s).dataset!;
  const naming = (d.naming ??= {});
  const looks = d.inferred?.looks;
  const { missing, columns } = unnamedKeys(d.fields!, d.type!, s.loaded.group?.domain, looks);
  const named = new Set(Object.values(naming));
  const left = columns.filter((f) => !(f.column in naming));
  // the next field not named yet that a column left could hold, and those columns
  const field = missing.find((m) => !named.has(m) && candidatesFor(m, left, looks).length > 0);
  return { d, naming, field, left: field ? candidatesFor(field, left, looks) : [] };
}

export const newDatasetNameStep: StepDef = {
  id: 'new-dataset-name',
  screen: 'dataset',
  kind: 'choose',
  applies: () => false,
  async model(s) {
    const { naming, field, left } = pending(s);
    const done = Object.entries(naming).map(([c, f]) => `${printable(c)} → ${f}`);
    const choices: Choice[] = [
      ...left.map((f) => ({ value: `column:${f.column}`, label: printable(f.column), description: typeAndReason(f) })),
      { value: 'none', label: 'None of them (create nothing)', description: `without ${field} the dataset cannot be created: back to the schema` },
    ];
    return frame('new-dataset-name', 'dataset', 'choose', `Which column holds ${field}?`, {
      lines: [
        { text: `${whoNeeds(field!, memoOf(s).dataset!.type!, s.loaded.group?.domain)}. The file's header is not changed: “Fix and continue” writes a copy with the column renamed, after the dataset is created.`, tone: 'dim' },
        ...(done.length ? [{ text: `Named so far: ${done.join(', ')}`, tone: 'dim' as const }] : []),
      ],
      choices,
      default: choices[0].value,
      flag: '--map',
      unattended: { error: `import: name the columns with --map <column>=${field} (repeatable).` },
      label: 'Columns',
      describe: (v) => (v.startsWith('column:') ? [...done, `${printable(v.slice('column:'.length))} → ${field}`].join(', ') : 'none named'),
    });
  },
  async answer(s, v) {
    const { d, naming, field } = pending(s);
    if (!v.startsWith('column:') || !field) {
      d.naming = undefined;
      return { goto: 'new-dataset' };
    }
    naming[v.slice('column:'.length)] = field;
    const next = pending(s);
    if (next.field && next.left.length) return { goto: 'new-dataset-name' };
    // every key field named (or no column left): the flow's map, then the schema worked out again with it
    const src = describeSource(s.answers.source!);
    s.answers.headerMap = { ...(d.mapFor === undefined || d.mapFor === src ? s.answers.headerMap : {}), ...naming };
    Object.assign(d, { naming: undefined, mapFor: src, of: undefined, inferred: undefined });
    return { goto: 'new-dataset-infer' };
  },
};

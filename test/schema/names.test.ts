// The schema inference and the fixer read a column's name the same way: every spelling the
// inference turns into a Personalize field (schema/names.ts) is one the fixer renames to that field
// (fix/header.ts, validate/aliases.ts). Before, "Product SKU" became ITEM_ID in the inferred schema
// — the wizard then promised that "Fix and continue" would rename it — and the fixer refused the
// file: "The header has no column for ITEM_ID".
import { describe, expect, it } from 'vitest';
import { planHeader } from '../../src/fix/header.js';
import { reservedFor, spellingsFor } from '../../src/schema/names.js';
import { parseSchema } from '../../src/validate/index.js';
import type { DatasetType, Domain } from '../../src/core/resources.js';

const TYPES: DatasetType[] = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];
const DOMAINS: (Domain | undefined)[] = [undefined, 'ECOMMERCE', 'VIDEO_ON_DEMAND'];

/** a schema of the type's reserved fields (all strings: only the names matter here) */
function schemaOf(fields: string[]) {
  return parseSchema(JSON.stringify({ type: 'record', name: 'X', namespace: 'com.amazonaws.personalize.schema', fields: fields.map((name) => ({ name, type: 'string' })), version: '1.0' }));
}

describe('a spelling the inference reads as a field is one the fixer renames', () => {
  for (const type of TYPES) {
    for (const domain of DOMAINS) {
      if (domain && type !== 'ITEMS') continue;
      it(`${type}${domain ? ` (${domain})` : ''}`, () => {
        const reserved = reservedFor(type, domain);
        const schema = schemaOf(reserved);
        const wrong: string[] = [];
        for (const [spelling, field] of Object.entries(spellingsFor(type, domain))) {
          if (!reserved.includes(field)) continue;
          // as exports write it: words apart, capitals ("product sku" → "Product Sku")
          const column = spelling === 'productsku' ? 'Product SKU' : spelling;
          const plan = planHeader(column, schema, { required: [] });
          const k = plan.from.indexOf(0);
          if (k < 0 || plan.outNames[k] !== field) wrong.push(`${column} → ${k < 0 ? 'dropped' : plan.outNames[k]} (the inference says ${field})`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});

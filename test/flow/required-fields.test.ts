// #16 item 4: the dataset step marks required from the schema's nullability, not only USER_ID:
// a non-nullable EVENT_TYPE or MEMBERSHIP is one validation will demand, so it is marked too.
import { describe, expect, it } from 'vitest';
import { schemaFields } from '../../src/flow/queries.js';
import { parseSchema } from '../../src/validate/schema.js';

const avro = (fields: unknown[]) => JSON.stringify({ type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', fields, version: '1.0' });

describe('schemaFields', () => {
  it('marks the type’s own fields and every non-nullable one; a nullable field is optional', () => {
    const schema = parseSchema(avro([
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
      { name: 'MEMBERSHIP', type: 'string', categorical: true },
      { name: 'EVENT_VALUE', type: ['null', 'float'] },
    ]));
    const f = Object.fromEntries(schemaFields(schema, 'INTERACTIONS').map((x) => [x.name, x.required]));
    expect(f).toEqual({ USER_ID: true, ITEM_ID: true, TIMESTAMP: true, EVENT_TYPE: true, MEMBERSHIP: true, EVENT_VALUE: false });
  });
});

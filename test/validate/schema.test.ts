import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { datasetTypeFromRecordName, parseDatasetType, parseSchema, requiredFields } from '../../src/validate/schema.js';
import { FIXTURES } from './helpers.js';

const text = (n: string) => readFileSync(new URL(`schemas/${n}`, FIXTURES), 'utf8');

describe('parseSchema', () => {
  it('reads Avro JSON into fields with type, nullability, categorical and textual', () => {
    const m = parseSchema(text('items.json'));
    expect(m.recordName).toBe('Items');
    expect(m.inferredDatasetType).toBe('ITEMS');
    expect(m.fields.find((f) => f.name === 'GENRES')).toEqual({ name: 'GENRES', type: 'string', nullable: true, categorical: true, textual: false });
    expect(m.fields.find((f) => f.name === 'DESCRIPTION')?.textual).toBe(true);
    expect(m.fields.find((f) => f.name === 'PRICE')).toMatchObject({ type: 'float', nullable: false });
  });
  it('reads a whole DescribeSchema response', () => {
    const m = parseSchema(text('describe-schema-response.json'));
    expect(m.inferredDatasetType).toBe('USERS');
    expect(m.fields.map((f) => f.name)).toEqual(['USER_ID', 'AGE', 'MEMBERSHIP']);
  });
  it('a broken Avro schema is a usage error (exit 2) naming the source', () => {
    const err = (() => {
      try {
        parseSchema(text('broken-avro.json'), '--schema broken-avro.json');
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('--schema broken-avro.json');
    expect(err.message).toMatch(/not a valid Avro schema/);
  });
  it('not JSON, or not a record: usage errors', () => {
    expect(() => parseSchema(text('not-json.json'), 'x.json')).toThrow(/x.json is not valid JSON/);
    expect(() => parseSchema('{"type":"string"}', 'y.json')).toThrow(/not an Avro record schema/);
    expect(() => parseSchema('{"type":"record","name":"R","fields":[{"name":"A","type":{"type":"array","items":"string"}}]}', 'z')).toThrow(/flat records/);
  });
  it('infers dataset types from record names', () => {
    expect(datasetTypeFromRecordName('Interactions')).toBe('INTERACTIONS');
    expect(datasetTypeFromRecordName('ActionInteractions')).toBe('ACTION_INTERACTIONS');
    expect(datasetTypeFromRecordName('Action_Interactions')).toBe('ACTION_INTERACTIONS');
    expect(datasetTypeFromRecordName('MyData')).toBeUndefined();
    expect(parseDatasetType('action-interactions')).toBe('ACTION_INTERACTIONS');
    expect(() => parseDatasetType('events')).toThrow(/--dataset-type 'events'/);
  });
  it('required fields per dataset type and domain', () => {
    expect(requiredFields('INTERACTIONS')).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
    expect(requiredFields('INTERACTIONS', 'ECOMMERCE')).toContain('EVENT_TYPE');
    expect(requiredFields('ITEMS', 'ECOMMERCE')).toEqual(['ITEM_ID', 'PRICE', 'CATEGORY_L1']);
  });
});

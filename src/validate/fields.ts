// What the engine needs to know about a schema and the dataset types, without the Avro library:
// worker threads load the engine without avsc (schema.ts parses and checks schemas with it).
import type { DatasetType, Domain } from '../core/resources.js';

export type FieldType = 'string' | 'int' | 'long' | 'float' | 'double' | 'boolean';

export interface SchemaField {
  name: string;
  type: FieldType;
  /** the type is a union with "null": an empty value is allowed */
  nullable: boolean;
  categorical: boolean;
  textual: boolean;
}

export interface SchemaModel {
  /** the Avro record name, e.g. "Interactions" */
  recordName: string;
  fields: SchemaField[];
  /** from the record name, when it names a dataset type (Interactions, Items, Users, Actions, ActionInteractions) */
  inferredDatasetType?: DatasetType;
}

/** Fields each dataset type must have (Personalize facts), plus the domain's extra ones. */
export function requiredFields(type: DatasetType, domain?: Domain): string[] {
  const base: Record<DatasetType, string[]> = {
    INTERACTIONS: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
    ITEMS: ['ITEM_ID'],
    USERS: ['USER_ID'],
    ACTIONS: ['ACTION_ID'],
    ACTION_INTERACTIONS: ['USER_ID', 'ACTION_ID', 'EVENT_TYPE', 'TIMESTAMP'],
  };
  const out = [...base[type]];
  if (domain === 'ECOMMERCE' && type === 'ITEMS') out.push('PRICE', 'CATEGORY_L1');
  if (domain === 'VIDEO_ON_DEMAND' && type === 'ITEMS') out.push('CREATION_TIMESTAMP', 'GENRES');
  if (domain && type === 'INTERACTIONS') out.push('EVENT_TYPE');
  return out;
}

/** Reserved (optional) Interactions columns: everything else counts as metadata. */
export const INTERACTIONS_RESERVED = new Set(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE', 'IMPRESSION', 'RECOMMENDATION_ID', 'EVENT_ATTRIBUTION_SOURCE']);

// What every fresh sandbox holds, the same on every start: names, ARNs, schemas and dates are fixed
// so tests, docs and screenshots can name them.

export const SANDBOX_DEFAULTS = {
  region: 'us-east-1',
  accountId: '111122223333',
  accessKeyId: 'AKIASANDBOXEXAMPLE01',
  secretAccessKey: 'sandbox/secret/not-a-real-key',
  roleName: 'PersonalizeSandboxRole',
  bucket: 'personalize-sandbox-data',
  noGrantBucket: 'personalize-sandbox-nogrant',
  /** encrypted by default with the customer managed key kmsKeyId (default key policy: Personalize not in it) */
  kmsBucket: 'personalize-sandbox-sse-kms',
  kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  /** a key whose policy the sandbox's caller may read but not change (its administrators are a role) */
  lockedKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321',
  keyAdminRole: 'KeyAdministrators',
  /** who the sandbox's callers are (STS GetCallerIdentity) */
  callerName: 'sandbox-user',
} as const;

/** 2026-01-01T00:00:00Z: when the seeded resources "were created". */
export const SEED_TIME = 1767225600;

export const CUSTOM_GROUP = 'sandbox-shop';
export const DOMAIN_GROUP = 'sandbox-ecommerce';

const NS = 'com.amazonaws.personalize.schema';

type Field = { name: string; type: string | string[]; categorical?: boolean; textual?: boolean; default?: null };
const record = (name: string, fields: Field[]) => JSON.stringify({ type: 'record', name, namespace: NS, fields, version: '1.0' });

export interface SeedSchema {
  name: string;
  schema: string;
  domain?: 'ECOMMERCE';
}

export interface SeedDataset {
  group: string;
  name: string;
  datasetType: 'Interactions' | 'Items' | 'Users';
  schemaName: string;
}

export const SEED_SCHEMAS: SeedSchema[] = [
  {
    name: 'sandbox-shop-interactions',
    schema: record('Interactions', [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
      { name: 'EVENT_VALUE', type: ['null', 'float'], default: null },
    ]),
  },
  {
    name: 'sandbox-shop-items',
    schema: record('Items', [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'CATEGORY', type: 'string', categorical: true },
      { name: 'DESCRIPTION', type: ['null', 'string'], textual: true, default: null },
      { name: 'CREATION_TIMESTAMP', type: 'long' },
    ]),
  },
  {
    name: 'sandbox-shop-users',
    schema: record('Users', [
      { name: 'USER_ID', type: 'string' },
      { name: 'MEMBERSHIP', type: 'string', categorical: true },
      { name: 'AGE', type: ['null', 'int'], default: null },
    ]),
  },
  {
    name: 'sandbox-ecommerce-interactions',
    domain: 'ECOMMERCE',
    schema: record('Interactions', [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
    ]),
  },
  {
    name: 'sandbox-ecommerce-items',
    domain: 'ECOMMERCE',
    schema: record('Items', [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'PRICE', type: 'float' },
      { name: 'CATEGORY_L1', type: 'string', categorical: true },
    ]),
  },
  {
    name: 'sandbox-ecommerce-users',
    domain: 'ECOMMERCE',
    schema: record('Users', [
      { name: 'USER_ID', type: 'string' },
      { name: 'MEMBERSHIP', type: 'string', categorical: true },
    ]),
  },
];

export const SEED_GROUPS: { name: string; domain?: 'ECOMMERCE' }[] = [{ name: CUSTOM_GROUP }, { name: DOMAIN_GROUP, domain: 'ECOMMERCE' }];

export const SEED_DATASETS: SeedDataset[] = [
  { group: CUSTOM_GROUP, name: 'sandbox-shop-interactions', datasetType: 'Interactions', schemaName: 'sandbox-shop-interactions' },
  { group: CUSTOM_GROUP, name: 'sandbox-shop-items', datasetType: 'Items', schemaName: 'sandbox-shop-items' },
  { group: CUSTOM_GROUP, name: 'sandbox-shop-users', datasetType: 'Users', schemaName: 'sandbox-shop-users' },
  { group: DOMAIN_GROUP, name: 'sandbox-ecommerce-interactions', datasetType: 'Interactions', schemaName: 'sandbox-ecommerce-interactions' },
  { group: DOMAIN_GROUP, name: 'sandbox-ecommerce-items', datasetType: 'Items', schemaName: 'sandbox-ecommerce-items' },
  { group: DOMAIN_GROUP, name: 'sandbox-ecommerce-users', datasetType: 'Users', schemaName: 'sandbox-ecommerce-users' },
];

// The shapes of Amazon Personalize resources as the core sees them: plain data, no SDK types.
// src/aws/ converts SDK output into these; the sandbox, the flow and the UIs read them.

export type DatasetType = 'INTERACTIONS' | 'ITEMS' | 'USERS' | 'ACTIONS' | 'ACTION_INTERACTIONS';
export const DATASET_TYPES: readonly DatasetType[] = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];

export type Domain = 'ECOMMERCE' | 'VIDEO_ON_DEMAND';
export const DOMAINS: readonly Domain[] = ['ECOMMERCE', 'VIDEO_ON_DEMAND'];

export type ImportMode = 'FULL' | 'INCREMENTAL';

/** Status strings exactly as the service sends them. */
export type JobStatus = 'CREATE PENDING' | 'CREATE IN_PROGRESS' | 'ACTIVE' | 'CREATE FAILED';
export const TERMINAL_JOB_STATUSES: readonly string[] = ['ACTIVE', 'CREATE FAILED'];

export interface DatasetGroup {
  arn: string;
  name: string;
  status: string;
  /** undefined = a Custom dataset group */
  domain?: Domain;
  roleArn?: string;
  kmsKeyArn?: string;
  createdAt?: Date;
  updatedAt?: Date;
  failureReason?: string;
}

export interface Dataset {
  arn: string;
  name: string;
  datasetType: DatasetType;
  datasetGroupArn: string;
  schemaArn?: string;
  status: string;
  createdAt?: Date;
  updatedAt?: Date;
  /** DescribeDataset.latestDatasetUpdate.status, when known */
  latestUpdateStatus?: string;
  trackingId?: string;
}

/** One field of an Avro record schema as Personalize uses it. */
export interface AvroField {
  name: string;
  /** e.g. "string", "long", ["null","string"] */
  type: string | string[];
  categorical?: boolean;
  textual?: boolean;
  default?: unknown;
}

export interface AvroRecordSchema {
  type: 'record';
  name: string;
  namespace?: string;
  fields: AvroField[];
  version?: string;
}

export interface DatasetSchema {
  arn: string;
  name: string;
  domain?: Domain;
  /** the parsed Avro record */
  avro: AvroRecordSchema;
  /** the schema string exactly as the service returned it */
  raw: string;
  createdAt?: Date;
}

export interface ImportJob {
  arn: string;
  name: string;
  datasetArn?: string;
  /** s3://bucket/key or s3://bucket/prefix/ */
  dataLocation?: string;
  roleArn?: string;
  status: string;
  importMode?: ImportMode;
  failureReason?: string;
  createdAt?: Date;
  updatedAt?: Date;
  publishAttributionMetricsToS3?: boolean;
}

export interface CreateImportJobInput {
  name: string;
  datasetArn: string;
  dataLocation: string;
  roleArn: string;
  importMode: ImportMode;
  tags?: Record<string, string>;
  publishAttributionMetricsToS3?: boolean;
}

export interface S3ObjectInfo {
  bucket: string;
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
}

export interface UploadProgress {
  loaded: number;
  total?: number;
  part?: number;
}

/** A dataset group's metric attribution (ListMetricAttributions summary). */
export interface MetricAttribution {
  arn: string;
  name: string;
  status: string;
  createdAt?: Date;
  updatedAt?: Date;
  failureReason?: string;
}

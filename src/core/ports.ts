// The edges the core talks through. src/aws/ implements these with the real AWS SDK clients
// (pointed at AWS or at the sandbox); commands receive them in a Deps object, never as globals.
import type {
  CreateImportJobInput, Dataset, DatasetGroup, DatasetSchema, DatasetType, Domain, ImportJob, MetricAttribution, S3ObjectInfo, UploadProgress,
} from './resources.js';

export interface PersonalizeApi {
  /** every page */
  listDatasetGroups(): Promise<DatasetGroup[]>;
  describeDatasetGroup(arn: string): Promise<DatasetGroup>;
  /** every page; summaries carry arn, name, datasetType, status, dates */
  listDatasets(datasetGroupArn: string): Promise<Dataset[]>;
  describeDataset(arn: string): Promise<Dataset>;
  describeSchema(arn: string): Promise<DatasetSchema>;
  /** every page, newest first */
  listImportJobs(datasetArn: string): Promise<ImportJob[]>;
  describeImportJob(arn: string): Promise<ImportJob>;
  /** every page: every import job in the region (no dataset filter), to find one by name. Optional: fakes may omit it. */
  listAllImportJobs?(): Promise<ImportJob[]>;
  /** returns the new job's ARN */
  createImportJob(input: CreateImportJobInput): Promise<string>;
  /** every page; a group's metric attributions (for publishAttributionMetricsToS3). Optional: fakes may omit it. */
  listMetricAttributions?(datasetGroupArn: string): Promise<MetricAttribution[]>;
}

/** A schema as ListSchemas returns it (DescribeSchema for the Avro JSON). */
export interface SchemaSummary {
  arn: string;
  name: string;
  domain?: Domain;
  createdAt?: Date;
}

/**
 * Creating what an import needs (src/flow/create.ts drives it). Each create returns the new ARN;
 * the resource then goes CREATE PENDING → ACTIVE (follow it with describeDatasetGroup / describeDataset).
 */
export interface PersonalizeCreateApi {
  createDatasetGroup(input: { name: string; domain?: Domain; roleArn?: string; kmsKeyArn?: string }): Promise<string>;
  /** every page */
  listSchemas(): Promise<SchemaSummary[]>;
  /** `schema`: the Avro record as JSON text */
  createSchema(input: { name: string; schema: string; domain?: Domain }): Promise<string>;
  createDataset(input: { name: string; datasetGroupArn: string; schemaArn: string; datasetType: DatasetType }): Promise<string>;
  /** Items and Users only: the new schema adds optional fields */
  updateDataset(datasetArn: string, schemaArn: string): Promise<void>;
  deleteDataset(arn: string): Promise<void>;
  deleteSchema(arn: string): Promise<void>;
  deleteDatasetGroup(arn: string): Promise<void>;
}

export interface UploadRequest {
  bucket: string;
  key: string;
  /** local file path */
  file: string;
  onProgress?: (p: UploadProgress) => void;
  /** aborting it aborts the multipart upload (no parts left behind) */
  signal?: AbortSignal;
  partSizeBytes?: number;
  /** replace an object this process did not upload (default: refuse, a conflict error) */
  overwrite?: boolean;
}

export interface StorageApi {
  listBuckets(): Promise<string[]>;
  /** undefined when the object does not exist */
  head(bucket: string, key: string): Promise<S3ObjectInfo | undefined>;
  /** every page */
  /** the objects under `prefix`; `max`: stop after that many (a page or more), for a look, not the whole folder */
  list(bucket: string, prefix: string, opts?: { max?: number }): Promise<S3ObjectInfo[]>;
  /** streamed, never buffered whole */
  read(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>>;
  /** bytes [start, end) of an object (a ranged GET; `etag`: fail if the object changed meanwhile) */
  /** `into`: where the body's bytes may be read straight into (Placement) */
  readRange?(bucket: string, key: string, start: number, end: number, opts?: { etag?: string; signal?: AbortSignal; into?: Placement }): Promise<AsyncIterable<Uint8Array>>;
  /** the object's first `bytes` bytes (fewer when it is shorter) with its size and ETag: one ranged GET (validate s3://… sends it instead of head(), asked only when this fails) */
  readStart?(bucket: string, key: string, bytes: number, signal?: AbortSignal): Promise<{ bytes: Uint8Array; size: number; etag?: string }>;
  /** uploads `req.file`; refuses to replace an object this process did not put there; SIGTERM /
   * SIGHUP during it abort it like `signal` (no parts left); `etag` is S3's for the completed object */
  upload(req: UploadRequest): Promise<{ bucket: string; key: string; bytes: number; location: string; etag?: string }>;
  /** e.g. "us-east-1" */
  bucketRegion(bucket: string): Promise<string>;
  /** the policy JSON text; undefined when the bucket has no policy */
  bucketPolicy(bucket: string): Promise<string | undefined>;
  /** in-progress multipart uploads (to prove nothing is left behind) */
  listMultipartUploads(bucket: string): Promise<{ key: string; uploadId: string }[]>;
}

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Io {
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Where the AWS layer resolved itself to, for display ("Where" step, reports). */
export interface AwsContext {
  region?: string;
  profile?: string;
  /** true when endpoints point at the sandbox / an override */
  endpointOverride?: string;
  sandbox?: boolean;
  /** sandbox only: it keeps what is created in a folder (--sandbox-data-dir), from one run to the next */
  sandboxKept?: boolean;
  accountId?: string;
  /** the S3 endpoint override in effect (path-style addressing is on whenever this is set) */
  s3EndpointOverride?: string;
  /** sandbox only: the role ARN Personalize may assume there */
  roleArn?: string;
  /** sandbox only: the bucket Personalize may read there */
  bucket?: string;
  /** sandbox only: its IAM endpoint (the import role's trust and policies, for preflight) */
  iamEndpoint?: string;
  /** sandbox only: its KMS and STS endpoints (key policies; who the caller is) */
  kmsEndpoint?: string;
  stsEndpoint?: string;
  /** --debug is on: every request/response is logged to stderr (secrets redacted) */
  debug?: boolean;
}

/**
 * Where the bytes of a ranged read may go straight from the socket, instead of being copied there
 * from the chunks handed out (the validator's rings, remote-ring.ts). A chunk read there is handed
 * out as a view of that memory, already in place.
 */
export interface Placement {
  /** memory whose first byte is where the object's byte `at` goes, free to be written now; undefined: no room now */
  at(at: number): Uint8Array | undefined;
  /** resolves once at least `bytes` from `at` on are free (or the reading is being stopped) */
  room(at: number, bytes: number): Promise<void>;
}

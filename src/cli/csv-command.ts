// What `validate` and `fix` share before they read a row: --domain / --mode, the AWS deps made only
// when an s3:// input or --dataset-arn needs them (closed once), and the schema — from --schema
// FILE or from the dataset --dataset-arn names (with its type and its group's domain).
// Heavy modules (the SDK, the schema parser) are loaded inside the functions, so --help stays fast.
import { AppError, fsReason, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { Io, PersonalizeApi } from '../core/ports.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { SchemaModel } from '../validate/index.js';

/** --domain ecommerce|video-on-demand → the domain; undefined when not given. Usage error otherwise. */
export function parseDomain(value: string | undefined): Domain | undefined {
  if (!value) return undefined;
  const d = value.toUpperCase().replace(/-/g, '_');
  if (d !== 'ECOMMERCE' && d !== 'VIDEO_ON_DEMAND') throw usageError(`--domain '${value}' is not a domain`, 'Use ECOMMERCE or VIDEO_ON_DEMAND (leave it out for a Custom dataset group).');
  return d;
}

/** --mode full|incremental → the import mode (default FULL). Usage error otherwise. */
export function parseMode(value: string | undefined): ImportMode {
  if (!value) return 'FULL';
  const m = value.toUpperCase();
  if (m !== 'FULL' && m !== 'INCREMENTAL') throw usageError(`--mode '${value}' is not an import mode`, 'Use full or incremental.');
  return m;
}

export type Deps = Awaited<ReturnType<typeof import('../aws/deps.js').createDeps>>;

export interface AwsFlags {
  region?: string;
  'aws-profile'?: string;
  sandbox?: boolean;
  debug?: boolean;
}

/**
 * The deps, made on first use (a local file with --schema never touches AWS); close() is safe either
 * way. s3(): S3 alone (storage-deps.ts) when nothing else was asked for, without loading the
 * Personalize clients; the full deps' S3 when they were made (or with --sandbox, which starts there).
 */
export function lazyDeps(values: AwsFlags, io: Io): { get(): Promise<Deps>; s3(): Promise<Deps['s3']>; objectS3(bucket: string): Promise<Deps['s3']>; close(): Promise<void> } {
  let deps: Promise<Deps> | undefined;
  let storage: Promise<{ s3: Deps['s3']; close(): Promise<void> }> | undefined;
  /** objectS3's storage, one per bucket asked (the same one when asked again) */
  let objects: { bucket: string; storage: Promise<Deps['s3'] & { close?: () => void }> } | undefined;
  const get = () => {
    deps ??= import('../aws/deps.js').then(({ createDeps }) => createDeps({ region: values.region, awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug, io }));
    return deps;
  };
  async function s3() {
    if (deps || values.sandbox) return (await get()).s3;
    storage ??= import('../aws/storage-deps.js').then(({ createStorageDeps }) => createStorageDeps({ region: values.region, awsProfile: values['aws-profile'], debug: values.debug, io }));
    return (await storage).s3;
  }
  /**
   * S3 for reading one object by ranges (validate s3://bucket/key): its ranged GETs signed and sent
   * without loading the SDK when the settings allow (fast-s3.ts), everything else through s3()
   */
  async function objectS3(bucket: string): Promise<Deps['s3'] & { close?: () => void }> {
    if (deps || values.sandbox) return s3();
    const { settingsFromEnv } = await import('../aws/settings.js');
    const { FastRangeStorage, fastTarget } = await import('../aws/fast-s3.js');
    const settings = settingsFromEnv(io.env, { region: values.region, awsProfile: values['aws-profile'] });
    const target = fastTarget(settings, io.env, bucket);
    if (!target) return s3();
    let debug;
    if (values.debug) {
      const c = settings.credentials;
      debug = { sink: io.stderr, secrets: () => [c?.secretAccessKey, c?.sessionToken].filter((x): x is string => Boolean(x)) };
      io.stderr.write(`[debug] region ${target.region}${settings.s3Endpoint ? `, s3 endpoint ${settings.s3Endpoint} (path-style)` : ''}; ranged GETs signed here, other S3 calls through the SDK\n`);
    }
    return new FastRangeStorage(target, s3, debug);
  }
  return {
    get,
    s3,
    objectS3(bucket: string) {
      if (objects?.bucket !== bucket) {
        const was = objects;
        objects = { bucket, storage: objectS3(bucket) };
        void was?.storage.then((s) => s.close?.(), () => {});
      }
      return objects.storage;
    },
    async close() {
      const o = await objects?.storage.catch(() => undefined);
      o?.close?.();
      const d = await deps?.catch(() => undefined);
      await d?.close();
      const st = await storage?.catch(() => undefined);
      await st?.close();
    },
  };
}

export interface LoadedSchema {
  schema: SchemaModel;
  /** with --dataset-arn: the dataset's own type and its group's domain */
  dataset?: { arn: string; datasetType: DatasetType; domain?: Domain };
}

/**
 * The schema from --schema FILE (read and parsed, the file named in any error), or from the dataset
 * --dataset-arn names (DescribeDataset → DescribeSchema; the group's domain only when `wantDomain`).
 */
export async function loadSchema(values: { schema?: string; 'dataset-arn'?: string }, deps: () => Promise<Deps>, wantDomain: boolean): Promise<LoadedSchema> {
  const { parseSchema } = await import('../validate/schema.js');
  if (values.schema) {
    const { readFile } = await import('node:fs/promises');
    let text: string;
    try {
      text = await readFile(values.schema, 'utf8');
    } catch (e) {
      throw usageError(`--schema ${visible(values.schema)}: ${fsReason(e)}`, 'Pass the path of a file holding the Avro schema JSON.');
    }
    return { schema: parseSchema(text, `--schema ${values.schema}`) };
  }
  const arn = values['dataset-arn']!;
  if (!/^arn:[\w-]+:personalize:[\w-]*:\d*:dataset\/.+/.test(arn)) throw usageError(`--dataset-arn '${visible(arn)}' is not a dataset ARN`, 'It looks like arn:aws:personalize:us-east-1:123456789012:dataset/GROUP/INTERACTIONS.');
  const { personalize } = await deps();
  const ds = await personalize.describeDataset(arn);
  if (!ds.schemaArn) throw new AppError('not-found', `Dataset ${arn} has no schema ARN.`);
  const sch = await personalize.describeSchema(ds.schemaArn);
  const schema = parseSchema(sch.raw ?? JSON.stringify(sch.avro), `the schema of ${arn}`);
  const domain = wantDomain && ds.datasetGroupArn ? (await personalize.describeDatasetGroup(ds.datasetGroupArn)).domain : undefined;
  return { schema, dataset: { arn, datasetType: ds.datasetType, ...(domain ? { domain } : {}) } };
}

/** The dataset of `type` in the group named (or ARN'd) `group`; without a type, the group's only dataset. */
export async function datasetInGroup(cmd: string, group: string, type: DatasetType | undefined, personalize: PersonalizeApi): Promise<string> {
  const found = (await personalize.listDatasetGroups()).find((g) => g.name === group || g.arn === group);
  if (!found) throw usageError(`${cmd}: there is no dataset group named ${visible(group)} here.`, 'Check the name, --region and --aws-profile (`aws personalize list-dataset-groups` lists a region\'s groups).');
  const datasets = await personalize.listDatasets(found.arn);
  const flagName = (t: DatasetType) => t.toLowerCase().replace('_', '-');
  const kinds = datasets.map((d) => flagName(d.datasetType)).join(', ') || 'no dataset yet';
  if (!type) {
    if (datasets.length === 1) return datasets[0].arn;
    throw usageError(`${cmd}: which dataset of ${visible(found.name)}? It has ${kinds}.`, 'Pass --dataset-type interactions|items|users|actions|action-interactions.');
  }
  const ds = datasets.find((d) => d.datasetType === type);
  if (!ds) throw usageError(`${cmd}: ${visible(found.name)} has no ${flagName(type)} dataset (it has ${kinds}).`, 'Pass the --dataset-type of one it has, or --schema <file> to check against a schema file.');
  return ds.arn;
}

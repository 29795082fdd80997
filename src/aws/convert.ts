// SDK output shapes → the plain resource shapes of src/core/resources.ts.
import type {
  DatasetGroup as SdkGroup, DatasetGroupSummary, Dataset as SdkDataset, DatasetSummary,
  DatasetImportJob, DatasetImportJobSummary, DatasetSchema as SdkSchema, MetricAttributionSummary,
} from '@aws-sdk/client-personalize';
import type {
  AvroRecordSchema, Dataset, DatasetGroup, DatasetSchema, DatasetType, Domain, ImportJob, ImportMode, MetricAttribution,
} from '../core/resources.js';
import { AppError } from '../core/errors.js';

export function group(g: SdkGroup | DatasetGroupSummary): DatasetGroup {
  const full = g as SdkGroup;
  return {
    arn: g.datasetGroupArn ?? '',
    name: g.name ?? '',
    status: g.status ?? 'UNKNOWN',
    domain: (g.domain as Domain | undefined) ?? undefined,
    roleArn: full.roleArn,
    kmsKeyArn: full.kmsKeyArn,
    createdAt: g.creationDateTime,
    updatedAt: g.lastUpdatedDateTime,
    failureReason: g.failureReason,
  };
}

export function dataset(d: SdkDataset | DatasetSummary, datasetGroupArn?: string): Dataset {
  const full = d as SdkDataset;
  return {
    arn: d.datasetArn ?? '',
    name: d.name ?? '',
    datasetType: (d.datasetType ?? '').toUpperCase() as DatasetType,
    datasetGroupArn: full.datasetGroupArn ?? datasetGroupArn ?? '',
    schemaArn: full.schemaArn,
    status: d.status ?? 'UNKNOWN',
    createdAt: d.creationDateTime,
    updatedAt: d.lastUpdatedDateTime,
    latestUpdateStatus: full.latestDatasetUpdate?.status,
    trackingId: full.trackingId,
  };
}

export function schema(s: SdkSchema): DatasetSchema {
  const raw = s.schema ?? '';
  let avro: AvroRecordSchema;
  try {
    avro = JSON.parse(raw) as AvroRecordSchema;
  } catch (e) {
    throw new AppError('internal', `The schema ${s.schemaArn ?? ''} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!avro || avro.type !== 'record' || !Array.isArray(avro.fields)) {
    throw new AppError('internal', `The schema ${s.schemaArn ?? ''} is not an Avro record with fields.`);
  }
  return { arn: s.schemaArn ?? '', name: s.name ?? '', domain: s.domain as Domain | undefined, avro, raw, createdAt: s.creationDateTime };
}

function location(j: DatasetImportJob): string | undefined {
  return j.dataSource?.dataLocation;
}

export function importJob(j: DatasetImportJob | DatasetImportJobSummary): ImportJob {
  const full = j as DatasetImportJob;
  return {
    arn: j.datasetImportJobArn ?? '',
    name: j.jobName ?? '',
    datasetArn: full.datasetArn,
    dataLocation: location(full),
    roleArn: full.roleArn,
    status: j.status ?? 'UNKNOWN',
    importMode: j.importMode as ImportMode | undefined,
    failureReason: j.failureReason,
    createdAt: j.creationDateTime,
    updatedAt: j.lastUpdatedDateTime,
    publishAttributionMetricsToS3: full.publishAttributionMetricsToS3,
  };
}

export function metricAttribution(m: MetricAttributionSummary): MetricAttribution {
  return {
    arn: m.metricAttributionArn ?? '',
    name: m.name ?? '',
    status: m.status ?? 'UNKNOWN',
    createdAt: m.creationDateTime,
    updatedAt: m.lastUpdatedDateTime,
    failureReason: m.failureReason,
  };
}

/** newest first; undated last */
export function newestFirst<T extends { createdAt?: Date }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => (b.createdAt?.getTime() ?? -Infinity) - (a.createdAt?.getTime() ?? -Infinity));
}

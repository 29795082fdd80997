// PersonalizeApi over the real SDK client (AWS or the sandbox: the same code either way).
import {
  type PersonalizeClient,
  CreateDatasetImportJobCommand, DescribeDatasetCommand, DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand, DescribeSchemaCommand,
  paginateListDatasetGroups, paginateListDatasetImportJobs, paginateListDatasets, paginateListMetricAttributions,
} from '@aws-sdk/client-personalize';
import type { PersonalizeApi } from '../core/ports.js';
import type { CreateImportJobInput, Dataset, DatasetGroup, ImportJob, MetricAttribution } from '../core/resources.js';
import { AppError } from '../core/errors.js';
import * as convert from './convert.js';
import { call, type ErrorContext } from './errors.js';

export interface AwsPlace {
  region?: string;
  profile?: string;
  endpoint?: string;
}

export class SdkPersonalize implements PersonalizeApi {
  constructor(readonly client: PersonalizeClient, private readonly place: AwsPlace = {}) {}

  private ctx(what: string): ErrorContext {
    return { what, service: 'Personalize', ...this.place };
  }

  listDatasetGroups(): Promise<DatasetGroup[]> {
    return call(this.ctx('list dataset groups'), async () => {
      const out: DatasetGroup[] = [];
      for await (const page of paginateListDatasetGroups({ client: this.client, pageSize: 100 }, {})) {
        for (const g of page.datasetGroups ?? []) out.push(convert.group(g));
      }
      return out;
    });
  }

  describeDatasetGroup(arn: string): Promise<DatasetGroup> {
    return call(this.ctx(`describe dataset group ${arn}`), async () => {
      const r = await this.client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn }));
      if (!r.datasetGroup) throw new AppError('not-found', `Dataset group ${arn} was not returned.`);
      return convert.group(r.datasetGroup);
    });
  }

  listDatasets(datasetGroupArn: string): Promise<Dataset[]> {
    return call(this.ctx(`list datasets of ${datasetGroupArn}`), async () => {
      const out: Dataset[] = [];
      for await (const page of paginateListDatasets({ client: this.client, pageSize: 100 }, { datasetGroupArn })) {
        for (const d of page.datasets ?? []) out.push(convert.dataset(d, datasetGroupArn));
      }
      return out;
    });
  }

  describeDataset(arn: string): Promise<Dataset> {
    return call(this.ctx(`describe dataset ${arn}`), async () => {
      const r = await this.client.send(new DescribeDatasetCommand({ datasetArn: arn }));
      if (!r.dataset) throw new AppError('not-found', `Dataset ${arn} was not returned.`);
      return convert.dataset(r.dataset);
    });
  }

  describeSchema(arn: string) {
    return call(this.ctx(`describe schema ${arn}`), async () => {
      const r = await this.client.send(new DescribeSchemaCommand({ schemaArn: arn }));
      if (!r.schema) throw new AppError('not-found', `Schema ${arn} was not returned.`);
      return convert.schema(r.schema);
    });
  }

  listImportJobs(datasetArn: string): Promise<ImportJob[]> {
    return call(this.ctx(`list import jobs of ${datasetArn}`), async () => {
      const out: ImportJob[] = [];
      for await (const page of paginateListDatasetImportJobs({ client: this.client, pageSize: 100 }, { datasetArn })) {
        for (const j of page.datasetImportJobs ?? []) out.push({ ...convert.importJob(j), datasetArn });
      }
      return convert.newestFirst(out);
    });
  }

  describeImportJob(arn: string): Promise<ImportJob> {
    return call(this.ctx(`describe import job ${arn}`), async () => {
      const r = await this.client.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }));
      if (!r.datasetImportJob) throw new AppError('not-found', `Import job ${arn} was not returned.`);
      return convert.importJob(r.datasetImportJob);
    });
  }

  createImportJob(input: CreateImportJobInput): Promise<string> {
    return call(this.ctx(`create import job ${input.name}`), async () => {
      const tags = Object.entries(input.tags ?? {}).map(([tagKey, tagValue]) => ({ tagKey, tagValue }));
      const r = await this.client.send(new CreateDatasetImportJobCommand({
        jobName: input.name,
        datasetArn: input.datasetArn,
        dataSource: { dataLocation: input.dataLocation },
        roleArn: input.roleArn,
        importMode: input.importMode,
        ...(tags.length ? { tags } : {}),
        ...(input.publishAttributionMetricsToS3 !== undefined ? { publishAttributionMetricsToS3: input.publishAttributionMetricsToS3 } : {}),
      }));
      if (!r.datasetImportJobArn) throw new AppError('internal', 'CreateDatasetImportJob returned no job ARN.');
      return r.datasetImportJobArn;
    });
  }

  listMetricAttributions(datasetGroupArn: string): Promise<MetricAttribution[]> {
    return call(this.ctx(`list metric attributions of ${datasetGroupArn}`), async () => {
      const out: MetricAttribution[] = [];
      for await (const page of paginateListMetricAttributions({ client: this.client, pageSize: 100 }, { datasetGroupArn })) {
        for (const m of page.metricAttributions ?? []) out.push(convert.metricAttribution(m));
      }
      return out;
    });
  }
}

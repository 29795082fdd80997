// PersonalizeApi over the real SDK client (AWS or the sandbox: the same code either way).
import {
  type PersonalizeClient,
  CreateDatasetCommand, CreateDatasetGroupCommand, CreateSchemaCommand, DeleteDatasetCommand, DeleteDatasetGroupCommand,
  DeleteSchemaCommand, UpdateDatasetCommand, paginateListSchemas,
  CreateDatasetImportJobCommand, DescribeDatasetCommand, DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand, DescribeSchemaCommand,
  ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListDatasetsCommand, ListMetricAttributionsCommand,
} from '@aws-sdk/client-personalize';
import { withRetry } from '../job/retry.js';
import type { PersonalizeApi, PersonalizeCreateApi, SchemaSummary } from '../core/ports.js';
import type { CreateImportJobInput, Dataset, DatasetGroup, DatasetType, Domain, ImportJob, MetricAttribution } from '../core/resources.js';
import { AppError } from '../core/errors.js';
import * as convert from './convert.js';
import { call, type ErrorContext } from './errors.js';

export interface AwsPlace {
  region?: string;
  profile?: string;
  endpoint?: string;
}

export class SdkPersonalize implements PersonalizeApi, PersonalizeCreateApi {
  /** told while a page is being retried (throttling, a dropped connection): the policy's notes, every 30 s */
  onRetryNote?: (note: string) => void;

  constructor(readonly client: PersonalizeClient, private readonly place: AwsPlace = {}) {}

  private ctx(what: string): ErrorContext {
    return { what, service: 'Personalize', ...this.place };
  }

  /**
   * Every page of a List* call, each page fetched under the one retry policy (src/job/retry.ts):
   * throttling or a dropped connection on page 7 waits and retries page 7 — the pages already read
   * are kept, and the listing gives up only after 10 minutes of failures.
   */
  private async allPages<P extends { nextToken?: string }>(what: string, fetch: (nextToken: string | undefined) => Promise<P>, each: (page: P) => void): Promise<void> {
    let token: string | undefined;
    let pages = 0;
    do {
      const t = token;
      const page = await withRetry(() => call(this.ctx(what), () => fetch(t)), {
        what,
        // an endpoint nothing listens on, before any page answered, is a wrong setting: say so at once
        networkFailsFast: pages === 0,
        onNote: (n) => this.onRetryNote?.(`${what}: ${n}`),
      });
      each(page);
      pages += 1;
      token = page.nextToken;
    } while (token);
  }

  async listDatasetGroups(): Promise<DatasetGroup[]> {
    const out: DatasetGroup[] = [];
    await this.allPages('list dataset groups', (nextToken) => this.client.send(new ListDatasetGroupsCommand({ maxResults: 100, nextToken })), (page) => {
      for (const g of page.datasetGroups ?? []) out.push(convert.group(g));
    });
    return out;
  }

  describeDatasetGroup(arn: string): Promise<DatasetGroup> {
    return call(this.ctx(`describe dataset group ${arn}`), async () => {
      const r = await this.client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn }));
      if (!r.datasetGroup) throw new AppError('not-found', `Dataset group ${arn} was not returned.`);
      return convert.group(r.datasetGroup);
    });
  }

  async listDatasets(datasetGroupArn: string): Promise<Dataset[]> {
    const out: Dataset[] = [];
    await this.allPages(`list datasets of ${datasetGroupArn}`, (nextToken) => this.client.send(new ListDatasetsCommand({ datasetGroupArn, maxResults: 100, nextToken })), (page) => {
      for (const d of page.datasets ?? []) out.push(convert.dataset(d, datasetGroupArn));
    });
    return out;
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

  async listImportJobs(datasetArn: string): Promise<ImportJob[]> {
    const out: ImportJob[] = [];
    await this.allPages(`list import jobs of ${datasetArn}`, (nextToken) => this.client.send(new ListDatasetImportJobsCommand({ datasetArn, maxResults: 100, nextToken })), (page) => {
      for (const j of page.datasetImportJobs ?? []) out.push({ ...convert.importJob(j), datasetArn });
    });
    return convert.newestFirst(out);
  }

  async listAllImportJobs(): Promise<ImportJob[]> {
    const out: ImportJob[] = [];
    await this.allPages('list import jobs', (nextToken) => this.client.send(new ListDatasetImportJobsCommand({ maxResults: 100, nextToken })), (page) => {
      for (const j of page.datasetImportJobs ?? []) out.push(convert.importJob(j));
    });
    return convert.newestFirst(out);
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

  async listMetricAttributions(datasetGroupArn: string): Promise<MetricAttribution[]> {
    const out: MetricAttribution[] = [];
    await this.allPages(`list metric attributions of ${datasetGroupArn}`, (nextToken) => this.client.send(new ListMetricAttributionsCommand({ datasetGroupArn, maxResults: 100, nextToken })), (page) => {
      for (const m of page.metricAttributions ?? []) out.push(convert.metricAttribution(m));
    });
    return out;
  }

  createDatasetGroup(input: { name: string; domain?: Domain; roleArn?: string; kmsKeyArn?: string }): Promise<string> {
    return call(this.ctx(`create dataset group ${input.name}`), async () => {
      const r = await this.client.send(new CreateDatasetGroupCommand({
        name: input.name,
        ...(input.domain ? { domain: input.domain } : {}),
        ...(input.roleArn ? { roleArn: input.roleArn } : {}),
        ...(input.kmsKeyArn ? { kmsKeyArn: input.kmsKeyArn } : {}),
      }));
      if (!r.datasetGroupArn) throw new AppError('internal', 'CreateDatasetGroup returned no ARN.');
      return r.datasetGroupArn;
    });
  }

  listSchemas(): Promise<SchemaSummary[]> {
    return call(this.ctx('list schemas'), async () => {
      const out: SchemaSummary[] = [];
      for await (const page of paginateListSchemas({ client: this.client, pageSize: 100 }, {})) {
        for (const s of page.schemas ?? []) out.push({ arn: s.schemaArn ?? '', name: s.name ?? '', ...(s.domain ? { domain: s.domain as Domain } : {}), createdAt: s.creationDateTime });
      }
      return out;
    });
  }

  createSchema(input: { name: string; schema: string; domain?: Domain }): Promise<string> {
    return call(this.ctx(`create schema ${input.name}`), async () => {
      const r = await this.client.send(new CreateSchemaCommand({ name: input.name, schema: input.schema, ...(input.domain ? { domain: input.domain } : {}) }));
      if (!r.schemaArn) throw new AppError('internal', 'CreateSchema returned no ARN.');
      return r.schemaArn;
    });
  }

  createDataset(input: { name: string; datasetGroupArn: string; schemaArn: string; datasetType: DatasetType }): Promise<string> {
    return call(this.ctx(`create the ${input.datasetType} dataset ${input.name}`), async () => {
      const r = await this.client.send(new CreateDatasetCommand({ name: input.name, datasetGroupArn: input.datasetGroupArn, schemaArn: input.schemaArn, datasetType: input.datasetType }));
      if (!r.datasetArn) throw new AppError('internal', 'CreateDataset returned no ARN.');
      return r.datasetArn;
    });
  }

  updateDataset(datasetArn: string, schemaArn: string): Promise<void> {
    return call(this.ctx(`update dataset ${datasetArn}`), async () => {
      await this.client.send(new UpdateDatasetCommand({ datasetArn, schemaArn }));
    });
  }

  deleteDataset(arn: string): Promise<void> {
    return call(this.ctx(`delete dataset ${arn}`), async () => {
      await this.client.send(new DeleteDatasetCommand({ datasetArn: arn }));
    });
  }

  deleteSchema(arn: string): Promise<void> {
    return call(this.ctx(`delete schema ${arn}`), async () => {
      await this.client.send(new DeleteSchemaCommand({ schemaArn: arn }));
    });
  }

  deleteDatasetGroup(arn: string): Promise<void> {
    return call(this.ctx(`delete dataset group ${arn}`), async () => {
      await this.client.send(new DeleteDatasetGroupCommand({ datasetGroupArn: arn }));
    });
  }
}

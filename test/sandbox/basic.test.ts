import { describe, expect, it } from 'vitest';
import { DescribeDatasetCommand, DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetsCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';

describe('sandbox seed', () => {
  const sb = withSandbox();
  it('lists the seeded dataset groups with their datasets and schemas', async () => {
    const groups = await sb.personalize.send(new ListDatasetGroupsCommand({}));
    expect(groups.datasetGroups?.map((g) => [g.name, g.domain]).sort()).toEqual([['sandbox-ecommerce', 'ECOMMERCE'], ['sandbox-shop', undefined]]);
    expect(groups.datasetGroups?.[0].creationDateTime).toBeInstanceOf(Date);
    const ds = await sb.personalize.send(new ListDatasetsCommand({ datasetGroupArn: sb.seeded.customGroupArn }));
    expect(ds.datasets?.map((d) => d.datasetType).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);
    const d = await sb.personalize.send(new DescribeDatasetCommand({ datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') }));
    expect(d.dataset?.status).toBe('ACTIVE');
    const s = await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: d.dataset!.schemaArn! }));
    const avro = JSON.parse(s.schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(avro.fields.map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE']);
    expect(avro.fields[4].type).toEqual(['null', 'float']);
  });
});

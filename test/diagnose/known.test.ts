// The facts of a job (its region, dataset group, location …) read from its ARNs and data location,
// and from a pasted text: the ARNs through parsePersonalizeArn (src/job/arn.ts), as everywhere else.
import { describe, expect, it } from 'vitest';
import { factsInText, factsOfJob } from '../../src/diagnose/known.js';

const ACCT = '123456789012';

describe('factsOfJob', () => {
  it('the region from the job ARN, the group from the dataset ARN', () => {
    const job = { arn: `arn:aws:personalize:eu-west-1:${ACCT}:dataset-import-job/nightly`, dataLocation: 's3://data/imports/users.csv', datasetArn: `arn:aws:personalize:eu-west-1:${ACCT}:dataset/shop/USERS`, roleArn: `arn:aws:iam::${ACCT}:role/PersonalizeS3` };
    expect(factsOfJob(job)).toEqual({ jobArn: job.arn, location: job.dataLocation, datasetArn: job.datasetArn, datasetGroup: 'shop', roleArn: job.roleArn, region: 'eu-west-1' });
    // what the caller read itself wins
    expect(factsOfJob(job, { datasetGroup: 'other', region: 'us-east-1' })).toMatchObject({ datasetGroup: 'other', region: 'us-east-1' });
    // other partitions
    expect(factsOfJob({ arn: `arn:aws-cn:personalize:cn-north-1:${ACCT}:dataset-import-job/x`, dataLocation: 's3://d/x.csv', datasetArn: `arn:aws-cn:personalize:cn-north-1:${ACCT}:dataset/g-1/ITEMS` })).toMatchObject({ region: 'cn-north-1', datasetGroup: 'g-1' });
  });
  it('nothing made up from what is not an ARN of that kind', () => {
    const facts = factsOfJob({ arn: 'nightly', dataLocation: 's3://d/x.csv', datasetArn: `arn:aws:personalize:us-east-1:${ACCT}:dataset-group/shop` });
    expect(facts.region).toBeUndefined();
    expect(facts.datasetGroup).toBeUndefined();
    expect(factsOfJob({ arn: 'x', dataLocation: 's3://d/x.csv' })).toEqual({ jobArn: 'x', location: 's3://d/x.csv' });
  });
});

describe('factsInText', () => {
  it('a dataset ARN, a job ARN, a role and a location in a pasted message', () => {
    const text = `An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Insufficient privileges for accessing data in S3 (s3://data/imports/users.csv). Dataset arn:aws:personalize:ap-southeast-2:${ACCT}:dataset/shop/INTERACTIONS, role arn:aws:iam::${ACCT}:role/PersonalizeS3.`;
    expect(factsInText(text)).toEqual({ location: 's3://data/imports/users.csv', datasetArn: `arn:aws:personalize:ap-southeast-2:${ACCT}:dataset/shop/INTERACTIONS`, roleArn: `arn:aws:iam::${ACCT}:role/PersonalizeS3`, datasetGroup: 'shop', region: 'ap-southeast-2' });
  });
  it('the region from a job ARN when no dataset is named', () => {
    expect(factsInText(`Job arn:aws:personalize:us-west-2:${ACCT}:dataset-import-job/nightly failed.`)).toEqual({ jobArn: `arn:aws:personalize:us-west-2:${ACCT}:dataset-import-job/nightly`, region: 'us-west-2' });
  });
  it('nothing in a text without them', () => {
    expect(factsInText('Rate exceeded')).toEqual({});
  });
});

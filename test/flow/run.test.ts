// runImport against the in-process sandbox through the real SDK-backed ports.
import { afterAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { runImport, uploadCsv, type ImportEvent, datasetBlockedReason, sortGroups, datasetDetails } from '../../src/flow/index.js';
import { byName } from '../../src/flow/queries.js';
import { mulberry32 } from '../helpers/random.js';
import { withSandbox } from '../helpers/sandbox.js';
import { isAppError } from '../../src/core/errors.js';

const ROOT = resolve(__dirname, '../..');
const sb = withSandbox({ jobSeconds: 0 });
let deps: AwsDeps | undefined;
afterAll(async () => deps?.close());
async function d(): Promise<AwsDeps> {
  deps ??= await createDeps({ sandbox: false, io: { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT } });
  return deps;
}

it('byName orders names of the Personalize alphabet as localeCompare does', () => {
  const rnd = mulberry32(5);
  const abc = 'aAbBzZ09_-';
  const names = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => abc[Math.floor(rnd() * abc.length)]).join(''));
  expect([...names].sort(byName)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

describe('runImport', () => {
  it('uploads the local CSV, creates the job, reports events in order', async () => {
    const events: ImportEvent['type'][] = [];
    const { personalize, s3 } = await d();
    const r = await runImport({
      datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), source: { kind: 'local', path: resolve(ROOT, 'samples/interactions.csv') },
      bucket: sb.sandbox.bucket, key: 'flow/interactions.csv', importMode: 'FULL', jobName: 'flow-run-1', roleArn: sb.sandbox.roleArn, tags: { team: 'search' },
    }, { personalize, s3 }, { onEvent: (e) => events.push(e.type) });
    expect(r.jobArn).toMatch(/dataset-import-job\/flow-run-1$/);
    expect(r.dataLocation).toBe(`s3://${sb.sandbox.bucket}/flow/interactions.csv`);
    expect(r.upload?.bytes).toBeGreaterThan(1000);
    expect(events[0]).toBe('upload-start');
    expect(events.slice(-3)).toEqual(['uploaded', 'creating', 'created']);
    const job = await sb.waitForJob(r.jobArn);
    expect(job.status).toBe('ACTIVE');
  });

  it('an aborted upload throws interrupted and leaves no multipart upload', async () => {
    const { personalize, s3 } = await d();
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(resolve(tmpdir(), 'pi-flow-'));
    const file = resolve(dir, 'big.csv');
    writeFileSync(file, Buffer.alloc(24 * 1024 * 1024, 'a'));
    const ac = new AbortController();
    const p = runImport({
      datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), source: { kind: 'local', path: file }, bucket: sb.sandbox.bucket, key: 'flow/big.csv',
      importMode: 'FULL', jobName: 'flow-run-aborted', roleArn: sb.sandbox.roleArn,
    }, { personalize, s3 }, { signal: ac.signal, partSizeBytes: 5 * 1024 * 1024, onEvent: (e) => e.type === 'upload-progress' && ac.abort() });
    const err = await p.catch((e: unknown) => e);
    expect(isAppError(err) && err.kind).toBe('interrupted');
    expect(await s3.listMultipartUploads(sb.sandbox.bucket)).toEqual([]);
    await expect(personalize.describeImportJob(`arn:aws:personalize:us-east-1:${sb.sandbox.accountId}:dataset-import-job/flow-run-aborted`)).rejects.toBeTruthy();
  });

  it('stopped while a partial upload could not be removed: said so, with the adapter\'s command that removes it — never "removed"', async () => {
    // a stub storage port: the sandbox cannot make S3 stop answering between Ctrl-C and the
    // AbortMultipartUpload that follows it; the error is the S3 adapter's own (src/aws/s3.ts)
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { AppError } = await import('../../src/core/errors.js');
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'pi-flow-left-')), 'events.csv');
    writeFileSync(file, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1767225600\n');
    const hint = "The partial upload could not be removed (S3 did not answer): remove it with aws s3api abort-multipart-upload --bucket b --key 'k' --upload-id U1";
    const ac = new AbortController();
    const stub = {
      async upload(): Promise<never> {
        ac.abort();
        throw new AppError('interrupted', 'Upload of events.csv cancelled; the partial upload may remain.', { hint });
      },
    };
    const e = await uploadCsv({ source: { kind: 'local', path: file }, bucket: 'b', key: 'k' }, stub, { signal: ac.signal }).catch((x: unknown) => x);
    expect(isAppError(e) && e.kind).toBe('interrupted');
    expect((e as Error).message).toBe('Upload stopped; the partial upload could not be removed from S3.');
    expect((e as { hint?: string }).hint).toBe(hint);
    // removed: said so
    const ac2 = new AbortController();
    const stub2 = { async upload(): Promise<never> { ac2.abort(); throw new AppError('interrupted', 'Upload of events.csv cancelled; nothing was left in s3://b/k.'); } };
    const e2 = await uploadCsv({ source: { kind: 'local', path: file }, bucket: 'b', key: 'k' }, stub2, { signal: ac2.signal }).catch((x: unknown) => x);
    expect((e2 as Error).message).toBe('Upload stopped; the partial upload was removed from S3.');
  });

  it('a missing local file is a usage error naming it', async () => {
    const { s3 } = await d();
    const e = await uploadCsv({ source: { kind: 'local', path: 'nope.csv' }, bucket: 'b', key: 'k' }, s3).catch((x: unknown) => x);
    expect(isAppError(e) && e.kind === 'usage' && e.message).toMatch(/Cannot read nope\.csv/);
  });
});

describe('queries', () => {
  it('dataset details read the schema (list summaries lack it) and the job history', async () => {
    const { personalize } = await d();
    const ds = (await personalize.listDatasets(sb.seeded.customGroupArn)).find((x) => x.datasetType === 'INTERACTIONS')!;
    const det = await datasetDetails(personalize, ds);
    // required = not nullable in the schema (#16 item 4): the seeded schema's EVENT_TYPE is a plain string
    expect(det.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']);
  });
  it('blocked reasons and group order', () => {
    expect(datasetBlockedReason({ arn: 'a', name: 'n', datasetType: 'ITEMS', datasetGroupArn: 'g', status: 'CREATE PENDING' })).toMatch(/wait until it is ACTIVE/);
    expect(datasetBlockedReason({ arn: 'a', name: 'n', datasetType: 'ITEMS', datasetGroupArn: 'g', status: 'CREATE FAILED' })).toMatch(/recreate/);
    expect(datasetBlockedReason({ arn: 'a', name: 'n', datasetType: 'ITEMS', datasetGroupArn: 'g', status: 'ACTIVE' })).toBeUndefined();
    const d0 = new Date(0);
    expect(sortGroups([{ arn: '1', name: 'b', status: 'ACTIVE', domain: 'ECOMMERCE', createdAt: d0 }, { arn: '2', name: 'z', status: 'ACTIVE', createdAt: d0 }, { arn: '3', name: 'new', status: 'ACTIVE', createdAt: new Date(5) }]).map((g) => g.name)).toEqual(['new', 'z', 'b']);
    // names made in the same second: as localeCompare orders them (letters before case, lower case first)
    expect(sortGroups(['shop-b', 'Shop-c', 'shop-A', 'shop-a', 'Shop-a'].map((name, i) => ({ arn: String(i), name, status: 'ACTIVE' as const, createdAt: d0 }))).map((g) => g.name)).toEqual(['shop-a', 'shop-A', 'Shop-a', 'shop-b', 'Shop-c']);
  });
});

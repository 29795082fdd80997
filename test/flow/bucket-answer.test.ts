// The bucket typed at the flow's bucket question (asked as text when the buckets cannot be listed) is
// read as --bucket is (src/core/s3-uri.ts bucketOfFlag): a name or s3://name[/folder/], the folder
// the next question's default. Before, the answer stripped "s3://" but its check refused any text
// that was not a bare name, so `s3://data/` was refused with "An S3 bucket name: …".
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/aws/deps.js';
import type { FlowEvent, StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { portsFor, runHeadless, SAMPLES, type Script, type TestPorts } from './harness.js';
import { dataset, shopGroup } from './rows.js';

describe('the bucket typed as an answer', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  let ports: TestPorts;
  let noList: Awaited<ReturnType<typeof createDeps>>;
  beforeAll(async () => {
    // S3 at a port nothing listens on (the real client): ListBuckets fails, so the bucket is typed
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, cwd: process.cwd() };
    noList = await createDeps({ sandbox: false, io: { ...io, env: { ...sb.env, AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' } } });
    ports = await portsFor(sb, { s3: noList.s3 });
  });
  afterAll(async () => {
    await ports?.close();
    await noList?.close();
  });
  const toBucket = (bucket: Script['bucket']): Script => ({ group: shopGroup, dataset: dataset('ITEMS'), csv: { type: join(SAMPLES, 'items.csv') }, how: { pick: 'bulk' }, bucket, prefix: 'quit' });
  const errors = (events: FlowEvent[]) => events.filter((e) => e.type === 'note' && e.tone === 'error').map((e) => (e as { text: string }).text);
  const prefixModel = (events: FlowEvent[]) => events.map((e) => (e.type === 'step' ? e.model : undefined)).find((m): m is StepModel => m?.id === 'prefix');

  it('s3://bucket/folder/ (as aws s3 writes it): that bucket, its folder the next default', async () => {
    const h = await runHeadless(ports, toBucket({ type: `s3://${sb.sandbox.bucket}/typed/` }));
    expect(errors(h.events)).toEqual([]);
    expect(h.asked.filter((id) => id === 'bucket')).toEqual(['bucket']);
    expect(h.state.answers.bucket).toBe(sb.sandbox.bucket);
    expect(prefixModel(h.events)?.default).toBe('typed/');
  });

  it('an object named instead of a bucket: asked again saying so; S3://bucket then taken', async () => {
    const h = await runHeadless(ports, toBucket([{ type: `s3://${sb.sandbox.bucket}/typed/items.csv` }, { type: `S3://${sb.sandbox.bucket}` }]));
    expect(errors(h.events)).toEqual([`That names an object: the bucket goes here (s3://${sb.sandbox.bucket}/ or ${sb.sandbox.bucket}), the folder next; the file keeps its own name.`]);
    expect(h.state.answers.bucket).toBe(sb.sandbox.bucket);
    expect(prefixModel(h.events)?.default).toBe('personalize-import/');
  });
});

// The start of an S3 object's validation (validate s3://…, issue 17): worker threads started before
// the object is known (EarlyWorkers) take its parts, or end unused when it is not split (a small
// object) and when the run fails; the object's first bytes fetched instead of HeadObject (SdkStorage
// readStart, RangeReader.start) stand for the split's first probe — the same cuts and report, one GET
// fewer. Against the sandbox's S3 with the real SDK, the client built as the CLI builds it.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Placement } from '../../src/core/ports.js';
import type * as Engine from '../../src/validate/index.js';
import type { SdkStorage } from '../../src/aws/s3.js';
import { splitAtNewlines } from '../../src/validate/sources.js';
import { PROBE_BYTES, splitRemote } from '../../src/validate/remote.js';
import { bundledEngine, interactionsRun } from './bundle.js';
import { cliStorage, withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox();
let engine: typeof Engine;
let dir: string;
let storage: SdkStorage;
let client: S3Client;

beforeAll(async () => {
  ({ dir, engine } = await bundledEngine('pi-remote-start-'));
  ({ client, storage } = cliStorage(sb.sandbox));
}, 120_000);

const strip = (r: Engine.ValidationReport) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });

function events(rows: number): Buffer {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
  for (let i = 0; i < rows; i++) s += `user${i % 700},"item,${i % 301}",${1600000000 + i}${i % 5000 === 11 ? 'x' : ''},${i % 3 ? 'click' : 'buy'},${i % 10 ? '' : '1.5'}\n`;
  return Buffer.from(s);
}

/** `bytes` as a local file and as an object in the sandbox's bucket */
async function both(name: string, bytes: Buffer) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const key = `remote-start/${name}`;
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: bytes }));
  const run = interactionsRun(engine, file);
  const read = (start: number, end: number, signal?: AbortSignal, into?: Placement) => storage.readRange(sb.sandbox.bucket, key, start, end, { signal, into });
  const remote = (start?: Promise<Uint8Array | undefined>) => ({ name: file, size: bytes.length, open: () => storage.read(sb.sandbox.bucket, key), ranges: { read, start } });
  return { ...run, key, read, remote, file };
}

/** resolves once every worker has exited (a worker left running fails the test by its timeout) */
const exited = (workers: readonly Worker[]) => Promise.all(workers.map((w) => new Promise<number>((resolve) => w.once('exit', resolve))));

/** the object's GETs (their ranges' first bytes) the sandbox served since `before` */
const startsSince = (before: number, key: string) => sb.sandbox.s3Faults.log.slice(before).filter((e) => e.key === key).map((e) => Number(e.range.replace('bytes=', '').split('-')[0]));

describe('the start of an S3 object\'s validation', () => {
  it('readStart: the first bytes with the size and ETag HeadObject gives (all of a shorter object); a missing object is an error', async () => {
    const f = await both('start.csv', events(5000));
    const head = (await storage.head(sb.sandbox.bucket, f.key))!;
    const got = await storage.readStart(sb.sandbox.bucket, f.key, PROBE_BYTES);
    expect(got.size).toBe(head.size);
    expect(got.etag).toBe(head.etag);
    expect(Buffer.from(got.bytes).equals(events(5000).subarray(0, PROBE_BYTES))).toBe(true);
    const small = await both('start-small.csv', events(3));
    const all = await storage.readStart(sb.sandbox.bucket, small.key, PROBE_BYTES);
    expect(all.size).toBe(events(3).length);
    expect(Buffer.from(all.bytes).equals(events(3))).toBe(true);
    await expect(storage.readStart(sb.sandbox.bucket, 'remote-start/nope.csv', PROBE_BYTES)).rejects.toBeTruthy();
  }, 60_000);

  it('the first bytes given (RangeReader.start) stand for the split\'s first probe: the local cuts, no GET from byte 0; too few, or none, and it reads them itself', async () => {
    const f = await both('split.csv', events(20000));
    const local = splitAtNewlines(f.file, f.size, 2)!;
    const first = await storage.readStart(sb.sandbox.bucket, f.key, PROBE_BYTES);
    let before = sb.sandbox.s3Faults.log.length;
    const given = (await splitRemote({ read: f.read, start: Promise.resolve(first.bytes) }, f.size, 2))!;
    expect(given.bounds).toEqual(local.bounds);
    expect(Buffer.from(given.header).equals(Buffer.from(local.header))).toBe(true);
    expect(startsSince(before, f.key)).not.toContain(0);
    for (const start of [() => Promise.resolve(first.bytes.subarray(0, 100)), () => Promise.resolve(undefined), () => Promise.reject(new Error('the GET failed'))]) {
      before = sb.sandbox.s3Faults.log.length;
      expect((await splitRemote({ read: f.read, start: start() }, f.size, 2))!.bounds).toEqual(local.bounds);
      expect(startsSince(before, f.key)).toContain(0);
    }
  }, 60_000);

  it('workers started early take a split object\'s parts (the local report) and end with the run', async () => {
    const f = await both('early.csv', events(60000));
    const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1 }));
    // (one: the calling thread checks the first part, as validate s3://… starts them)
    const early = new engine.EarlyWorkers(1);
    const ends = exited(early.started);
    const first = storage.readStart(sb.sandbox.bucket, f.key, PROBE_BYTES).then((r) => r.bytes);
    const r = await engine.validateCsv(f.remote(first), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, early, remote: { rangeBytes: 256 * 1024 } });
    expect(strip(r)).toEqual(local);
    await ends;
  }, 60_000);

  it('workers started early end unused when the object is not split (too small for the threads), with the same report', async () => {
    const f = await both('small.csv', events(2000));
    const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now }));
    const early = new engine.EarlyWorkers(2);
    const ends = exited(early.started);
    const r = await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, early });
    expect(strip(r)).toEqual(local);
    await ends;
  }, 60_000);

  it('workers started early end when the download fails: the S3 error, not a hang', async () => {
    const f = await both('broken.csv', events(30000));
    const early = new engine.EarlyWorkers(2);
    const ends = exited(early.started);
    // the probes answered, every range of the download dropped before a byte
    sb.sandbox.s3Faults.drop(100, 0, 100 * 1024);
    try {
      await expect(engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, early, remote: { rangeBytes: 256 * 1024, inFlight: 1 } })).rejects.toMatchObject({ kind: 'network' });
    } finally {
      sb.sandbox.s3Faults.clear();
    }
    await ends;
  }, 120_000);
});

afterAll(() => {
  client?.destroy();
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

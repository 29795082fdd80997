// S3 input read by byte ranges (src/validate/remote.ts) from the sandbox's S3 with the real SDK
// (src/aws/s3.ts readRange): the same report as the same bytes in a local file, whatever the range
// size (ranges that end at every byte of a line end, CRLF and inside quoted fields), cut for the
// worker threads exactly where a local file is cut, and a range dropped mid-body (the sandbox's
// fault injection) fetched again from where it broke, not from the object's start. The S3 client is
// built as the CLI builds it (src/aws/s3-client.ts): ranged GETs over src/aws/ranged-get.ts's sockets,
// read straight into the workers' rings (the placement readRange passes on). The core of it runs a
// second time through FastRangeStorage (src/aws/fast-s3.ts): the CLI's path with static keys, its
// GETs signed and sent without the SDK, which must come to the same bytes, cuts, retries and errors.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Placement } from '../../src/core/ports.js';
import type * as Engine from '../../src/validate/index.js';
import type { SdkStorage } from '../../src/aws/s3.js';
import { FastRangeStorage, fastTarget } from '../../src/aws/fast-s3.js';
import { splitAtNewlines } from '../../src/validate/sources.js';
import { splitRemote } from '../../src/validate/remote.js';
import { ROOT, bundledEngine, interactionsRun } from './bundle.js';
import type { fastLaneCounters as Counters } from '../../src/validate/fastlane.js';
import { cliStorage, withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox();
let engine: typeof Engine & { fastLaneCounters: typeof Counters };
let dir: string;
let storage: SdkStorage;
let client: S3Client;
let fast: FastRangeStorage;

beforeAll(async () => {
  const b = await bundledEngine('pi-remote-', join(ROOT, 'test/validate/entries/engine-counters.ts'));
  dir = b.dir;
  engine = b.engine as typeof engine;
  ({ client, storage } = cliStorage(sb.sandbox));
  fast = newFast();
}, 120_000);

/** the CLI's storage for one object with static keys: ranged GETs signed here, the rest (and fallbacks) through `storage` */
function newFast(): FastRangeStorage {
  const { region, s3Endpoint, accessKeyId, secretAccessKey, bucket } = sb.sandbox;
  return new FastRangeStorage(fastTarget({ region, s3Endpoint, credentials: { accessKeyId, secretAccessKey } }, {}, bucket)!, async () => storage);
}

type Via = 'the SDK client' | 'GETs signed here (fast-s3)';
const VIAS: Via[] = ['the SDK client', 'GETs signed here (fast-s3)'];
const through = (via: Via) => (via === 'the SDK client' ? storage : fast);

const strip = (r: Engine.ValidationReport) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });

/** `bytes` as a local file and as an object in the sandbox's bucket */
async function both(name: string, bytes: Buffer, via: Via = 'the SDK client') {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: `remote/${name}`, Body: bytes }));
  const run = interactionsRun(engine, file);
  const s3 = through(via);
  const ranges = { read: (start: number, end: number, signal?: AbortSignal, into?: Placement) => s3.readRange(sb.sandbox.bucket, `remote/${name}`, start, end, { signal, into }) };
  const remote = () => ({ name: file, size: bytes.length, open: () => s3.read(sb.sandbox.bucket, `remote/${name}`), ranges });
  return { ...run, remote, ranges, file };
}

/**
 * a small file with CRLF line ends, a quoted value holding a newline (and escaped quotes), a bad row
 * and a quoted comma; 177 bytes + `pad` (the quoted row's user ID), every row as short as it can be:
 * each byte costs a ranged GET in the tests below. The first row's long user ID puts the middle of the
 * records (the cut guess for two threads) in the quoted row's second line, 11 bytes before its CRLF
 * at pad 0 (see the split test); `lead` 0 where nothing is cut (165 bytes).
 */
function tricky(pad = 0, lead = 12): Buffer {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\r\n';
  s += `u${'y'.repeat(lead)}0,i0,1700000000,click,1\r\n`;
  s += `u${'x'.repeat(pad)},"it\r\nem,""7""",1700000010,click,\r\n`;
  s += 'u8,i8,17000000x1,buy,2\r\n';
  s += 'u9,"i,9",1700000029,click,1\r\n';
  return Buffer.from(s);
}

describe('validate an S3 object by byte ranges', () => {
  for (const via of VIAS) it(`ranges of every size from 1 to 24 bytes (ending at each byte of CRLF line ends and inside quoted fields), through ${via}: the local report`, async () => {
    const f = await both(`tricky-${via.length}.csv`, tricky(0, 0), via);
    const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now }));
    expect(local.errors.map((e) => e.code)).toContain('TYPE_LONG');
    for (let rangeBytes = 1; rangeBytes <= 24; rangeBytes++) {
      const r = await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, remote: { rangeBytes, inFlight: 3 } });
      expect(strip(r), `ranges of ${rangeBytes} bytes`).toEqual(local);
    }
    expect(fast.fallbacks).toBe(0);
  }, 180_000);

  for (const via of VIAS) it(`split for two worker threads where a local file is split, the cut guess at each byte around a quoted newline and a CRLF, through ${via}: the local report`, async () => {
    const inPlace = engine.fastLaneCounters.ringsInPlace;
    // each pad puts the cut guess 11, 12, 14, 15, 17, 18, 20 and 21 bytes before the quoted row's CRLF
    // (the cut): on its timestamp's digits, the comma before them and the quote closing the quoted
    // value. A part is checked from its ring (26 - pad bytes; an object's byte at its offset modulo
    // the ring) in blocks of half the ring that stop at its end: over the eight files those seams fall
    // between a CR and its LF (of a line end and of the quoted newline), after an LF, before a CR,
    // between the two quotes of an escaped quote, around a quote and inside quoted values.
    for (let pad = 0; pad < 8; pad++) {
      const f = await both(`split-${pad}-${via.length}.csv`, tricky(pad * 3), via);
      const localSplit = splitAtNewlines(f.file, f.size, 2)!;
      const remoteSplit = (await splitRemote(f.ranges, f.size, 2))!;
      expect(remoteSplit.bounds).toEqual(localSplit.bounds);
      expect(Buffer.from(remoteSplit.header).equals(Buffer.from(localSplit.header))).toBe(true);
      // the local report of one thread: without repeated lines it is the two threads' report
      // (parallel.test.ts), which costs two worker threads' start
      const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now }));
      // each part through a ring of a few dozen bytes: it wraps (and a range waits for room) inside quoted fields and CRLFs
      const remote = strip(await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, remote: { rangeBytes: 5, ringBytes: 26 - pad } }));
      expect(remote, `pad ${pad}: cut at ${localSplit.bounds[1]}`).toEqual(local);
      if (pad === 0) {
        // without the fast lane the rings are the channels' own memory, copied out by the workers
        const before = engine.fastLaneCounters.ringsInPlace;
        const noLane = strip(await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, fastLane: false, remote: { rangeBytes: 5, ringBytes: 26 } }));
        expect(noLane).toEqual(local);
        expect(engine.fastLaneCounters.ringsInPlace).toBe(before);
      }
    }
    // with it, both parts' rings were regions of the lane memory the workers check them in (8 files × 2 parts)
    expect(engine.fastLaneCounters.ringsInPlace - inPlace).toBe(16);
    expect(fast.fallbacks).toBe(0);
  }, 180_000);

  it('a cut guess (or the header) inside a line longer than the first probe: the rest of the MiB is read, the cuts and the report are the local ones', async () => {
    const row = (i: number, pad = '') => `user${i},item${i}${pad},${1700000000 + i},click,1\n`;
    const long = 'x'.repeat(200 * 1024);
    const files = {
      // the middle of the records is 100 KiB inside one line, with no newline in the first probe
      'long-middle.csv': `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${[0, 1, 2].map((i) => row(i)).join('')}${row(3, long)}${[4, 5, 6].map((i) => row(i)).join('')}`,
      // a header line longer than the first probe
      'long-header.csv': `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,${'Y'.repeat(70 * 1024)}\n${Array.from({ length: 3000 }, (_, i) => row(i)).join('')}`,
    };
    for (const [name, text] of Object.entries(files)) {
      const f = await both(name, Buffer.from(text));
      const localSplit = splitAtNewlines(f.file, f.size, 2)!;
      const remoteSplit = (await splitRemote(f.ranges, f.size, 2))!;
      expect(remoteSplit.bounds, name).toEqual(localSplit.bounds);
      expect(Buffer.from(remoteSplit.header).equals(Buffer.from(localSplit.header)), name).toBe(true);
      // (one thread's local report: no repeated lines, so the two threads' one)
      const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now }));
      const remote = strip(await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, remote: { rangeBytes: 48 * 1024 } }));
      expect(remote, name).toEqual(local);
    }
  }, 180_000);

  function events(rows: number): Buffer {
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < rows; i++) s += `user${i % 700},"item,${i % 301}",${1600000000 + i}${i % 5000 === 11 ? 'x' : ''},${i % 3 ? 'click' : 'buy'},${i % 10 ? '' : '1.5'}\n`;
    return Buffer.from(s);
  }

  for (const [workers, via] of [[1, VIAS[0]], [2, VIAS[0]], [2, VIAS[1]]] as const) it(`a range dropped mid-body is fetched again from where it broke (${workers} thread${workers > 1 ? 's' : ''}, through ${via}): the local report`, async () => {
    const name = `drops-${workers}-${via.length}.csv`;
    // ~770 KB: three ranges a part for two threads, four for one (several in flight, a drop behind the front one possible)
    const f = await both(name, events(20000), via);
    // (one thread's local report: no repeated lines, so the two threads' one)
    const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now }));
    const faults = sb.sandbox.s3Faults;
    const before = faults.log.length;
    // ranges of the download, not the split's 64 KiB probes (those are retried the same way)
    faults.drop(2, 1, 128 * 1024);
    const r = await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers, parallelMinBytes: 1, remote: { rangeBytes: 192 * 1024 } });
    expect(strip(r)).toEqual(local);
    expect(faults.pending()).toBe(0);
    const log = faults.log.slice(before).filter((e) => e.key === `remote/${name}`);
    const parse = (range: string) => range.replace('bytes=', '').split('-').map(Number);
    const dropped = log.filter((e) => e.dropped);
    expect(dropped).toHaveLength(2);
    for (const d of dropped) {
      const [start, end] = parse(d.range);
      // the retry asks for the rest of that range only: a later start, the same end
      const retry = log.find((e) => !e.dropped && parse(e.range)[1] === end && parse(e.range)[0] > start);
      expect(retry, `retry of ${d.range}`).toBeDefined();
    }
    // nothing else was fetched twice: from the object's start only the first range (and, to cut
    // the object for two threads, the probe of its header)
    expect(log.filter((e) => parse(e.range)[0] === 0)).toHaveLength(workers);
    // a body that broke is resumed where it is (not asked of the SDK instead)
    expect(fast.fallbacks).toBe(0);
  }, 180_000);

  /** a file whose time order breaks at line `breakAt` of each 1000 (-1: never) from line `from` on */
  function outOfOrder(from: number, breakAt = 700): string {
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 4000; i++) s += `user${i % 97},"item,${i % 31}",${1600000000 + (i >= from && i % 1000 === breakAt ? -5000 : i)},${i % 3 ? 'click' : 'buy'},${i % 4000 === 5 ? 'x' : '1'}\n`;
    return s + 'user1,"item,1",1600000000,click,1\n'; // a repeat of an earlier line
  }
  /** outOfOrder(0) in the bucket and its local report (two threads: the repeat at its end is in the other part), made once for the two tests that read it */
  let unsorted: Promise<{ f: Awaited<ReturnType<typeof both>>; local: ReturnType<typeof strip> }> | undefined;
  const unsortedOnce = () =>
    (unsorted ??= both('unsorted.csv', Buffer.from(outOfOrder(0))).then(async (f) => ({ f, local: strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1 })) })));
  const startsSince = (before: number, key: string) => sb.sandbox.s3Faults.log.slice(before).filter((e) => e.key === key).map((e) => Number(e.range.replace('bytes=', '').split('-')[0]));

  it('a part out of time order is read again: the worker\'s through its ring (fetched again from its first line), the first part on the calling thread from the bytes it kept: the local report', async () => {
    // time order breaks inside each part: the sorted fast path ends there and reads its part again
    const { f, local } = await unsortedOnce();
    const before = sb.sandbox.s3Faults.log.length;
    const reruns = engine.fastLaneCounters.partHereReruns;
    const remote = strip(await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, remote: { rangeBytes: 4096, ringBytes: 10007 } }));
    expect(remote).toEqual(local);
    expect(engine.fastLaneCounters.partHereReruns).toBe(reruns);
    // part 1 read again from its first line; part 0 not fetched again (the download's ranges start
    // at 0 and at multiples of 4096, part 1's at its cut)
    const split = splitAtNewlines(f.file, f.size, 2)!;
    const starts = startsSince(before, 'remote/unsorted.csv');
    expect(starts.filter((s) => s === split.bounds[1]).length).toBe(2);
    expect(starts).not.toContain(split.bounds[0]);
  }, 60_000);

  it('time order ends past the bytes the first part keeps: checked again with both parts on worker threads, the local report', async () => {
    // (the same object as the test above: the log is read from `before` on)
    const { f, local } = await unsortedOnce();
    const split = splitAtNewlines(f.file, f.size, 2)!;
    const before = sb.sandbox.s3Faults.log.length;
    const reruns = engine.fastLaneCounters.partHereReruns;
    // (time order ends at line 700, ≈ 31 KB in: past the 20 KB kept)
    const remote = strip(await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, remote: { rangeBytes: 4096, ringBytes: 10007, retainBytes: 20_000 } }));
    expect(remote).toEqual(local);
    expect(engine.fastLaneCounters.partHereReruns - reruns).toBe(1);
    // the second run: part 0 on a worker thread, read again through its ring from its first line
    expect(startsSince(before, 'remote/unsorted.csv')).toContain(split.bounds[0]);
  }, 60_000);

  it('the first part in time order, the second not: the first is read again once checked, from the bytes it kept and then fetched again, in the same run; the local report', async () => {
    const f = await both('unsorted-late.csv', Buffer.from(outOfOrder(2000)));
    const split = splitAtNewlines(f.file, f.size, 2)!;
    // (the file's second half starts past line 2000: only part 1 breaks time order)
    expect(f.size - split.bounds[1]).toBeGreaterThan(f.size / 3);
    const local = strip(await engine.validateCsv(f.src(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1 }));
    for (const retainBytes of [20_000, undefined]) {
      const before = sb.sandbox.s3Faults.log.length;
      const reruns = engine.fastLaneCounters.partHereReruns;
      const remote = strip(await engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, remote: { rangeBytes: 4096, ringBytes: 10007, retainBytes } }));
      expect(remote, `${retainBytes} bytes kept`).toEqual(local);
      expect(engine.fastLaneCounters.partHereReruns).toBe(reruns);
      const starts = startsSince(before, 'remote/unsorted-late.csv');
      // 20 KB kept: the rest of part 0 fetched again right after them; all of it kept (the default 8 MiB): nothing fetched again
      if (retainBytes) expect(starts).toContain(split.bounds[0] + retainBytes);
      else {
        // (part 0's download asks from multiples of 4096; the split probed the middle)
        const probe = split.bounds[0] + Math.floor((f.size - split.bounds[0]) / 2);
        expect(starts.filter((s) => s < split.bounds[1] && s % 4096 !== 0 && s !== probe)).toEqual([]);
      }
    }
  }, 60_000);

  it('Ctrl-C while the calling thread checks the first part from its ring: interrupted, the download stopped', async () => {
    const f = await both('cancel.csv', events(60000));
    const ac = new AbortController();
    // cancelled as the download asks for its 6th range (64 KiB each: the parts are ~1.3 MB)
    const signals: (AbortSignal | undefined)[] = [];
    const src = f.remote();
    const read = src.ranges.read;
    src.ranges.read = (start, end, signal, into) => {
      signals.push(signal);
      if (signals.length === 6) ac.abort();
      return read(start, end, signal, into);
    };
    const run = engine.validateCsv(src, { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, signal: ac.signal, remote: { rangeBytes: 64 * 1024, ringBytes: 256 * 1024 } });
    await expect(run).rejects.toMatchObject({ kind: 'interrupted' });
    // stopped early, and by the time the run has rejected every range it asked for is aborted:
    // nothing goes on downloading (the run disposes its rings before it rejects)
    expect(signals.length).toBeLessThan(20);
    expect(signals.every((s) => s?.aborted), `${signals.filter((s) => !s?.aborted).length} of ${signals.length} not aborted`).toBe(true);
  }, 60_000);

  it('several objects (a folder prefix), the next downloading while one is checked: the report of the same local files', async () => {
    const fs = [await both('part-a.csv', events(20000)), await both('part-b.csv', tricky()), await both('part-c.csv', events(5000))];
    const local = strip(await engine.validateCsv(fs.map((f) => f.src()), { schema: fs[0].schema, now: fs[0].now }));
    const remote = strip(await engine.validateCsv(fs.map((f) => f.remote()), { schema: fs[0].schema, now: fs[0].now, remote: { rangeBytes: 64 * 1024 } }));
    expect(remote).toEqual(local);
    expect(local.errors.some((e) => e.file === fs[1].file)).toBe(true);
  }, 120_000);

  for (const via of VIAS) it(`a range that keeps failing, through ${via}: the S3 error, and no spool file left behind`, async () => {
    fast = newFast();
    const f = await both(`broken-${via.length}.csv`, events(30000), via);
    const tmp = mkdtempSync(join(tmpdir(), 'pi-remote-spool-'));
    const was = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    // dropped before any byte: no progress, so the SDK's retries and ours run out
    sb.sandbox.s3Faults.drop(100, 0);
    try {
      await expect(engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, remote: { rangeBytes: 256 * 1024, inFlight: 1 } })).rejects.toMatchObject({ kind: 'network' });
      expect(readdirSync(tmp)).toEqual([]);
      // split for two threads (the probes answered, every range of the download dropped): the same error, no hang
      sb.sandbox.s3Faults.clear();
      sb.sandbox.s3Faults.drop(100, 0, 100 * 1024);
      await expect(engine.validateCsv(f.remote(), { schema: f.schema, now: f.now, workers: 2, parallelMinBytes: 1, remote: { rangeBytes: 256 * 1024, inFlight: 1 } })).rejects.toMatchObject({ kind: 'network' });
      // signed here: a GET that failed before its answer was asked again through the SDK, whose error it is
      if (via !== 'the SDK client') expect(fast.fallbacks).toBeGreaterThan(0);
    } finally {
      fast = newFast();
      sb.sandbox.s3Faults.clear();
      process.env.TMPDIR = was;
      if (was === undefined) delete process.env.TMPDIR;
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});

afterAll(() => {
  client?.destroy();
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

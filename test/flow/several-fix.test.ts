// "Fix the files with errors and check again" in the several-files review (steps-several-fix.ts): a
// folder of exports whose errors the fixer repairs (columns under other names, ISO dates, a row with a
// value too many) on an empty account (sandbox --seed none). The review offers the fix as its default;
// each file gets a fixed copy beside it (rows it cannot fix set aside once asked), the copies replace
// the files, the checks run again, and the import takes the copies — headless and in plain mode.
// A file the fixer cannot repair stays as it is and the review says why. A stop leaves no copy.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.js';
import { drive, newState, type FlowEvent, type StepModel } from '../../src/flow/machine/index.js';
import { severalOf } from '../../src/flow/machine/steps-several.js';
import { withSandbox } from '../helpers/sandbox.js';
import { EPOCH0, messyShopFiles } from '../helpers/messy-csv.js';
import { answerFor, portsFor, runHeadless, runPlain, SAMPLES, toFaceAnswer, type Script, type TestPorts } from './harness.js';

const empty = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.2 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(empty);
});
afterAll(() => ports?.close());

/** the two messy exports, and users with a lower-case header and one row of a value too many (line 6) */
function shopFolder(withUsers = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-sevfix-'));
  const { interactions, items } = messyShopFiles();
  writeFileSync(join(dir, 'interactions.csv'), interactions);
  writeFileSync(join(dir, 'items.csv'), items);
  if (withUsers) writeFileSync(join(dir, 'users.csv'), `user_id,age\n${Array.from({ length: 50 }, (_, i) => (i === 4 ? `u${i},30,extra` : `u${i},${20 + (i % 40)}`)).join('\n')}\n`);
  return dir;
}
const text = (m: StepModel) => m.lines.map((l) => l.text).join('\n');
const notes = (evs: FlowEvent[]) => evs.flatMap((e) => (e.type === 'note' ? [e.text] : [])).join('\n');
const reviews = (into: StepModel[]) => ({ pick: (m: StepModel) => (into.push(m), m.default!) });
async function bodyOf(location: string): Promise<string> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(location)!;
  let out = '';
  for await (const c of await ports.s3.read(bucket, key)) out += Buffer.from(c).toString('utf8');
  return out;
}
const jobsOf = async (name: string) => {
  const g = (await ports.personalize.listDatasetGroups()).find((x) => x.name === name)!;
  const ds = await ports.personalize.listDatasets(g.arn);
  return Object.fromEntries(await Promise.all(ds.map(async (d) => [d.datasetType, (await ports.personalize.listImportJobs(d.arn)).map((j) => j.status)])));
};

describe('several files: fix the files with errors and check again', () => {
  it('Enter at every step: the review offers the fix (default) → copies written, a row set aside with consent → checked again, all valid → 3 datasets, 3 jobs ACTIVE on the copies; plain mode alike', async () => {
    const dir = shopFolder();
    const own = await portsFor(empty, { cwd: dir });
    try {
      const seen: StepModel[] = [];
      let asked: StepModel | undefined;
      const script = (name: string): Script => ({ group: { pick: '+new-group' }, 'new-group-name': { type: name }, 'several-review': [reviews(seen), reviews(seen)], 'several-fix-rejects': { pick: (m) => ((asked = m), m.default!) } });
      const h = await runHeadless(own, script('sevfix-h'));
      expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
      expect(h.asked).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'csv', 'several-files', 'several-review', 'several-fix-rejects', 'several-review']);
      // the first review: every file has errors, each fixable; the fix is the default
      const [first, second] = seen;
      expect(first.question).toBe('Some files have errors; nothing was created. What now?');
      expect(first.default).toBe('fix');
      expect(first.choices!.find((c) => c.value === 'fix')!.label).toBe('Fix the files with errors and check again');
      expect(text(first)).toMatch(/interactions\.csv → interactions\.fixed\.csv: the fixer repairs its errors/);
      expect(text(first)).toMatch(/items\.csv → items\.fixed\.csv: the fixer repairs its errors/);
      expect(text(first)).toMatch(/users\.csv → users\.fixed\.csv: the fixer repairs its errors; a row it cannot fix can be set aside \(asked first\)/);
      // the row the fixer cannot repair: asked, with its line, before anything of users.csv is written
      expect(asked!.question).toMatch(/^1 row of users\.csv cannot be fixed without guessing \(line 6\)\. What now\?$/);
      expect(asked!.choices!.map((c) => c.label)).toEqual(['Write it to users.rejects.csv and fix the rest', 'Leave users.csv as it is', 'Quit (create nothing)']);
      // what changed, per file, from the fixer's summary
      const said = notes(h.events);
      expect(said).toContain('User Id,Product SKU,Event Time,Action → USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
      expect(said).toMatch(/dates converted to epoch seconds: 1,200 values in 1,200 rows/);
      expect(said).toContain(`2026-01-01T00:00:00Z → ${EPOCH0}`);
      expect(said).toContain('sku,price → ITEM_ID,price');
      expect(said).toMatch(/Rejected: 1 row, written to .*users\.rejects\.csv/);
      // the second review: the copies, all valid, imported as they are
      expect(second.default).toBe('go');
      expect(second.choices!.some((c) => c.value === 'fix')).toBe(false);
      expect(text(second)).toMatch(/✓ interactions +interactions\.fixed\.csv: 1,200 rows valid/);
      expect(text(second)).toMatch(/✓ items +items\.fixed\.csv: 80 rows valid/);
      expect(text(second)).toMatch(/✓ users +users\.fixed\.csv: 49 rows valid/);
      expect(await jobsOf('sevfix-h')).toEqual({ INTERACTIONS: ['ACTIVE'], ITEMS: ['ACTIVE'], USERS: ['ACTIVE'] });
      // what was uploaded and imported: the copies, byte for byte; the files themselves untouched
      const uploaded = severalOf(h.state)!.uploaded!;
      expect(uploaded.map((u) => u.file).sort()).toEqual(['interactions.fixed.csv', 'items.fixed.csv', 'users.fixed.csv']);
      for (const u of uploaded) expect(await bodyOf(u.location)).toBe(readFileSync(join(dir, u.file), 'utf8'));
      expect(readFileSync(join(dir, 'interactions.fixed.csv'), 'utf8').split('\n').slice(0, 2)).toEqual(['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE', `u0,sku-0,${EPOCH0},click`]);
      expect(readFileSync(join(dir, 'interactions.csv'), 'utf8')).toBe(messyShopFiles().interactions);
      expect(readFileSync(join(dir, 'users.rejects.csv'), 'utf8')).toContain('u4,30,extra');

      // plain mode, same folder: the copies are there now, so the next free names (never over them)
      const p = await runPlain(own, script('sevfix-p'), { cwd: dir });
      expect(p.code, p.text).toBe(0);
      expect(p.asked).toEqual(h.asked);
      expect(p.text).toMatch(/\d\) Fix the files with errors and check again/);
      expect(p.text).toMatch(/✓ interactions +interactions\.fixed-2\.csv: 1,200 rows valid/);
      expect(p.text).toMatch(/Import jobs: 3 of 3 ACTIVE/);
      expect(readFileSync(join(dir, 'interactions.fixed.csv'), 'utf8')).toBe(readFileSync(join(dir, 'interactions.fixed-2.csv'), 'utf8'));
      expect(await jobsOf('sevfix-p')).toEqual({ INTERACTIONS: ['ACTIVE'], ITEMS: ['ACTIVE'], USERS: ['ACTIVE'] });
    } finally {
      await own.close();
    }
  });

  it('a file the fixer cannot repair stays as it is and the review says why; after the fix of the other it is not offered again, nothing is created on Quit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-sevfix-not-'));
    writeFileSync(join(dir, 'interactions.csv'), messyShopFiles().interactions.replace(/sku-/g, 'item-'));
    // one ITEM_ID longer than 256 characters: a value only the user can choose
    writeFileSync(join(dir, 'items.csv'), readFileSync(join(SAMPLES, 'items-long-id.csv')));
    const own = await portsFor(empty, { cwd: dir });
    try {
      const seen: StepModel[] = [];
      const h = await runHeadless(own, { group: { pick: '+new-group' }, 'new-group-name': { type: 'sevfix-not' }, 'several-review': [reviews(seen), { pick: (m) => (seen.push(m), 'quit') }] });
      expect(h.end).toMatchObject({ exitCode: 0, reason: 'quit' });
      const [first, second] = seen;
      expect(first.default).toBe('fix');
      expect(text(first)).toMatch(/interactions\.csv → interactions\.fixed\.csv: the fixer repairs its errors/);
      expect(text(first)).toMatch(/items\.csv stays as it is: ID_TOO_LONG \(line \d+\) is not something the fixer repairs without guessing/);
      expect(first.choices!.find((c) => c.value === 'fix')!.description).toMatch(/^writes interactions\.fixed\.csv beside it/);
      expect(existsSync(join(dir, 'items.fixed.csv'))).toBe(false);
      // checked again: the copy valid, the other file as it was; no fix offered, default other files
      expect(text(second)).toMatch(/✓ interactions +interactions\.fixed\.csv: 1,200 rows valid/);
      expect(text(second)).toMatch(/✗ items +items\.csv: 1 error/);
      expect(text(second)).toMatch(/The fixer cannot repair these files:\n {2}items\.csv stays as it is/);
      expect(second.choices!.some((c) => c.value === 'fix')).toBe(false);
      expect(second.default).toBe('again');
      const g = (await ports.personalize.listDatasetGroups()).find((x) => x.name === 'sevfix-not')!;
      expect(await ports.personalize.listDatasets(g.arn)).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('rows the fixer cannot repair, "Leave users.csv as it is": the other file is fixed, users.csv stays with its errors and is not offered the fix again', async () => {
    const dir = shopFolder();
    const own = await portsFor(empty, { cwd: dir });
    try {
      const seen: StepModel[] = [];
      const h = await runHeadless(own, { group: { pick: '+new-group' }, 'new-group-name': { type: 'sevfix-leave' }, 'several-review': [reviews(seen), { pick: (m) => (seen.push(m), 'quit') }], 'several-fix-rejects': { pick: 'leave' } });
      expect(h.end).toMatchObject({ exitCode: 0, reason: 'quit' });
      expect(h.asked.slice(-3)).toEqual(['several-review', 'several-fix-rejects', 'several-review']);
      const second = seen[1];
      expect(text(second)).toMatch(/✓ interactions +interactions\.fixed\.csv: 1,200 rows valid/);
      expect(text(second)).toMatch(/✓ items +items\.fixed\.csv: 80 rows valid/);
      expect(text(second)).toMatch(/✗ users +users\.csv: \d+ errors?/);
      expect(text(second)).toContain('users.csv stays as it is: you chose to leave it (1 row the fixer cannot repair)');
      expect(second.choices!.some((c) => c.value === 'fix')).toBe(false);
      expect(second.choices!.find((c) => c.value === 'valid')!.label).toBe('Leave out the file with errors: create the missing datasets and import both files');
      expect(existsSync(join(dir, 'users.fixed.csv'))).toBe(false);
      expect(existsSync(join(dir, 'users.rejects.csv'))).toBe(false);
    } finally {
      await own.close();
    }
  });

  it('a stop while fixing leaves no copy and no partial file, and nothing created but the group', async () => {
    const dir = shopFolder(false);
    const own = await portsFor(empty, { cwd: dir });
    try {
      const state = newState({ region: 'us-east-1' });
      const ac = new AbortController();
      const visits = new Map<string, number>();
      const script: Script = { group: { pick: '+new-group' }, 'new-group-name': { type: 'sevfix-stop' } };
      const run = drive(state, own, {
        event: (e) => {
          if (e.type === 'note' && /^Fixing interactions\.csv/.test(e.text)) ac.abort();
        },
        ask: async (m) => toFaceAnswer(answerFor(script, m, visits), m),
      }, { signal: ac.signal });
      const e = await run.then(() => undefined, (x: unknown) => x);
      expect(isAppError(e) && e.kind === 'interrupted', String(e)).toBe(true);
      expect((e as Error).message).toMatch(/Stopped while fixing interactions\.csv: no partial copy of it is left\. Nothing was uploaded and no import job was created\./);
      expect((e as { hint?: string }).hint).toMatch(/Created by this run \(they stay\): dataset group sevfix-stop/);
      expect(readdirSync(dir).sort()).toEqual(['interactions.csv', 'items.csv']);
      const g = (await ports.personalize.listDatasetGroups()).find((x) => x.name === 'sevfix-stop')!;
      expect(await ports.personalize.listDatasets(g.arn)).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('a ";" folder whose orders write dates day first in numbers: that file\'s order is asked (the proof by its line the default), it is fixed again with it and imported — not every row offered to the rejects file; "leave" keeps it as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-sevfix-dates-'));
    const p2 = (x: number) => String(x).padStart(2, '0');
    const orders = Array.from({ length: 1200 }, (_, i) => `u${i % 40};sku-${i % 90};${p2([1, 2, 13, 14][Math.floor(i / 10) % 4])}.11.2026 ${p2(Math.floor(i / 60) % 24)}:${p2(i % 60)};view`);
    writeFileSync(join(dir, 'bestellungen.csv'), `User Id;Product SKU;Date;Action\r\n${orders.join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'artikel.csv'), `Product SKU;Title\r\n${Array.from({ length: 90 }, (_, i) => `sku-${i};Artikel ${i}`).join('\r\n')}\r\n`);
    const own = await portsFor(empty, { cwd: dir });
    try {
      let asked: StepModel | undefined;
      const h = await runHeadless(own, { group: { pick: '+new-group' }, 'new-group-name': { type: 'sevfix-dates' }, 'several-fix-rejects': { pick: (m) => ((asked = m), m.default!) } });
      expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
      expect(h.asked.filter((x) => x === 'several-fix-rejects')).toHaveLength(1);
      expect(asked!.question).toBe('How are the dates in bestellungen.csv written? 01.11.2026 is:');
      expect(asked!.choices!.map((c) => c.value)).toEqual(['day-first', 'month-first', 'leave', 'quit']);
      expect(asked!.default).toBe('day-first');
      expect(text(asked!)).toMatch(/13\.11\.2026 \d\d:\d\d \(line \d+\) can only be 13 November: the day first in this file\./);
      expect(notes(h.events)).not.toMatch(/pass --dates/);
      const copy = readFileSync(join(dir, 'bestellungen.fixed.csv'), 'utf8').split(/\r?\n/);
      expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
      expect(copy[1]).toBe(`u0,sku-0,${Date.UTC(2026, 10, 1) / 1000},view`);
      expect(existsSync(join(dir, 'bestellungen.rejects.csv'))).toBe(false);
      expect(await jobsOf('sevfix-dates')).toEqual({ INTERACTIONS: ['ACTIVE'], ITEMS: ['ACTIVE'] });
      // "leave": the file stays as it is (the review says why), nothing aside
      rmSync(join(dir, 'bestellungen.fixed.csv'));
      rmSync(join(dir, 'artikel.fixed.csv'));
      const left = await runHeadless(own, { group: { pick: '+new-group' }, 'new-group-name': { type: 'sevfix-dates2' }, 'several-fix-rejects': { pick: 'leave' }, 'several-review': [{ pick: 'fix' }, { pick: 'quit' }] });
      expect(left.end.exitCode).toBe(0);
      expect(existsSync(join(dir, 'bestellungen.fixed.csv'))).toBe(false);
      expect(existsSync(join(dir, 'bestellungen.rejects.csv'))).toBe(false);
    } finally {
      await own.close();
    }
  });
});

describe('shortSummary (the fixer summary a file gets in the several-files steps)', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);
  it('shows every line up to one more than the limit: never "… 1 more lines"', async () => {
    const { shortSummary } = await import('../../src/flow/machine/steps-several-fix.js');
    expect(shortSummary(lines(9))).toHaveLength(9);
    expect(shortSummary(lines(10))).toEqual(lines(10).map((l) => `  ${l}`));
    const long = shortSummary(lines(12));
    expect(long).toHaveLength(10);
    expect(long[9]).toBe('    … 3 more lines (personalize-import fix on the file prints them all)');
  });
});

// "Fix and continue" (issue #14) on the step machine: a lower-case / ISO-date export is fixed into a
// copy beside it, the change summary is shown, the copy is validated again and becomes the source
// the plan uploads — headless and through plain mode's numbered prompts (the same plan). Rows that
// cannot be fixed are counted and, when chosen, set aside in a rejects file with their line numbers.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { planOf, type FlowEvent, type StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { EPOCH0, messyInteractionsCsv } from '../helpers/messy-csv.js';
import { portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

const stopAtReview: Script = { review: { pick: 'quit' } };
const notes = (evs: FlowEvent[]) => evs.filter((e): e is Extract<FlowEvent, { type: 'note' }> => e.type === 'note').map((e) => e.text).join('\n');

function messyFile(opts: { unfixableAt?: number[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-fix-'));
  const file = join(dir, 'export.csv');
  writeFileSync(file, messyInteractionsCsv(1200, 30, opts));
  return { dir, file, fixed: join(dir, 'export.fixed.csv'), rejects: join(dir, 'export.rejects.csv') };
}

describe('Fix and continue (the fix step after validation)', () => {
  it('Quit at the fix step: exit 1, nothing written, and the end names the choice passed over and the fix command', async () => {
    const f = messyFile();
    const h = await runHeadless(ports, { csv: { type: f.file }, fix: { pick: 'quit' } });
    expect(h.end.exitCode).toBe(1);
    const said = h.end.lines.join('\n');
    expect(said).toMatch(/all of kinds the fixer repairs; nothing was uploaded or created\. Fix and continue writes a fixed copy and imports it; personalize-import fix \S*export\.csv --dataset-arn arn:\S+ --sandbox writes it alone\./);
    // the flag is for `import` (whose unattended answer names it), not for the wizard's Quit
    expect(said).not.toMatch(/--fix/);
    expect(existsSync(f.fixed)).toBe(false);
  });

  it('Enter at "Fix and continue": the copy is written beside the file, summarised, re-validated and planned for upload; plain mode reaches the same plan', async () => {
    const f = messyFile();
    const original = readFileSync(f.file, 'utf8');
    let offered: string[] = [];
    const script: Script = { csv: { type: f.file }, fix: { pick: (m) => ((offered = m.choices!.map((c) => c.label)), m.default!) }, ...stopAtReview };
    const h = await runHeadless(ports, script);
    expect(offered[0]).toBe('Fix and continue');
    expect(h.asked.slice(0, 4)).toEqual(['group', 'dataset', 'csv', 'fix']);
    // the copy is valid (only the small-data warning is left, answered at the verdict); fix is not offered again
    expect(h.asked.filter((x) => x === 'fix')).toHaveLength(1);
    expect(h.state.loaded.report?.errors).toEqual([]);
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    expect(h.state.loaded.report?.valid).toBe(true);
    const plan = planOf(h.state);
    expect(plan.key).toMatch(/export\.fixed(-[\w-]+)?\.csv$/);
    // the summary: per kind of change, counts and one before → after example
    const said = notes(h.events);
    expect(said).toContain('user_id,item_id,timestamp,event_type,event_value → USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(said).toMatch(/dates converted to epoch seconds: 1,200 values in 1,200 rows/);
    expect(said).toContain(`2026-01-01T00:00:00Z → ${EPOCH0}`);
    // the input is untouched; the copy holds the fixed content
    expect(readFileSync(f.file, 'utf8')).toBe(original);
    const lines = readFileSync(f.fixed, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(lines[1]).toBe(`u0,i0,${EPOCH0},click,1`);
    expect(lines).toHaveLength(1201);
    // validated twice (the original, then the copy)
    expect(h.events.filter((e) => e.type === 'validated')).toHaveLength(2);

    // plain mode on the same file: the first copy is there, so it is kept and the next free name is used
    const firstCopy = readFileSync(f.fixed, 'utf8');
    const p = await runPlain(ports, script);
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(planOf(p.state)).toMatchObject({ bucket: plan.bucket, importMode: plan.importMode, datasetArn: plan.datasetArn });
    expect(planOf(p.state).key).toMatch(/export\.fixed-2(-[\w-]+)?\.csv$/);
    expect(p.state.answers.source).toEqual({ kind: 'local', path: join(f.dir, 'export.fixed-2.csv') });
    expect(p.text).toContain('export.fixed-2.csv');
    expect(readFileSync(f.fixed, 'utf8')).toBe(firstCopy);
    expect(p.text).toMatch(/\d\) Fix and continue/);
    expect(p.text).toContain(`2026-01-01T00:00:00Z → ${EPOCH0}`);
  });

  it('rows that cannot be fixed: counted with their lines; "write them to a rejects file" sets them aside (original line numbers) and goes on', async () => {
    const f = messyFile({ unfixableAt: [400, 700] });
    let question = '';
    const script: Script = { csv: { type: f.file }, fix: 'enter', 'fix-rejects': { pick: (m) => ((question = m.question), m.default!) }, ...stopAtReview };
    const h = await runHeadless(ports, script);
    expect(h.asked).toContain('fix-rejects');
    // data line i is file line i + 2 (the header is line 1)
    expect(question, question).toMatch(/^2 rows cannot be fixed without guessing \(lines 402, 702\)/);
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    const rejects = readFileSync(f.rejects, 'utf8').trim().split('\n');
    expect(rejects).toHaveLength(3);
    expect(rejects[1]).toMatch(/^402,/);
    expect(rejects[2]).toMatch(/^702,/);
    expect(readFileSync(f.fixed, 'utf8').trim().split('\n')).toHaveLength(1199);
    expect(h.state.loaded.report?.valid).toBe(true);
  });

  it('S3 input: the copy goes to a fresh temp folder, then is uploaded like a local file', async () => {
    const key = 'exports/export.csv';
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: messyInteractionsCsv(1100, 30) }));
    let review: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: `s3://${sb.sandbox.bucket}/${key}` }, fix: 'enter', review: { pick: (m) => ((review = m), 'quit') } });
    expect(h.asked).toContain('fix');
    // the review names the object the copy came from, not the temp path (removed by then)
    const rows = review!.lines.map((l) => l.text).join('\n');
    expect(rows).toMatch(new RegExp(`File +s3://${sb.sandbox.bucket}/${key}, fixed \\(the copy uploaded below\\)`));
    expect(rows).not.toContain('personalize-import-fix-');
    const src = h.state.answers.source as { kind: string; path: string };
    expect(src.kind).toBe('local');
    expect(src.path.startsWith(tmpdir())).toBe(true);
    expect(src.path).toMatch(/personalize-import-fix-[^/]+\/export\.fixed\.csv$/);
    // uploaded before the review (the wizard's order), and the local temp copy with it removed
    const up = h.state.doc.upload as { bucket: string; key: string };
    expect((await (await sb.s3.send(new GetObjectCommand({ Bucket: up.bucket, Key: up.key }))).Body!.transformToString()).split('\n')[1]).toBe(`u0,i0,${EPOCH0},click,1`);
    expect(existsSync(src.path)).toBe(false);
    expect(h.asked).toContain('bucket');
    expect(planOf(h.state).bucket).toBe(sb.sandbox.bucket);
    expect(h.state.doc.fix).toMatchObject({ input: `s3://${sb.sandbox.bucket}/${key}`, output: src.path, fixed: true });
  });

  it('S3 input, run to the end: once the copy is uploaded its temp copy is removed (the folder with it), and the run says so', async () => {
    const key = 'exports/export-end.csv';
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: messyInteractionsCsv(1100, 30) }));
    const h = await runHeadless(ports, { csv: { type: `s3://${sb.sandbox.bucket}/${key}` }, fix: 'enter' });
    expect(h.end.exitCode).toBe(0);
    const copy = (h.state.answers.source as { path: string }).path;
    expect(copy).toMatch(/personalize-import-fix-[^/]+\/export-end\.fixed\.csv$/);
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(dirname(copy))).toBe(false);
    expect(h.state.doc.fix).toMatchObject({ output: copy, localCopyRemoved: true });
    // the object the import read is the fixed copy, whole
    const up = h.state.doc.upload as { bucket: string; key: string };
    const body = await (await sb.s3.send(new GetObjectCommand({ Bucket: up.bucket, Key: up.key }))).Body!.transformToString();
    expect(body.split('\n')[1]).toBe(`u0,i0,${EPOCH0},click,1`);
    expect(notes(h.events)).toContain(`The fixed copy is in S3 now; its temporary local copy ${copy} was removed.`);
  });

  it('"Pick another file" at the rejects question writes nothing and asks the CSV again', async () => {
    const f = messyFile({ unfixableAt: [100] });
    const script: Script = { csv: [{ type: f.file }, { type: join(f.dir, 'nope.csv') }, 'quit'], fix: 'enter', 'fix-rejects': { pick: 'again' } };
    const h = await runHeadless(ports, script);
    expect(h.asked.filter((x) => x === 'csv').length).toBeGreaterThanOrEqual(2);
    expect(existsSync(f.fixed)).toBe(false);
    expect(existsSync(f.rejects)).toBe(false);
  });
});

// The step machine driven headless by scripted answers, one row per path, and the same scripts
// through plain mode's numbered prompts: both faces must reach the same plan (a test fails if they
// diverge). Against the in-process sandbox through the real SDK-backed deps.
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_FLOW, planOf, type FlowEvent } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { portsFor, runHeadless, runPlain, SAMPLES, type Run, type Script, type Start, type TestPorts } from './harness.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

const types = (evs: FlowEvent[]) => evs.map((e) => e.type);
const shopGroup = { pick: (m: { choices?: { value: string; label: string }[] }) => m.choices!.find((c) => c.label.startsWith('sandbox-shop '))!.value };
const dataset = (type: string) => ({ pick: (m: { choices?: { value: string; label: string }[] }) => m.choices!.find((c) => c.label.includes(`[${type}]`))!.value });
const stopAtReview: Script = { review: { pick: 'quit' } };

/** the plan both faces reached, without the time-stamped job name and the upload key's per-run
 *  suffix (`<name>-<yyyymmdd-hhmmss>-<4 random>.csv`, src/core/upload-key.ts) */
function planShape(r: Run) {
  const p = planOf(r.state);
  return {
    ...p,
    jobName: p.jobName.replace(/-\d{8}-\d{6}(-\d+)?$/, '-<stamp>'),
    ...(p.key ? { key: p.key.replace(/-\d{8}-\d{6}-[a-z2-9]{4}(\.csv)$/, '$1') } : {}),
  };
}

async function bothFaces(script: Script, start: Start = {}) {
  const headless = await runHeadless(ports, script, start);
  const plain = await runPlain(ports, script, start);
  return { headless, plain };
}

describe('the import flow as a table of scripted paths (headless and plain)', () => {
  it('Enter only: the sandbox sample into the first dataset, FULL, the sandbox role and bucket, to ACTIVE, saved', async () => {
    const h = await runHeadless(ports, {});
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked).toEqual(['group', 'dataset', 'csv', 'verdict', 'bucket', 'prefix', 'mode', 'job-name', 'role', 'tags', 'review', 'save']);
    expect(planShape(h)).toMatchObject({
      datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), importMode: 'FULL', roleArn: sb.sandbox.roleArn,
      bucket: sb.sandbox.bucket, key: 'personalize-import/interactions.csv', jobName: 'sandbox-shop-interactions-<stamp>',
    });
    // side effects are steps that emit what the views show, in this order
    const t = types(h.events);
    const order = ['validating', 'validated', 'upload-start', 'uploaded', 'preflight', 'creating', 'created', 'job', 'finished'].map((x) => t.indexOf(x as FlowEvent['type']));
    expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1])), t.join(' ')).toBe(true);
    expect(h.end.lines.join('\n')).toMatch(/Saved profile sandbox-shop/);
  });

  it('Enter only through plain mode reaches the same plan as headless (the faces do not diverge)', async () => {
    // over the bulk data the previous row imported: both faces now default to INCREMENTAL
    const { headless, plain } = await bothFaces(stopAtReview);
    expect(plain.code, plain.text).toBe(0);
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(planShape(headless).importMode).toBe('INCREMENTAL');
    expect(plain.asked).toEqual(headless.asked);
    // numbered choices, no cursor escapes
    expect(plain.text).toMatch(/ {2}1\) sandbox-shop \(Custom\)/);
    expect(plain.text).not.toMatch(/\x1b\[/);
  });

  it('FULL over existing data: the dataset name must be typed; a wrong name is refused and asked again', async () => {
    const script: Script = { mode: { pick: 'FULL' }, 'confirm-full': [{ type: 'wrong-name' }, { type: 'sandbox-shop-interactions' }], ...stopAtReview };
    const { headless, plain } = await bothFaces(script);
    expect(planShape(headless).importMode).toBe('FULL');
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(plain.text).toContain('That is not sandbox-shop-interactions');
    expect(headless.events.some((e) => e.type === 'note' && /That is not sandbox-shop-interactions/.test(e.text))).toBe(true);
  });

  it('INCREMENTAL over existing data, and a file FULL would fail (20 active users): FULL is shown disabled with the reason', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pi-flow-csv-')), 'few-users.csv');
    writeFileSync(file, (await import('../helpers/sandbox.js')).interactionsCsv(1200, 20));
    let disabled: string | undefined;
    const script: Script = { csv: { type: file }, mode: { pick: (m) => ((disabled = m.choices!.find((c) => c.value === 'FULL')!.disabled), 'INCREMENTAL') }, ...stopAtReview };
    const { headless, plain } = await bothFaces(script);
    expect(disabled).toMatch(/Only 20 users have 2 or more interactions/);
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(planShape(headless)).toMatchObject({ importMode: 'INCREMENTAL', key: 'personalize-import/few-users.csv' });
  });

  it('a broken CSV, then another file: the errors, "pick another file", the second file validated and planned', async () => {
    const script: Script = { csv: [{ type: join(SAMPLES, 'interactions-missing-column.csv') }, { type: join(SAMPLES, 'interactions.csv') }], verdict: [{ pick: 'again' }, 'enter'], ...stopAtReview };
    const { headless, plain } = await bothFaces(script);
    expect(headless.asked.slice(0, 6)).toEqual(['group', 'dataset', 'csv', 'verdict', 'csv', 'verdict']);
    expect(types(headless.events).filter((t) => t === 'validated').length).toBe(2);
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(plain.text).toMatch(/The file has errors; nothing was uploaded/);
  });

  it('record by record: too few interactions for a bulk job; the branch ends the flow with the file for the records path', async () => {
    const script: Script = { csv: { type: join(SAMPLES, 'interactions-too-few.csv') }, verdict: { pick: 'records' } };
    const h = await runHeadless(ports, script);
    expect(h.end).toMatchObject({ reason: 'records', individually: { file: join(SAMPLES, 'interactions-too-few.csv'), datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') } });
    const smallItems = await runHeadless(ports, { group: shopGroup, dataset: dataset('ITEMS'), csv: { type: join(SAMPLES, 'items.csv') } });
    // a small valid file: the record-by-record choice comes first (as in the Ink wizard), Enter takes it
    expect(smallItems.asked).toContain('how');
    expect(smallItems.end.reason).toBe('records');
  });

  it('a saved profile answers group, dataset, bucket and prefix; Esc at the first question opens the dataset again', async () => {
    const profiles = ports.profiles!;
    profiles.save({ name: 'flow-items', sandbox: true, datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), bucket: sb.sandbox.bucket, prefix: 'from-profile/', roleArn: sb.sandbox.roleArn });
    const start: Start = {
      answers: { profileName: 'flow-items', datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), bucket: sb.sandbox.bucket, prefix: 'from-profile/' },
      presetFrom: { group: 'profile flow-items', dataset: 'profile flow-items', bucket: 'profile flow-items', prefix: 'profile flow-items' },
    };
    const script: Script = { csv: ['back', { type: join(SAMPLES, 'items.csv') }], how: { pick: 'bulk' }, ...stopAtReview };
    const h = await runHeadless(ports, script, start);
    expect(h.asked.slice(0, 4)).toEqual(['csv', 'dataset', 'csv', 'how']);
    expect(h.asked).not.toContain('bucket');
    expect(h.events.filter((e) => e.type === 'answered').map((e) => (e as { step: string; from?: string }).from)).toContain('profile flow-items');
    expect(planShape(h)).toMatchObject({ key: 'from-profile/items.csv', datasetArn: sb.seeded.datasetArn('custom', 'ITEMS') });
    const plain = await runPlain(ports, script, { profileName: 'flow-items' });
    expect(plain.code, plain.text).toBe(0);
    expect(planShape(plain)).toEqual(planShape(h));
    expect(plain.asked.slice(0, 3)).toEqual(['csv', 'dataset', 'csv']);
  });

  it('the no-grant bucket: preflight stops before the job; exit 3 with the statement; the uploaded file is said to stay', async () => {
    const script: Script = { group: shopGroup, dataset: dataset('ITEMS'), csv: { type: join(SAMPLES, 'items.csv') }, how: { pick: 'bulk' }, bucket: { pick: sb.sandbox.noGrantBucket } };
    const h = await runHeadless(ports, script);
    expect(h.end).toMatchObject({ exitCode: 3, reason: 'failed' });
    expect(h.end.lines.join(' ')).toMatch(/the import job was NOT created\. The file stays at s3:\/\/.*items-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    const pre = h.events.find((e) => e.type === 'preflight') as Extract<FlowEvent, { type: 'preflight' }>;
    expect(pre.result.checks.find((c) => c.id === 'bucket-policy')!.status).toBe('FAIL');
    expect(types(h.events)).not.toContain('created');
  });

  it('Esc from every question step returns to the step asked before it, and Enter from there reaches the same plan', async () => {
    const base = await runHeadless(ports, stopAtReview);
    const questions = base.asked.filter((id) => id !== 'review');
    for (const [n, id] of questions.entries()) {
      if (n === 0) continue;
      const r = await runHeadless(ports, { [id]: ['back', 'enter'], ...stopAtReview });
      const at = r.asked.indexOf(id);
      expect(r.asked[at + 1], `Esc at ${id}`).toBe(questions[n - 1]);
      expect(planShape(r), `after Esc at ${id}`).toEqual(planShape(base));
    }
    // the review too: Esc there goes back to the last question
    const r = await runHeadless(ports, { review: ['back', { pick: 'quit' }] });
    expect(r.asked.slice(-3)).toEqual(['review', questions[questions.length - 1], 'review']);
  });

  it('every step of the registry is one entry with a screen title, and the ids are unique', () => {
    const ids = IMPORT_FLOW.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

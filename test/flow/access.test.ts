// Issue #13 part 3 / #16 item 9 on the step machine: the bucket checked when chosen (before any
// upload), "Fix it for me" merging the Personalize statement into the bucket policy after a yes,
// "＋ Create a role for Personalize" creating PersonalizeImport-<group> after a yes, and the job
// then reaching ACTIVE. Headless and through plain mode's real numbered prompts, against the
// in-process sandbox (its S3 and IAM, real SDK clients).
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../../src/aws/access.js';
import { createDeps } from '../../src/aws/deps.js';
import { createSetup } from '../../src/aws/setup.js';
import { parsePolicy } from '../../src/diagnose/policy.js';
import { runPreflight } from '../../src/diagnose/preflight.js';
import { CREATE_ROLE } from '../../src/flow/machine/steps-access.js';
import type { FlowEvent } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { portsFor, ROOT, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';

const NOGRANT = 'personalize-sandbox-nogrant';
const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
let closeAccess: () => void;
let original: string;
/** the no-grant bucket as seeded (each fix path starts from it) */
const restore = () => ports.accessSetup!.setup.putBucketPolicy(NOGRANT, original);
beforeAll(async () => {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT };
  const d = await createDeps({ sandbox: false, io });
  const deps = { ...d, context: { ...d.context, sandbox: true, accountId: sb.sandbox.accountId, roleArn: sb.sandbox.roleArn, bucket: sb.sandbox.bucket, iamEndpoint: sb.sandbox.iamEndpoint } };
  const made = createAccess({ deps, io, region: deps.context.region });
  closeAccess = made.close;
  const accessSetup = { personalize: d.personalize, s3: d.s3, access: made.access, setup: createSetup({ deps, iam: made.iam, iamUnavailable: made.access.iamUnavailable }) };
  ports = await portsFor(sb, {
    accessSetup,
    preflight: (o) => runPreflight({ personalize: d.personalize, s3: d.s3, access: made.access }, o),
  });
  ports.context = { ...ports.context, accountId: sb.sandbox.accountId };
  original = (await d.s3.bucketPolicy(NOGRANT))!;
});
afterAll(async () => {
  closeAccess?.();
  await ports?.close();
});

const notes = (evs: FlowEvent[]) => evs.filter((e): e is Extract<FlowEvent, { type: 'note' }> => e.type === 'note').map((e) => e.text);
const policyOf = async () => parsePolicy((await ports.s3.bucketPolicy(NOGRANT))!);

describe('the bucket checked when chosen, "Fix it for me", "Create a role"', () => {
  it('the sandbox bucket passes the check: nothing more is asked than before', async () => {
    const h = await runHeadless(ports, { review: { pick: 'quit' } });
    expect(h.asked).toEqual(['group', 'dataset', 'csv', 'verdict', 'bucket', 'prefix', 'mode', 'job-name', 'role', 'tags', 'review']);
    expect((h.state.doc.bucketCheck as { ok: boolean }).ok).toBe(true);
  });

  it('the no-grant bucket: stopped before the upload; "another bucket" goes back; nothing changed without a yes', async () => {
    const before = JSON.stringify(await policyOf());
    const h = await runHeadless(ports, { bucket: [{ pick: NOGRANT }, 'enter'], 'bucket-fix': [{ pick: 'fix' }, { pick: 'other' }], 'bucket-fix-apply': { pick: 'no' }, review: { pick: 'quit' } });
    expect(h.asked.slice(4, 10)).toEqual(['bucket', 'prefix', 'bucket-fix', 'bucket-fix-apply', 'bucket-fix', 'bucket']);
    // nothing uploaded before the verdict on the bucket
    const t = h.events.map((e) => e.type);
    expect(t.indexOf('upload-start')).toBeGreaterThan(h.events.findIndex((e) => e.type === 'step' && e.model.id === 'bucket-fix'));
    const fix = h.events.find((e): e is Extract<FlowEvent, { type: 'step' }> => e.type === 'step' && e.model.id === 'bucket-fix')!.model;
    const shown = [...fix.lines.map((l) => l.text), fix.question].join('\n');
    expect(shown).toMatch(/Nothing uploaded: s3:\/\/personalize-sandbox-nogrant\/ is not ready/);
    expect(shown).toMatch(/"Service": "personalize.amazonaws.com"/);
    expect(shown).toMatch(/s3:GetObject/);
    // asked before anything is decided: what the fix would do, not "will be added"
    expect(shown).toMatch(/the fix adds statement "/);
    expect(shown).not.toMatch(/will be added/);
    expect(JSON.stringify(await policyOf())).toBe(before);
    expect(h.state.answers.bucket).toBe(sb.sandbox.bucket);
  });

  it('"Fix it for me" then Enter onward: the policy keeps its statements plus the grant, the import reaches ACTIVE', async () => {
    await restore();
    const before = (await policyOf()).Statement.length;
    const h = await runHeadless(ports, { bucket: { pick: NOGRANT }, 'bucket-fix': { pick: 'fix' } });
    expect(h.end, JSON.stringify(h.end) + notes(h.events).join('\n')).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked).toContain('bucket-fix-apply');
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    expect(h.state.answers.bucket).toBe(NOGRANT);
    const after = await policyOf();
    expect(after.Statement.length).toBe(before + 1);
    // checked again after the change: what the screen says is what S3 holds
    expect((h.state.doc.bucketCheck as { ok: boolean }).ok).toBe(true);
    expect(notes(h.events).some((n) => /✔ Add statement/.test(n))).toBe(true);
    // the summary of answers says the change held, not only that it was asked for
    const fixAnswers = h.events.filter((e): e is Extract<FlowEvent, { type: 'answered' }> => e.type === 'answered' && e.step === 'bucket-fix-apply').map((e) => `${e.label}: ${e.value}`);
    expect(fixAnswers).toEqual(['Access: applied; checked again: Personalize may read it']);
  });

  it('"＋ Create a role for Personalize": PersonalizeImport-<group> created after a yes, used by the job, ACTIVE', async () => {
    const h = await runHeadless(ports, { role: { pick: CREATE_ROLE } });
    expect(h.end, JSON.stringify(h.end) + notes(h.events).join('\n')).toMatchObject({ exitCode: 0, reason: 'done' });
    const m = h.events.find((e): e is Extract<FlowEvent, { type: 'step' }> => e.type === 'step' && e.model.id === 'role-create')!.model;
    expect(m.lines.map((l) => l.text).join('\n')).toMatch(/sts:AssumeRole/);
    // the role to be created is the plan asked about, not a failed check: no red cross (seen in a walk)
    expect(m.lines[0].text).toMatch(/^＋ The role PersonalizeImport-sandbox-shop does not exist: it will be created/);
    expect(m.lines[0].tone).not.toBe('error');
    expect(m.lines.map((l) => l.text).join('\n')).not.toContain('✘');
    expect(h.state.answers.roleArn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:role/PersonalizeImport-sandbox-shop`);
    expect(h.state.loaded.access?.roleCreated).toBe(h.state.answers.roleArn);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const role = await ports.accessSetup!.access.getRole(h.state.answers.roleArn!);
    expect(role?.arn).toBe(h.state.answers.roleArn);
  });

  it('"Create a role" declined: nothing created, back at the role step', async () => {
    const h = await runHeadless(ports, { group: { pick: (m) => m.choices!.find((c) => c.label.startsWith('sandbox-shop '))!.value }, role: [{ pick: CREATE_ROLE }, 'enter'], 'role-create': { pick: 'no' }, review: { pick: 'quit' } });
    expect(h.asked.filter((x) => x.startsWith('role'))).toEqual(['role', 'role-create', 'role']);
    expect(h.state.answers.roleArn).toBe(sb.sandbox.roleArn);
  });

  it('plain mode: the same fix path by numbered prompts reaches the same plan, ACTIVE, exit 0', async () => {
    await restore();
    const script: Script = { bucket: { pick: NOGRANT }, 'bucket-fix': { pick: 'fix' } };
    const p = await runPlain(ports, script);
    const text = p.text ?? '';
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(expect.arrayContaining(['bucket', 'prefix', 'bucket-fix', 'bucket-fix-apply']));
    expect(p.state.loaded.finalStatus).toBe('ACTIVE');
    expect(p.text).toMatch(/Nothing uploaded: s3:\/\/personalize-sandbox-nogrant\/ is not ready/);
    expect(p.text).toMatch(/Fix it for me/);
    // the statement is shown before the choice, and the upload comes only after the fix
    expect(text.indexOf('"s3:GetObject"')).toBeLessThan(text.indexOf('Fix it for me'));
    expect(text.indexOf('✔ Add statement')).toBeLessThan(text.lastIndexOf(`s3://${NOGRANT}/personalize-import/`));
    await restore();
    const h = await runHeadless(ports, script);
    expect(h.asked).toEqual(p.asked);
    expect(h.state.answers.bucket).toBe(p.state.answers.bucket);
  });
});

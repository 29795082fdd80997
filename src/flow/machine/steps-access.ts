// Access, in the flow (issue #13 part 3): the bucket is checked when it is chosen — before anything
// is uploaded — with access setup's planAccess (region, policy, encryption); a FAIL offers "Fix it
// for me" (the merged policy shown, then a yes) or another bucket. The role step offers
// "＋ Create a role for Personalize" when neither the dataset group nor the profile names one; the
// role is created only after a yes, and the job create then waits out IAM's propagation, saying so.
// Offered only when the face hands in `ports.accessSetup` (the wizard, plain mode); `import` does
// not, so it keeps its flags-only behaviour (the review's preflight stops it with exit 3).
import { applyChanges, type ApplyEvent } from '../../access/apply.js';
import { defaultRoleName } from '../../access/documents.js';
import { planAccess, type AccessPlan, type Change, type PlanCheck } from '../../access/plan.js';
import { changeText, visible } from '../../access/render.js';
import { withIamPropagationRetry } from '../../access/retry.js';
import { isAppError } from '../../core/errors.js';
import type { PersonalizeApi } from '../../core/ports.js';
import { answerLabel, frame } from './base.js';
import type { FlowPorts, FlowState, Line, RunContext, StepDef } from './types.js';

/** The role step's choice that creates a role (never a valid ARN, so never a typed answer). */
export const CREATE_ROLE = '+create-role';
const BUCKET_CHECKS = new Set(['bucket', 'bucket-region', 'bucket-policy', 'encryption']);

const local = (s: FlowState) => s.answers.source?.kind === 'local';
const acc = (s: FlowState) => (s.loaded.access ??= {});
const accountOf = (arn?: string) => /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1];
const regionOf = (s: FlowState, p: FlowPorts) => /^arn:[^:]+:personalize:([^:]+):/.exec(s.loaded.group?.arn ?? '')?.[1] ?? p.context.region ?? 'us-east-1';
const groupName = (s: FlowState) => s.loaded.group?.name ?? /dataset-group\/([^/]+)$/.exec(s.answers.datasetGroupArn ?? '')?.[1];

function plan(s: FlowState, p: FlowPorts, role: { roleName?: string; roleArn?: string }): Promise<AccessPlan> {
  return planAccess(p.accessSetup!, {
    bucket: s.answers.bucket!, prefix: s.answers.prefix ?? '', region: regionOf(s, p),
    accountId: accountOf(s.loaded.group?.arn) ?? p.context.accountId, ...(s.loaded.group ? { datasetGroup: s.loaded.group } : {}), ...role,
  });
}

const TONE: Record<PlanCheck['state'], Line['tone']> = { OK: 'ok', MISSING: 'error', BLOCKED: 'error', CANT_CHECK: 'warn' };
const MARK: Record<PlanCheck['state'], string> = { OK: '✔', MISSING: '✘', BLOCKED: '✘', CANT_CHECK: '?' };
const checkLine = (c: PlanCheck): Line => ({ text: `${MARK[c.state]} ${visible(c.detail)}`, tone: TONE[c.state] });
/** At "Create the role?", a role that does not exist yet is the plan the user is asked about, not a failure: "＋", no red. */
const plannedLine = (c: PlanCheck): Line => (c.state === 'MISSING' ? { text: `＋ ${visible(c.detail)}` } : checkLine(c));

/** The statement a bucket-policy change adds (the JSON `import` prints for the manual fix). */
function addedStatement(c: Change): unknown {
  const st = (c.document as { Statement?: unknown[] } | undefined)?.Statement;
  return Array.isArray(st) ? st[st.length - 1] : c.document;
}

function say(ctx: RunContext) {
  return (e: ApplyEvent) => {
    if (e.type === 'start') ctx.emit({ type: 'note', text: `  … ${visible(e.change.summary)}`, tone: 'dim' });
    else if (e.type === 'done') ctx.emit({ type: 'note', text: `  ✔ ${visible(e.change.summary)}`, tone: 'ok' });
    else if (e.type === 'manual') ctx.emit({ type: 'note', text: `  Not applied by this tool: ${visible(e.change.manual ?? e.change.summary)}`, tone: 'warn' });
    else ctx.emit({ type: 'note', text: `  ✘ ${visible(e.change.summary)}: ${visible(e.error instanceof Error ? e.error.message : String(e.error))}`, tone: 'error' });
  };
}

/** A refusal while applying: said with the permission, and the walk goes back to the choice. */
function refused(ctx: RunContext, e: unknown): void {
  if (!isAppError(e) || !['access-denied', 'invalid-input', 'conflict', 'not-found'].includes(e.kind)) throw e;
  ctx.emit({ type: 'note', tone: 'error', text: `Not changed: ${visible(e.message)}${e.hint ? ` ${visible(e.hint)}` : ''}` });
}

export const bucketCheckStep: StepDef = {
  id: 'bucket-check',
  screen: 'upload',
  kind: 'run',
  applies: (s, p) => local(s) && Boolean(p.accessSetup && s.answers.bucket),
  async model(s) {
    return frame('bucket-check', 'upload', 'run', `Checking s3://${s.answers.bucket}/ for Personalize (region, policy, encryption) before uploading`);
  },
  async run(s, p, ctx) {
    const a = acc(s);
    a.choice = undefined;
    // the role is chosen later: checked (and created) at its own step; here only what the bucket needs
    const pl = await plan(s, p, { roleArn: s.answers.roleArn ?? p.profileRole ?? s.loaded.group?.roleArn ?? p.context.roleArn ?? p.sandboxDefaults?.roleArn ?? `arn:aws:iam::${accountOf(s.loaded.group?.arn) ?? p.context.accountId ?? '000000000000'}:role/unused` });
    a.checks = pl.checks.filter((c) => BUCKET_CHECKS.has(c.id));
    a.changes = pl.changes.filter((c) => c.action === 'PutBucketPolicy');
    a.failed = a.checks.some((c) => c.state !== 'OK' && !(c.id === 'encryption' && c.state === 'CANT_CHECK'));
    for (const c of a.checks) ctx.emit({ type: 'note', ...checkLine(c) });
    s.doc.bucketCheck = { ok: !a.failed, checks: a.checks };
    // after "Fix it for me": the summary of answers says the change held ("Yes, apply it" said
    // only what was answered; the check's ✔ lines give way to the upload's progress in the wizard)
    if (a.applied && !a.failed) ctx.emit({ type: 'answered', step: 'bucket-fix-apply', screen: 'upload', label: answerLabel('bucket-fix-apply', 'upload'), value: 'applied; checked again: Personalize may read it', inPlace: true });
    a.applied = false;
    return undefined;
  },
};

export const bucketFixStep: StepDef = {
  id: 'bucket-fix',
  screen: 'upload',
  kind: 'choose',
  applies: (s, p) => local(s) && Boolean(p.accessSetup && s.loaded.access?.failed),
  async model(s, p) {
    const a = acc(s);
    const change = a.changes?.[0];
    const blocked = a.checks?.some((c) => c.state === 'BLOCKED');
    const lines: Line[] = [...a.checks!.filter((c) => c.state !== 'OK').map(checkLine)];
    if (change) {
      lines.push({ text: 'The statement its policy needs (existing ones are kept):' });
      lines.push(...visible(JSON.stringify(addedStatement(change), null, 2)).split('\n').map((text) => ({ text: `  ${text}`, tone: 'dim' as const })));
    }
    const why = !change ? 'nothing this tool can change here' : blocked ? 'a problem the policy cannot fix (see above)' : p.dryRun ? '--dry-run changes nothing' : undefined;
    return frame('bucket-fix', 'upload', 'choose', `Nothing uploaded: s3://${s.answers.bucket}/ is not ready for Personalize. What now?`, {
      lines,
      choices: [
        { value: 'fix', label: 'Fix it for me', description: change ? 'shows the new policy, then asks' : '', ...(why ? { disabled: why } : {}) },
        { value: 'other', label: 'Use another bucket' },
        { value: 'keep', label: 'Continue with this bucket', description: 'the review checks again before any job is created' },
      ],
      default: why ? 'other' : 'fix',
      unattended: { value: 'keep', note: `The bucket needs a change: personalize-import access setup --bucket ${s.answers.bucket}${s.answers.prefix ? ` --prefix ${s.answers.prefix}` : ''}` },
    });
  },
  async answer(s, v) {
    const a = acc(s);
    if (v === 'other') {
      a.failed = false;
      // not offered first again
      s.answers.bucket = undefined;
      return { goto: 'bucket' };
    }
    a.choice = v === 'fix' ? 'fix' : 'keep';
    return undefined;
  },
};

export const bucketFixApplyStep: StepDef = {
  id: 'bucket-fix-apply',
  screen: 'upload',
  kind: 'choose',
  applies: (s, p) => local(s) && Boolean(p.accessSetup && s.loaded.access?.failed && s.loaded.access.choice === 'fix'),
  async model(s) {
    const changes = acc(s).changes ?? [];
    const lines: Line[] = changes.flatMap((c, i) => changeText(c, i, changes.length).split('\n').map((text) => ({ text, tone: text.startsWith('      +') ? 'ok' as const : 'plain' as const })));
    return frame('bucket-fix-apply', 'upload', 'choose', `Apply ${changes.length === 1 ? 'this change' : 'these changes'} to s3://${s.answers.bucket}?`, {
      lines,
      choices: [{ value: 'yes', label: 'Yes, apply it' }, { value: 'no', label: 'No, change nothing' }],
      default: 'yes',
    });
  },
  async answer(s, v, p, ctx) {
    const a = acc(s);
    a.choice = undefined;
    if (v !== 'yes') return { goto: 'bucket-fix' };
    try {
      await applyChanges(p.accessSetup!, a.changes ?? [], say(ctx));
    } catch (e) {
      refused(ctx, e);
      return { goto: 'bucket-fix' };
    }
    // checked again: what the screen says is what S3 now holds
    a.applied = true;
    return { goto: 'bucket-check' };
  },
};

/** The role step plus "＋ Create a role for Personalize" when the group and the profile name none. */
export function withCreateRole(role: StepDef): StepDef {
  const offered = (s: FlowState, p: FlowPorts) => Boolean(p.accessSetup) && !p.dryRun && !p.profileRole && !s.loaded.group?.roleArn && !s.presetFrom.role;
  return {
    ...role,
    async model(s, p) {
      const m = await role.model(s, p);
      if (!offered(s, p)) return m;
      const name = defaultRoleName(groupName(s) ?? s.answers.bucket ?? 'data');
      const inner = m.check;
      return {
        ...m,
        lines: [...m.lines, { text: 'Neither the dataset group nor a saved profile names a role: the tool can create one (you see it before it exists).', tone: 'dim' }],
        choices: [{ value: CREATE_ROLE, label: '＋ Create a role for Personalize', description: `${name}: trusts personalize.amazonaws.com, reads ${s.answers.bucket ? `s3://${s.answers.bucket}/${s.answers.prefix ?? ''}` : 'the data location'} only` }, ...(m.choices ?? [])],
        default: m.default ?? CREATE_ROLE,
        check: (v) => (v === CREATE_ROLE ? undefined : inner?.(v)),
        describe: (v) => (v === CREATE_ROLE ? `create ${name}` : m.describe ? m.describe(v) : v),
      };
    },
    async answer(s, v, p, ctx) {
      acc(s).createRole = v === CREATE_ROLE;
      if (v === CREATE_ROLE) return undefined;
      return role.answer!(s, v, p, ctx);
    },
  };
}

function dataBucket(s: FlowState): { bucket: string; prefix: string } | undefined {
  const src = s.answers.source;
  if (src?.kind === 'local') return s.answers.bucket ? { bucket: s.answers.bucket, prefix: s.answers.prefix ?? '' } : undefined;
  if (src?.kind === 's3') return { bucket: src.bucket, prefix: src.key.endsWith('/') ? src.key : src.key.replace(/[^/]*$/, '') };
  return undefined;
}

export const roleCreateStep: StepDef = {
  id: 'role-create',
  screen: 'job',
  kind: 'choose',
  applies: (s, p) => Boolean(p.accessSetup && s.loaded.access?.createRole),
  async model(s, p) {
    const a = acc(s);
    const where = dataBucket(s);
    const name = defaultRoleName(groupName(s) ?? where?.bucket ?? 'data');
    const base = frame('role-create', 'job', 'choose', `Create the role ${name}?`, { choices: [{ value: 'yes', label: 'Yes, create it' }, { value: 'no', label: 'No, back to the role' }], default: 'yes' });
    if (!where) return { ...base, lines: [{ text: 'The data location is not known, so the role cannot be scoped to it.', tone: 'error' }], choices: [{ value: 'no', label: 'Back to the role' }], default: 'no' };
    const pl = await planAccess(p.accessSetup!, { bucket: where.bucket, prefix: where.prefix, region: regionOf(s, p), accountId: accountOf(s.loaded.group?.arn) ?? p.context.accountId, ...(s.loaded.group ? { datasetGroup: s.loaded.group } : {}), roleName: name });
    a.roleChanges = pl.changes.filter((c) => c.action === 'CreateRole' || c.action === 'PutRolePolicy');
    const check = pl.checks.find((c) => c.id === 'role' || c.id === 'role-trust');
    const lines: Line[] = check ? [plannedLine(check)] : [];
    lines.push(...a.roleChanges.flatMap((c, i) => changeText(c, i, a.roleChanges!.length).split('\n').map((text) => ({ text }))));
    if (!a.roleChanges.length) return { ...base, lines, choices: [{ value: 'no', label: 'Back to the role' }], default: 'no' };
    if (pl.roleArn && check?.state === 'OK') a.roleCreated = undefined;
    return { ...base, lines, question: `${a.roleChanges.some((c) => c.action === 'CreateRole') ? 'Create' : 'Complete'} the role ${name} as shown?` };
  },
  async answer(s, v, p, ctx) {
    const a = acc(s);
    a.createRole = false;
    if (v !== 'yes') return { goto: 'role' };
    const name = a.roleChanges?.[0] && 'roleName' in a.roleChanges[0] ? a.roleChanges[0].roleName : undefined;
    try {
      const r = await applyChanges(p.accessSetup!, a.roleChanges ?? [], say(ctx));
      const arn = r.roleArn ?? a.roleChanges?.[0]?.resource;
      if (!arn) throw new Error(`no ARN for ${name}`);
      s.answers.roleArn = arn;
      a.roleCreated = arn;
      ctx.emit({ type: 'note', tone: 'ok', text: `Role ${visible(arn)} is ready; IAM can take a few seconds to make it usable.` });
      // the summary of answers said "create <name>": now the role that exists, by its ARN
      ctx.emit({ type: 'answered', step: 'role', screen: 'job', label: answerLabel('role', 'job'), value: `${visible(arn)} (created)`, inPlace: true });
    } catch (e) {
      refused(ctx, e);
      return { goto: 'role' };
    }
    return undefined;
  },
};

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The create step; after a role this run created, the create retries IAM's propagation error, saying so. */
export function withIamWait(create: StepDef): StepDef {
  return {
    ...create,
    async run(s, p, ctx) {
      const created = s.loaded.access?.roleCreated;
      if (!created || s.answers.roleArn !== created) return create.run!(s, p, ctx);
      const real = p.personalize;
      const personalize = new Proxy(real, {
        get(target, prop, receiver) {
          if (prop !== 'createImportJob') {
            const v = Reflect.get(target, prop, receiver);
            return typeof v === 'function' ? v.bind(target) : v;
          }
          return (input: Parameters<PersonalizeApi['createImportJob']>[0]) => withIamPropagationRetry(() => target.createImportJob(input), {
            clock: { sleep: p.sleep ?? abortableSleep },
            signal: ctx.signal,
            onRetry: ({ attempt, waitMs }) => ctx.emit({ type: 'note', tone: 'warn', text: `Personalize cannot use the new role yet (IAM takes a few seconds): trying again in ${Math.round(waitMs / 1000)} s (attempt ${attempt + 1}).` }),
          });
        },
      });
      return create.run!(s, { ...p, personalize }, ctx);
    },
  };
}

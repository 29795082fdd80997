// IAM, what diagnose / preflight read (the role, its trust policy, its inline and attached
// policies, the policy simulator) and what access setup writes (CreateRole, PutRolePolicy). Built from the same ClientSettings as the other clients
// (src/aws/clients.ts); the endpoint override is AWS_ENDPOINT_URL_IAM, then AWS_ENDPOINT_URL.
import {
  IAMClient, CreateRoleCommand, PutRolePolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand,
  SimulatePrincipalPolicyCommand, paginateListAttachedRolePolicies, paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { AppError } from '../core/errors.js';
import type { RoleFacts, RolePolicy, SimulationResult } from '../diagnose/ports.js';
import type { ClientSettings } from './clients.js';
import { profileConfig } from './settings.js';
import { toAppError, type ErrorContext } from './errors.js';

type Env = Record<string, string | undefined>;

/** AWS_ENDPOINT_URL_IAM, then AWS_ENDPOINT_URL — unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true. */
export function iamEndpointFromEnv(env: Env): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const v = env.AWS_ENDPOINT_URL_IAM?.trim() || env.AWS_ENDPOINT_URL?.trim();
  return v || undefined;
}

export function createIamClient(s: ClientSettings, endpoint?: string): IAMClient {
  return new IAMClient({
    // IAM is global; any region of the partition resolves to its global endpoint.
    region: s.region ?? 'us-east-1',
    ...profileConfig(s),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 3,
  });
}

/** arn:aws:iam::123456789012:role/path/Name → "Name" */
export function roleNameFromArn(arn: string): string {
  const m = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn.trim());
  if (!m) throw new AppError('usage', `${arn} is not an IAM role ARN.`, { hint: 'A role ARN looks like arn:aws:iam::123456789012:role/PersonalizeRole.' });
  return m[1];
}

function name(e: unknown): string | undefined {
  return (e as { name?: string })?.name;
}

/** Runs an IAM call; a refusal becomes access-denied naming `action` (IAM's message names it too). */
async function iamCall<T>(action: string, what: string, fn: () => Promise<T>, place: { region?: string; profile?: string; endpoint?: string }): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const ctx: ErrorContext = { what, service: 'IAM', ...place };
    const app = toAppError(e, ctx);
    if (app.kind === 'access-denied') {
      return Promise.reject(new AppError('access-denied', `Access denied: not allowed ${app.action ?? action}.`, { action: app.action ?? action, awsName: app.awsName, cause: e, hint: `Allow ${app.action ?? action} for your identity, or check by hand.` }));
    }
    throw app;
  }
}

export class SdkIam {
  constructor(readonly client: IAMClient, private readonly place: { region?: string; profile?: string; endpoint?: string } = {}) {}

  async getRole(roleArn: string): Promise<RoleFacts | undefined> {
    const roleName = roleNameFromArn(roleArn);
    return iamCall('iam:GetRole', `read the role ${roleName}`, async () => {
      try {
        const r = await this.client.send(new GetRoleCommand({ RoleName: roleName }));
        const doc = r.Role?.AssumeRolePolicyDocument;
        return { arn: r.Role?.Arn ?? roleArn, name: roleName, ...(doc ? { trustPolicy: decodeURIComponent(doc) } : {}) };
      } catch (e) {
        if (name(e) === 'NoSuchEntityException' || name(e) === 'NoSuchEntity') return undefined;
        throw e;
      }
    }, this.place);
  }

  async rolePolicies(roleArn: string): Promise<RolePolicy[]> {
    const roleName = roleNameFromArn(roleArn);
    const out: RolePolicy[] = [];
    const inline: string[] = await iamCall('iam:ListRolePolicies', `list the inline policies of ${roleName}`, async () => {
      const names: string[] = [];
      for await (const p of paginateListRolePolicies({ client: this.client }, { RoleName: roleName })) names.push(...(p.PolicyNames ?? []));
      return names;
    }, this.place);
    for (const n of inline) {
      const doc = await iamCall('iam:GetRolePolicy', `read the inline policy ${n} of ${roleName}`, async () => (await this.client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: n }))).PolicyDocument, this.place);
      if (doc) out.push({ name: n, kind: 'inline', document: decodeURIComponent(doc) });
    }
    const attached: string[] = await iamCall('iam:ListAttachedRolePolicies', `list the policies attached to ${roleName}`, async () => {
      const arns: string[] = [];
      for await (const p of paginateListAttachedRolePolicies({ client: this.client }, { RoleName: roleName })) for (const a of p.AttachedPolicies ?? []) if (a.PolicyArn) arns.push(a.PolicyArn);
      return arns;
    }, this.place);
    for (const arn of attached) {
      const version = await iamCall('iam:GetPolicy', `read the policy ${arn}`, async () => (await this.client.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId, this.place);
      if (!version) continue;
      const doc = await iamCall('iam:GetPolicyVersion', `read the policy ${arn}`, async () => (await this.client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }))).PolicyVersion?.Document, this.place);
      if (doc) out.push({ name: arn, kind: 'managed', document: decodeURIComponent(doc) });
    }
    return out;
  }

  simulateRole(roleArn: string, asks: { action: string; resource: string }[]): Promise<SimulationResult[]> {
    return this.simulatePrincipal(roleArn, asks);
  }

  /** iam:SimulatePrincipalPolicy for any principal (the caller's user or role), with context keys. */
  async simulatePrincipal(principalArn: string, asks: { action: string; resource: string; context?: Record<string, string> }[]): Promise<SimulationResult[]> {
    const out: SimulationResult[] = [];
    for (const a of asks) {
      const ContextEntries = Object.entries(a.context ?? {}).map(([k, v]) => ({ ContextKeyName: k, ContextKeyValues: [v], ContextKeyType: 'string' as const }));
      const r = await iamCall('iam:SimulatePrincipalPolicy', `simulate ${a.action} for ${principalArn}`, () =>
        this.client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: principalArn, ActionNames: [a.action], ResourceArns: [a.resource], ...(ContextEntries.length ? { ContextEntries } : {}) })), this.place);
      for (const ev of r.EvaluationResults ?? []) {
        out.push({
          action: ev.EvalActionName ?? a.action,
          resource: ev.EvalResourceName ?? a.resource,
          decision: (ev.EvalDecision ?? 'implicitDeny') as SimulationResult['decision'],
          matchedStatements: (ev.MatchedStatements ?? []).map((m) => m.SourcePolicyId ?? '').filter(Boolean),
        });
      }
    }
    return out;
  }

  /** The ARN (with its path) of a role by name; undefined when it does not exist. */
  async roleArnByName(roleName: string): Promise<string | undefined> {
    return iamCall('iam:GetRole', `read the role ${roleName}`, async () => {
      try {
        return (await this.client.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn;
      } catch (e) {
        if (name(e) === 'NoSuchEntityException') return undefined;
        throw e;
      }
    }, this.place);
  }

  /** iam:CreateRole; answers the new role's ARN. EntityAlreadyExists → a conflict naming the role. */
  async createRole(roleName: string, trustPolicy: string, description: string): Promise<string> {
    return iamCall('iam:CreateRole', `create the role ${roleName}`, async () => {
      try {
        const r = await this.client.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trustPolicy, Description: description }));
        return r.Role?.Arn ?? '';
      } catch (e) {
        if (name(e) === 'EntityAlreadyExistsException') throw new AppError('conflict', `A role named ${roleName} already exists (it was created since the plan was made).`, { awsName: name(e), cause: e, hint: 'Run the command again: the plan will use the existing role.' });
        if (name(e) === 'MalformedPolicyDocumentException') throw new AppError('invalid-input', `IAM rejected the trust policy for ${roleName}: ${(e as Error).message}`, { awsName: name(e), cause: e });
        throw e;
      }
    }, this.place);
  }

  /** iam:PutRolePolicy (an inline policy; one of the same name is replaced). */
  async putRolePolicy(roleName: string, policyName: string, document: string): Promise<void> {
    await iamCall('iam:PutRolePolicy', `add the inline policy ${policyName} to ${roleName}`, async () => {
      try {
        await this.client.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document }));
      } catch (e) {
        if (name(e) === 'MalformedPolicyDocumentException') throw new AppError('invalid-input', `IAM rejected the policy ${policyName}: ${(e as Error).message}`, { awsName: name(e), cause: e });
        if (name(e) === 'LimitExceededException') throw new AppError('limit', `IAM refused the policy ${policyName}: ${(e as Error).message}`, { awsName: name(e), cause: e, hint: `The role's inline policies may hold 10,240 characters in all: remove unused ones from ${roleName}, or use another role.` });
        if (name(e) === 'NoSuchEntityException') throw new AppError('not-found', `The role ${roleName} does not exist.`, { awsName: name(e), cause: e });
        throw e;
      }
    }, this.place);
  }
}

// The sandbox's IAM: just what preflight and `diagnose` read about the import role, over IAM's
// Query protocol (form-encoded POST, XML answers) so the unchanged @aws-sdk/client-iam talks to it
// through AWS_ENDPOINT_URL_IAM: GetRole (with the trust policy), ListRolePolicies, GetRolePolicy,
// ListAttachedRolePolicies and SimulatePrincipalPolicy. The seeded role trusts Personalize and may
// read both sandbox buckets: the no-grant bucket fails on its bucket policy alone, as on AWS when
// only the bucket side is missing.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { listenLoopback } from './listen.js';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export interface SandboxRole {
  name: string;
  arn: string;
  trustPolicy: string;
  inlinePolicies: Record<string, string>;
}

export function sandboxRole(accountId: string, roleName: string, buckets: string[]): SandboxRole {
  return {
    name: roleName,
    arn: `arn:aws:iam::${accountId}:role/${roleName}`,
    trustPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': accountId } } }],
    }),
    inlinePolicies: {
      PersonalizeSandboxS3Read: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]) }],
      }),
    },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

/** Whether the role's inline policies allow `action` on `resource` (Allow statements with wildcards; enough for the seed). */
function allows(role: SandboxRole, action: string, resource: string): boolean {
  for (const doc of Object.values(role.inlinePolicies)) {
    const p = JSON.parse(doc) as { Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[] };
    for (const st of p.Statement) {
      if (st.Effect !== 'Allow') continue;
      const actions = ([] as string[]).concat(st.Action);
      const resources = ([] as string[]).concat(st.Resource);
      if (actions.some((a) => wildcard(a, action)) && resources.some((r) => wildcard(r, resource))) return true;
    }
  }
  return false;
}

function members(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`)!);
  return out;
}

function answer(action: string, params: URLSearchParams, roles: Map<string, SandboxRole>): { status: number; body: string } {
  const requestId = randomUUID();
  const ok = (inner: string) => ({ status: 200, body: `<${action}Response xmlns="${NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>` });
  const fail = (status: number, code: string, message: string) => ({ status, body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>` });
  const roleByName = (n: string) => roles.get(n);
  const noRole = (n: string) => fail(404, 'NoSuchEntity', `The role with name ${n} cannot be found.`);
  switch (action) {
    case 'GetRole': {
      const n = params.get('RoleName') ?? '';
      const r = roleByName(n);
      if (!r) return noRole(n);
      return ok(`<Role><Path>/</Path><RoleName>${esc(r.name)}</RoleName><RoleId>AROASANDBOXROLE00001</RoleId><Arn>${esc(r.arn)}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${esc(encodeURIComponent(r.trustPolicy))}</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration></Role>`);
    }
    case 'ListRolePolicies': {
      const n = params.get('RoleName') ?? '';
      const r = roleByName(n);
      if (!r) return noRole(n);
      return ok(`<PolicyNames>${Object.keys(r.inlinePolicies).map((p) => `<member>${esc(p)}</member>`).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`);
    }
    case 'GetRolePolicy': {
      const n = params.get('RoleName') ?? '';
      const r = roleByName(n);
      if (!r) return noRole(n);
      const pn = params.get('PolicyName') ?? '';
      const doc = r.inlinePolicies[pn];
      if (!doc) return fail(404, 'NoSuchEntity', `The role policy with name ${pn} cannot be found.`);
      return ok(`<RoleName>${esc(r.name)}</RoleName><PolicyName>${esc(pn)}</PolicyName><PolicyDocument>${esc(encodeURIComponent(doc))}</PolicyDocument>`);
    }
    case 'ListAttachedRolePolicies': {
      const n = params.get('RoleName') ?? '';
      if (!roleByName(n)) return noRole(n);
      return ok('<AttachedPolicies/><IsTruncated>false</IsTruncated>');
    }
    case 'SimulatePrincipalPolicy': {
      const src = params.get('PolicySourceArn') ?? '';
      const r = [...roles.values()].find((x) => x.arn === src);
      if (!r) return fail(404, 'NoSuchEntity', `The role with name ${src.split('/').pop()} cannot be found.`);
      const actions = members(params, 'ActionNames');
      const resources = members(params, 'ResourceArns');
      const results = actions.flatMap((a) => (resources.length ? resources : ['*']).map((res) => {
        const decision = allows(r, a, res) ? 'allowed' : 'implicitDeny';
        return `<member><EvalActionName>${esc(a)}</EvalActionName><EvalResourceName>${esc(res)}</EvalResourceName><EvalDecision>${decision}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`;
      }));
      return ok(`<IsTruncated>false</IsTruncated><EvaluationResults>${results.join('')}</EvaluationResults>`);
    }
    default:
      return fail(400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
  }
}

export interface SandboxIam {
  endpoint: string;
  close(): Promise<void>;
}

export async function startIam(opts: { port?: number; roles: SandboxRole[] }): Promise<SandboxIam> {
  const roles = new Map(opts.roles.map((r) => [r.name, r]));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const r = answer(params.get('Action') ?? '', params, roles);
      res.writeHead(r.status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      res.end(r.body);
    });
  });
  const port = await listenLoopback(server, opts.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

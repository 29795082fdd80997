// The real IAM client code (src/aws/iam.ts, src/aws/access.ts) against a FAKE IAM endpoint: the
// sandbox's IAM only knows its one well-behaved role, so for refusals and broken trust policies this
// test runs a tiny local HTTP server speaking IAM's Query/XML
// protocol for the handful of calls diagnose makes (GetRole, SimulatePrincipalPolicy,
// ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies) — reached through
// AWS_ENDPOINT_URL_IAM, so the endpoint override, the XML parsing and the AccessDenied → IAM
// action mapping are all exercised with the unmocked SDK. Personalize and S3 are the sandbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { run } from '../../src/commands/diagnose.js';
import type { Io } from '../../src/core/ports.js';

const sb = withSandbox({ jobSeconds: 0 });

interface FakeIam {
  trust: string;
  /** actions answered with AccessDenied */
  deny: Set<string>;
  inline: Record<string, string>;
  calls: string[];
}
const iam: FakeIam = { trust: '', deny: new Set(), inline: {}, calls: [] };
const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function respond(action: string, params: URLSearchParams): { status: number; body: string } {
  const ok = (inner: string) => ({ status: 200, body: `<${action}Response xmlns="${NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>` });
  if (iam.deny.has(action)) {
    return { status: 403, body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/support is not authorized to perform: iam:${action} on resource: role PersonalizeSandboxRole because no identity-based policy allows the iam:${action} action</Message></Error><RequestId>req-2</RequestId></ErrorResponse>` };
  }
  const role = params.get('RoleName') ?? '';
  switch (action) {
    case 'GetRole':
      if (role !== 'PersonalizeSandboxRole') return { status: 404, body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name ${esc(role)} cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>` };
      return ok(`<Role><Path>/</Path><RoleName>${role}</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::111122223333:role/${role}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${esc(encodeURIComponent(iam.trust))}</AssumeRolePolicyDocument></Role>`);
    case 'SimulatePrincipalPolicy':
      return ok(`<IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>${esc(params.get('ActionNames.member.1') ?? '')}</EvalActionName><EvalResourceName>${esc(params.get('ResourceArns.member.1') ?? '')}</EvalResourceName><EvalDecision>implicitDeny</EvalDecision><MatchedStatements/></member></EvaluationResults>`);
    case 'ListRolePolicies':
      return ok(`<PolicyNames>${Object.keys(iam.inline).map((n) => `<member>${n}</member>`).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`);
    case 'GetRolePolicy':
      return ok(`<RoleName>${role}</RoleName><PolicyName>${params.get('PolicyName')}</PolicyName><PolicyDocument>${esc(encodeURIComponent(iam.inline[params.get('PolicyName') ?? ''] ?? '{}'))}</PolicyDocument>`);
    case 'ListAttachedRolePolicies':
      return ok('<AttachedPolicies/><IsTruncated>false</IsTruncated>');
    default:
      return { status: 400, body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>` };
  }
}

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (b: Buffer) => (body += b));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? '';
      iam.calls.push(action);
      const r = respond(action, params);
      res.writeHead(r.status, { 'content-type': 'text/xml' });
      res.end(r.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let jobArn: string;
beforeAll(async () => {
  const bucket = sb.sandbox.noGrantBucket;
  await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'iam/interactions.csv', Body: readFileSync(new URL('../../samples/interactions.csv', import.meta.url)) }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: 'iam-endpoint', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
    dataSource: { dataLocation: `s3://${bucket}/iam/interactions.csv` }, roleArn: sb.sandbox.roleArn,
  }));
  jobArn = (await sb.waitForJob(r.datasetImportJobArn!)).datasetImportJobArn!;
});

async function diagnoseJson(): Promise<{ checks: { id: string; status: string; detail: string; deniedAction?: string }[]; statementsToAdd: Record<string, unknown> }> {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (b: Buffer) => (out += b));
  const io: Io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env, AWS_ENDPOINT_URL_IAM: endpoint }, cwd: process.cwd() };
  expect(await run([jobArn, '--json', '--no-validate'], { io })).toBe(0);
  return JSON.parse(out);
}
const check = (d: Awaited<ReturnType<typeof diagnoseJson>>, id: string) => d.checks.find((c) => c.id === id)!;

describe('diagnose with IAM through AWS_ENDPOINT_URL_IAM (FAKE IAM endpoint, real SDK)', () => {
  it('trust PASS from GetRole; simulator says implicitDeny → role S3 access FAIL, role policy offered', async () => {
    iam.trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    iam.deny = new Set();
    iam.calls = [];
    const d = await diagnoseJson();
    expect(check(d, 'role-trust').status).toBe('PASS');
    expect(check(d, 'role-s3-access').status).toBe('FAIL');
    expect(check(d, 'role-s3-access').detail).toContain('IAM policy simulator');
    expect(d.statementsToAdd['role-policy']).toBeDefined();
    expect(iam.calls).toContain('GetRole');
    expect(iam.calls).toContain('SimulatePrincipalPolicy');
  });

  it('simulator refused → inline policies read and evaluated (PASS when they grant the bucket)', async () => {
    iam.deny = new Set(['SimulatePrincipalPolicy']);
    iam.inline = { ReadData: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::personalize-sandbox-*'] }] }) };
    const d = await diagnoseJson();
    expect(check(d, 'role-s3-access').status).toBe('PASS');
    expect(check(d, 'role-s3-access').detail).toContain('ReadData');
  });

  it('GetRole and every policy read refused → CAN\'T CHECK naming the IAM actions', async () => {
    iam.deny = new Set(['GetRole', 'SimulatePrincipalPolicy', 'ListRolePolicies']);
    const d = await diagnoseJson();
    expect(check(d, 'role-trust')).toMatchObject({ status: 'CANT_CHECK', deniedAction: 'iam:GetRole' });
    expect(check(d, 'role-s3-access').status).toBe('CANT_CHECK');
    expect(check(d, 'role-s3-access').detail).toContain('iam:SimulatePrincipalPolicy');
    expect(check(d, 'role-s3-access').detail).toContain('iam:ListRolePolicies');
    // the bucket-policy finding does not depend on IAM
    expect(check(d, 'bucket-policy').status).toBe('FAIL');
  });

  it('a trust policy for another service FAILs and the trust policy to set is offered', async () => {
    iam.deny = new Set();
    iam.trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' }] });
    const d = await diagnoseJson();
    expect(check(d, 'role-trust').status).toBe('FAIL');
    expect(JSON.stringify(d.statementsToAdd['trust-policy'])).toContain('"aws:SourceAccount":"111122223333"');
  });
});

// The sandbox's STS: GetCallerIdentity over the Query protocol (form-encoded POST, XML answer), so
// @aws-sdk/client-sts and `aws sts get-caller-identity` learn who the sandbox says they are (an IAM
// user of the sandbox account, whose identity policy IAM's SimulatePrincipalPolicy evaluates).
// Held to botocore's sts/2011-06-15 model by test/sandbox/kms-sts-model.test.ts.
import { randomUUID } from 'node:crypto';
import { serveLoopback } from './listen.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Operations the sandbox's STS serves. */
export const STS_OPERATIONS = ['GetCallerIdentity'] as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startSts(opts: { port?: number; caller: { arn: string; userId: string; account: string } }): Promise<{ endpoint: string; close(): Promise<void> }> {
  return serveLoopback(opts.port ?? 0, (raw, _req, res) => {
    const params = new URLSearchParams(raw.toString('utf8'));
    const action = params.get('Action') ?? '';
    const requestId = randomUUID();
    let status = 200;
    let body: string;
    if (action === 'GetCallerIdentity') {
      const c = opts.caller;
      body = `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${esc(c.arn)}</Arn><UserId>${esc(c.userId)}</UserId><Account>${esc(c.account)}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    } else {
      status = 400;
      body = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation ${esc(action)} for version 2011-06-15</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    }
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(body);
  });
}

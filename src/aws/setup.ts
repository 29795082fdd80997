// The SetupApi (src/access/ports.ts) over the real SDK clients: S3 CreateBucket,
// PutPublicAccessBlock, PutBucketEncryption, PutBucketPolicy on the S3 client the command's deps
// already made, and IAM CreateRole / PutRolePolicy through src/aws/iam.ts. S3's AccessDenied names
// no action, so each call names its own (s3:PutBucketPolicy …) for the exit-3 message.
import {
  CreateBucketCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand,
  type BucketLocationConstraint, type S3Client,
} from '@aws-sdk/client-s3';
import { AppError, isAppError } from '../core/errors.js';
import type { SetupApi } from '../access/ports.js';
import { call } from './errors.js';
import type { SdkIam } from './iam.js';
import { SdkStorage } from './s3.js';

export class SdkSetup implements SetupApi {
  constructor(
    private readonly s3: S3Client | undefined,
    private readonly iam: SdkIam | undefined,
    private readonly place: { region?: string; profile?: string; endpoint?: string } = {},
    private readonly iamUnavailable?: string,
  ) {}

  private async s3Call(action: string, what: string, fn: (c: S3Client) => Promise<unknown>): Promise<void> {
    const client = this.s3;
    if (!client) throw new AppError('internal', 'No S3 client to make the change with.');
    try {
      await call({ what, service: 'S3', ...this.place }, () => fn(client));
    } catch (e) {
      if (isAppError(e) && e.kind === 'access-denied') {
        throw new AppError('access-denied', `Access denied: not allowed ${action} (while trying to ${what}).`, { action, awsName: e.awsName, cause: e, hint: `Allow ${action} for your identity, or run the equivalent command shown by --dry-run as someone who may.` });
      }
      throw e;
    }
  }

  private needIam(): SdkIam {
    if (!this.iam) throw new AppError('internal', `IAM cannot be called here: ${this.iamUnavailable ?? 'no IAM client'}.`);
    return this.iam;
  }

  async createBucket(bucket: string, region: string): Promise<void> {
    try {
      await this.s3Call('s3:CreateBucket', `create the bucket ${bucket} in ${region}`, (c) => c.send(new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 takes no LocationConstraint (S3 rejects "us-east-1" there)
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      })));
    } catch (e) {
      if (isAppError(e) && e.awsName === 'BucketAlreadyExists') {
        throw new AppError('conflict', `The bucket name ${bucket} is taken by another AWS account (bucket names are global).`, { awsName: e.awsName, cause: e, hint: 'Choose another --bucket name.' });
      }
      throw e;
    }
  }

  blockPublicAccess(bucket: string): Promise<void> {
    return this.s3Call('s3:PutBucketPublicAccessBlock', `block public access to ${bucket}`, (c) => c.send(new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    })));
  }

  setDefaultEncryption(bucket: string): Promise<void> {
    return this.s3Call('s3:PutEncryptionConfiguration', `set default encryption on ${bucket}`, (c) => c.send(new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    })));
  }

  putBucketPolicy(bucket: string, policy: string): Promise<void> {
    return this.s3Call('s3:PutBucketPolicy', `set the bucket policy of ${bucket}`, (c) => c.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy })));
  }

  createRole(roleName: string, trustPolicy: string, description: string): Promise<string> {
    return this.needIam().createRole(roleName, trustPolicy, description);
  }

  putRolePolicy(roleName: string, policyName: string, document: string): Promise<void> {
    return this.needIam().putRolePolicy(roleName, policyName, document);
  }
}

/** The SetupApi for a command that has its deps and createAccess()'s IAM client. */
export function createSetup(opts: { deps: { s3: unknown; context: { region?: string; profile?: string; s3EndpointOverride?: string } }; iam?: SdkIam; iamUnavailable?: string }): SetupApi {
  const s3 = opts.deps.s3 instanceof SdkStorage ? opts.deps.s3.client : undefined;
  return new SdkSetup(s3, opts.iam, { region: opts.deps.context.region, profile: opts.deps.context.profile, endpoint: opts.deps.context.s3EndpointOverride }, opts.iamUnavailable);
}

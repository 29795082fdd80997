// Who is calling → whose policies decide (src/aws/sts.ts principalOf): an assumed-role session is
// its role, a user or role as is, the root user flagged, anything else (federated) nothing.
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../src/aws/sts.js';

describe('principalOf', () => {
  it('maps an STS identity to the IAM principal the simulator evaluates', () => {
    expect(principalOf('arn:aws:sts::123456789012:assumed-role/Dev/alice@example.com')).toEqual({ principalArn: 'arn:aws:iam::123456789012:role/Dev', roleName: 'Dev' });
    expect(principalOf('arn:aws-cn:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/bob')).toEqual({ principalArn: 'arn:aws-cn:iam::123456789012:role/AWSReservedSSO_Admin_0123', roleName: 'AWSReservedSSO_Admin_0123' });
    expect(principalOf('arn:aws:iam::123456789012:user/ci/deployer')).toEqual({ principalArn: 'arn:aws:iam::123456789012:user/ci/deployer' });
    expect(principalOf('arn:aws:iam::123456789012:root')).toEqual({ root: true });
    expect(principalOf('arn:aws:sts::123456789012:federated-user/carol')).toEqual({});
  });
});

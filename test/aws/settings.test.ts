// How createDeps reads region, profile, credentials and endpoint overrides from the env it is given
// (the same rules the SDK applies to process.env: AWS_ENDPOINT_URL_<SERVICE> before AWS_ENDPOINT_URL,
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns both off), and that S3 goes path-style exactly
// when its endpoint is overridden. No service is called here.
import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../src/aws/clients.js';
import { regionFromLocation, SdkStorage } from '../../src/aws/s3.js';
import { createDeps } from '../../src/aws/deps.js';
import { testIo } from './test-io.js';

describe('settingsFromEnv', () => {
  it('region: flag, then AWS_REGION, then AWS_DEFAULT_REGION, else left to the profile', () => {
    expect(settingsFromEnv({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' }, { region: 'ap-south-1' }).region).toBe('ap-south-1');
    expect(settingsFromEnv({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' }, {}).region).toBe('eu-west-1');
    expect(settingsFromEnv({ AWS_DEFAULT_REGION: 'us-west-2' }, {}).region).toBe('us-west-2');
    expect(settingsFromEnv({}, {}).region).toBeUndefined();
  });

  it('endpoints: per service first, then the common one; the ignore switch turns them off', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2' };
    expect(settingsFromEnv(env, {})).toMatchObject({ personalizeEndpoint: 'http://127.0.0.1:1', s3Endpoint: 'http://127.0.0.1:2' });
    expect(settingsFromEnv({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, {})).toMatchObject({ personalizeEndpoint: undefined, s3Endpoint: undefined });
  });

  it('static keys are used unless a profile is named (then the profile wins, as in the SDK chain)', () => {
    const keys = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' };
    expect(settingsFromEnv(keys, {}).credentials).toEqual({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's', sessionToken: 't' });
    expect(settingsFromEnv(keys, { awsProfile: 'prod' })).toMatchObject({ profile: 'prod', credentials: undefined });
    expect(settingsFromEnv({ ...keys, AWS_PROFILE: 'dev' }, {})).toMatchObject({ profile: 'dev', credentials: undefined });
  });
});

describe('S3 client addressing', () => {
  it('path-style whenever the S3 endpoint is overridden, virtual-host otherwise', async () => {
    const over = await createDeps({ io: testIo({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }) });
    const plain = await createDeps({ io: testIo({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }) });
    try {
      expect((over.s3 as SdkStorage).client.config.forcePathStyle).toBe(true);
      expect(over.context.s3EndpointOverride).toBe('http://127.0.0.1:9');
      expect((plain.s3 as SdkStorage).client.config.forcePathStyle).toBeFalsy();
      expect(plain.context.endpointOverride).toBeUndefined();
    } finally {
      await over.close();
      await plain.close();
    }
  });

  it('GetBucketLocation: empty/null is us-east-1, EU is eu-west-1', () => {
    expect(regionFromLocation(undefined)).toBe('us-east-1');
    expect(regionFromLocation(null)).toBe('us-east-1');
    expect(regionFromLocation('')).toBe('us-east-1');
    expect(regionFromLocation('EU')).toBe('eu-west-1');
    expect(regionFromLocation('ap-southeast-2')).toBe('ap-southeast-2');
  });
});

// The S3 client, configured from ClientSettings: one place, so the full deps (createClients) and the
// S3-only deps (storage-deps.ts, validate s3://…) talk to S3 the same way.
import { S3Client } from '@aws-sdk/client-s3';
import { rangedGetExtension } from './ranged-get.js';
import { profileConfig, type ClientSettings } from './settings.js';

/** region, profile, credentials and retries as every client of this tool has them */
export function baseClientConfig(s: ClientSettings) {
  return {
    ...(s.region ? { region: s.region } : {}),
    ...profileConfig(s),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    // Throttling is retried by the SDK a few times before it reaches us; keep it standard.
    maxAttempts: 3,
  };
}

export function createS3Client(s: ClientSettings): S3Client {
  return new S3Client({
    ...baseClientConfig(s),
    // An overridden endpoint (sandbox, MinIO, LocalStack…) cannot do virtual-host addressing.
    ...(s.s3Endpoint ? { endpoint: s.s3Endpoint, forcePathStyle: true } : {}),
    // Keep bucketRegion() honest: we ask GetBucketLocation ourselves.
    followRegionRedirects: true,
    // GETs with a Range header (readRange: validate s3://…) go over ranged-get.ts's sockets, read
    // with `onread` into big chunks; every other request (uploads, HEAD, lists…) to the SDK's own
    // handler unchanged
    extensions: [rangedGetExtension()],
  });
}

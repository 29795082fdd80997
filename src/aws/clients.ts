// The Personalize and S3 clients, configured from ClientSettings (src/aws/settings.ts).
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import type { S3Client } from '@aws-sdk/client-s3';
import { baseClientConfig, createS3Client } from './s3-client.js';
import type { ClientSettings } from './settings.js';

export { resolvedRegion, settingsFromEnv, type ClientSettings } from './settings.js';

export interface Clients {
  personalize: PersonalizeClient;
  s3: S3Client;
}

export function createClients(s: ClientSettings): Clients {
  const personalize = new PersonalizeClient({ ...baseClientConfig(s), ...(s.personalizeEndpoint ? { endpoint: s.personalizeEndpoint } : {}) });
  return { personalize, s3: createS3Client(s) };
}

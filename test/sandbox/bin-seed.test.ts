// The built bin's `sandbox --seed none`: an empty account from the printed env alone (the role and
// buckets stay), the closing notes saying so; a bad --seed is a usage error. Needs dist/.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ListDatasetGroupsCommand, ListSchemasCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { runCli } from '../aws/cli-run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'dist', 'cli.js');

describe('built bin: personalize-import sandbox --seed none', () => {
  it('starts an empty account; SIGTERM stops it with exit 0', { timeout: 120_000 }, async () => {
    if (!existsSync(bin)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root });
    const child = spawn(process.execPath, [bin, 'sandbox', '--seed', 'none', '--job-seconds', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const env: Record<string, string> = {};
    const notes: string[] = [];
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
        if (m) env[m[1]] = m[2];
        else notes.push(line);
        if (line.includes('Ctrl-C to stop')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    });
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    const personalize = new PersonalizeClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials });
    const s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, credentials, forcePathStyle: true });
    try {
      expect((await personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups).toEqual([]);
      expect((await personalize.send(new ListSchemasCommand({}))).schemas).toEqual([]);
      expect((await s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toContain(env.PERSONALIZE_SANDBOX_BUCKET);
      expect(notes.join('\n')).toMatch(/No dataset groups, schemas or datasets yet \(--seed none\)/);
    } finally {
      personalize.destroy();
      s3.destroy();
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('--seed with another value exits 2 naming the flag', async () => {
    const r = await runCli(['sandbox', '--seed', 'empty'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seed 'empty' is not a seed[\s\S]*--seed none/);
  });
});

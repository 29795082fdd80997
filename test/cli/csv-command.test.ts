// The opening validate and fix share (src/cli/csv-command.ts): flags, the lazy deps, the schema.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyDeps, loadSchema, parseDomain, parseMode } from '../../src/cli/csv-command.js';
import { isAppError } from '../../src/core/errors.js';

const neverDeps = () => Promise.reject(new Error('no AWS call expected'));

describe('csv-command', () => {
  it('parses --domain and --mode, naming the flag when wrong', () => {
    expect(parseDomain('video-on-demand')).toBe('VIDEO_ON_DEMAND');
    expect(parseDomain(undefined)).toBeUndefined();
    expect(() => parseDomain('retail')).toThrow(/--domain 'retail' is not a domain/);
    expect(parseMode(undefined)).toBe('FULL');
    expect(parseMode('incremental')).toBe('INCREMENTAL');
    expect(() => parseMode('partial')).toThrow(/--mode 'partial'/);
  });

  it('reads --schema from a file without touching AWS; a missing file is a usage error naming it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csvcmd-'));
    const f = path.join(dir, 's.json');
    writeFileSync(f, JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' }));
    const r = await loadSchema({ schema: f }, neverDeps, true);
    expect(r.schema.recordName).toBe('Users');
    expect(r.dataset).toBeUndefined();
    const e = await loadSchema({ schema: path.join(dir, 'nope\u001b.json') }, neverDeps, true).catch((x: unknown) => x);
    expect(isAppError(e) && e.kind).toBe('usage');
    expect(String((e as Error).message)).toMatch(/--schema .*nope\\x1b\.json: no such file/);
  });

  it('refuses a --dataset-arn that is not a dataset ARN before any AWS call', async () => {
    await expect(loadSchema({ 'dataset-arn': 'arn:aws:s3:::b' }, neverDeps, true)).rejects.toThrow(/is not a dataset ARN/);
  });

  it('lazyDeps makes nothing until asked, and close() is then a no-op', async () => {
    const d = lazyDeps({}, { env: {} } as never);
    await expect(d.close()).resolves.toBeUndefined();
  });
});

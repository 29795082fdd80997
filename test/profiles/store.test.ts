import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProfileStore, describeProfile } from '../../src/profiles/index.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pi-prof-'));
  env = { PERSONALIZE_IMPORT_CONFIG_DIR: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  name: 'shop', region: 'us-east-1', datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop', datasetGroupName: 'shop',
  datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS', datasetName: 'shop-interactions', bucket: 'b', prefix: 'imports/',
  roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3',
};

describe('profile store', () => {
  it('saves, lists, reads, deletes; file is 0600 in PERSONALIZE_IMPORT_CONFIG_DIR', () => {
    const { store, notice } = openProfileStore(env);
    expect(notice).toBeUndefined();
    store.save(base);
    expect(store.path).toBe(join(dir, 'config.json'));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const again = openProfileStore(env).store;
    expect(again.get('shop')?.bucket).toBe('b');
    expect(again.list().map((p) => p.name)).toEqual(['shop']);
    expect(describeProfile(again.get('shop')!)).toBe('shop → shop-interactions, s3://b/imports/, role PersonalizeS3');
    expect(again.delete('shop')).toBe(true);
    expect(again.delete('shop')).toBe(false);
    expect(openProfileStore(env).store.list()).toEqual([]);
  });
  it('refuses credentials and unknown fields', () => {
    const { store } = openProfileStore(env);
    expect(() => store.save({ ...base, awsProfile: 'AKIAABCDEFGHIJKLMNOP' })).toThrow(/never store credentials/);
    expect(() => store.save({ ...base, bucket: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })).toThrow(/secret/);
    expect(() => store.save({ ...base, secretAccessKey: 'x' } as never)).toThrow(/cannot hold/);
    expect(() => store.save({ ...base, name: 'bad name' })).toThrow(/not allowed/);
    expect(readFileSync(store.path, 'utf8')).not.toMatch(/AKIA/);
  });
  it('a corrupted file is moved aside with a one-line notice', () => {
    writeFileSync(join(dir, 'config.json'), '{ not json');
    const { store, notice } = openProfileStore(env);
    expect(notice).toMatch(/^Saved profiles: .*config\.json was not valid JSON; moved it to .*corrupt.*$/);
    expect(notice).not.toContain('\n');
    expect(store.list()).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
  });
  it('a file with a shape it does not understand is moved aside too', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { x: { name: 'x', datasetGroupArn: 1 } }, __internal__: { migrations: { version: '2.0.0' } } }));
    const { notice } = openProfileStore(env);
    expect(notice).toMatch(/not a profile store/);
  });
  it('migrates a 1.x file (s3Prefix, role) to 2.0.0', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({
      profiles: { old: { name: 'old', datasetGroupArn: 'g', datasetArn: 'd', s3Prefix: 'in/', role: 'arn:aws:iam::123456789012:role/r' } },
      __internal__: { migrations: { version: '1.0.0' } },
    }));
    const { store, notice } = openProfileStore(env);
    expect(notice).toBeUndefined();
    const p = store.get('old')!;
    expect(p.prefix).toBe('in/');
    expect(p.roleArn).toBe('arn:aws:iam::123456789012:role/r');
    expect(p.updatedAt).toBeTruthy();
  });
});

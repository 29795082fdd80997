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
  it('one broken profile among good ones (edited by hand): only it is left out, named; the others stay; the file as it was is kept beside', () => {
    const good = { ...base, name: 'good', updatedAt: '2026-12-01T00:00:00.000Z' };
    const broken = { name: 'broken', datasetGroupArn: base.datasetGroupArn, updatedAt: '2026-12-01T00:00:00.000Z' };
    const text = JSON.stringify({ profiles: { good, broken }, __internal__: { migrations: { version: '2.0.0' } } });
    writeFileSync(join(dir, 'config.json'), text);
    const { store, notice } = openProfileStore(env);
    expect(store.list().map((p) => p.name)).toEqual(['good']);
    expect(notice).toMatch(/^Saved profiles: profile broken \(no datasetArn\) in .*config\.json could not be read and was left out; the others are kept, and the file as it was is in .*config\.json\.corrupt-/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe(text);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(openProfileStore(env).notice).toBeUndefined();
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

describe('profile store under faults (issue 18 item 10)', () => {
  it('valid JSON of the wrong shape ([1,2,3], a string, profiles: []) is moved aside, not silently rewritten', () => {
    for (const text of ['[1,2,3]', '"x"', '{"profiles":[]}', 'null']) {
      writeFileSync(join(dir, 'config.json'), text);
      const { store, notice } = openProfileStore(env);
      expect(notice, text).toMatch(/not a profile store this version understands; moved it to .*corrupt/);
      expect(store.list()).toEqual([]);
      const aside = readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
      expect(aside.length).toBeGreaterThan(0);
      expect(aside.some((f) => readFileSync(join(dir, f), 'utf8') === text)).toBe(true);
      for (const f of aside) rmSync(join(dir, f));
    }
  });
  it('creates its folder 0700 even with umask 000', () => {
    const old = process.umask(0);
    try {
      const nested = join(dir, 'deep', 'conf');
      const { store } = openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: nested });
      store.save(base);
      expect(statSync(nested).mode & 0o777).toBe(0o700);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
  it('a config "folder" that is a file: exit 2 naming it, nothing moved', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    let err: unknown;
    try {
      openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: file });
    } catch (e) {
      err = e;
    }
    expect((err as { exitCode?: number }).exitCode).toBe(2);
    expect((err as Error).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
  it('one lookup: findProfile names the file it looked in and suggests a case-insensitive match', async () => {
    const { findProfile } = await import('../../src/profiles/index.js');
    const { store } = openProfileStore(env);
    store.save({ ...base, name: 'Shop-Events' });
    expect(findProfile(store, 'Shop-Events').name).toBe('Shop-Events');
    expect(() => findProfile(store, 'shop-events')).toThrow(new RegExp(`looked in ${store.path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    try {
      findProfile(store, 'shop-events');
    } catch (e) {
      expect((e as { hint?: string }).hint).toMatch(/Did you mean Shop-Events\?/);
    }
    expect(() => findProfile(store, 'toString')).toThrow(/No saved profile named 'toString'/);
  });
  it('two profiles with similar names: both are suggested; "_" for "-" is suggested too', async () => {
    const { findProfile } = await import('../../src/profiles/index.js');
    const { store } = openProfileStore(env);
    store.save({ ...base, name: 'shop-items' });
    store.save({ ...base, name: 'Shop-Items' });
    store.save({ ...base, name: 'other' });
    const hintOf = (n: string) => {
      try {
        findProfile(store, n);
      } catch (e) {
        return (e as { hint?: string }).hint ?? '';
      }
      return '';
    };
    expect(hintOf('SHOP-ITEMS')).toMatch(/Did you mean (shop-items or Shop-Items|Shop-Items or shop-items)\?/);
    expect(hintOf('shop_items')).toMatch(/Did you mean .*shop-items.*\?/);
    expect(hintOf('nothing-like')).toMatch(/Saved profiles: /);
  });
});

describe('a profile looked up in a file that was just moved aside', () => {
  it('names the moved-aside file (the profile is there), not "no saved profiles yet"', async () => {
    const { findProfile } = await import('../../src/profiles/store.js');
    writeFileSync(join(dir, 'config.json'), '{"profiles":{"shop":');
    const { store } = openProfileStore(env);
    let hint = '';
    try {
      findProfile(store, 'shop', 'import');
    } catch (e) {
      hint = (e as { hint?: string }).hint ?? '';
    }
    expect(store.movedAside).toMatch(/config\.json\.corrupt-/);
    expect(hint).toContain(store.movedAside!);
    expect(hint).toContain('move it back');
    expect(hint).not.toContain('no saved profiles yet');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../src/commands/profiles.js';
import { openProfileStore } from '../../src/profiles/index.js';
import { isAppError } from '../../src/core/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pi-profcmd-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  let code: number;
  try {
    code = await run(args, { io: { stdout, stderr, stdin: new PassThrough(), isTTY: false, env: { PERSONALIZE_IMPORT_CONFIG_DIR: dir }, cwd: dir } });
  } catch (e) {
    if (!isAppError(e)) throw e;
    err += e.message + (e.hint ? `\n${e.hint}` : '');
    code = e.exitCode;
  }
  return { code, out, err };
}

describe('profiles command', () => {
  it('list / show / delete with and without --json', async () => {
    expect((await cli(['list'])).out).toMatch(/No saved profiles yet/);
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.save({ name: 'shop', region: 'us-east-1', datasetGroupArn: 'arn:g/shop', datasetArn: 'arn:d/shop/INTERACTIONS', bucket: 'bk' });
    const l = await cli(['list']);
    expect(l.code).toBe(0);
    expect(l.out).toMatch(/^shop\s+us-east-1\s+shop → INTERACTIONS, s3:\/\/bk\//);
    expect(JSON.parse((await cli(['list', '--json'])).out).profiles[0].name).toBe('shop');
    expect((await cli(['show', 'shop'])).out).toMatch(/Bucket\s+bk/);
    expect(JSON.parse((await cli(['show', 'shop', '--json'])).out).bucket).toBe('bk');
    const missing = await cli(['show', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/No saved profile named 'nope' \(looked in .*config\.json\)\.\nSaved profiles: shop/);
    expect((await cli(['delete', 'shop'])).out).toBe('Deleted profile shop.\n');
    expect((await cli(['delete', 'shop'])).code).toBe(2);
    expect((await cli(['frob'])).code).toBe(2);
  });

  it('--json: a failure is still one JSON document on stdout ({error}), the message on stderr, exit 2', async () => {
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.save({ name: 'shop', datasetGroupArn: 'arn:g/shop', datasetArn: 'arn:d/shop/INTERACTIONS' });
    for (const args of [['show', 'Shop', '--json'], ['delete', 'nope', '--json'], ['frob', '--json'], ['list', '--json', '--frob']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      const doc = JSON.parse(r.out);
      expect(doc.error.kind, args.join(' ')).toBe('usage');
      expect(r.err, args.join(' ')).toBe(`${doc.error.message}\n  → ${doc.error.hint}\n`);
    }
    expect(JSON.parse((await cli(['show', 'Shop', '--json'])).out).error).toMatchObject({ message: expect.stringMatching(/^No saved profile named 'Shop'/), hint: expect.stringMatching(/Did you mean shop\?/) });
  });

  it('prototype names are not profiles: show, --json and delete of constructor / __proto__ / toString', async () => {
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.save({ name: 'shop', datasetGroupArn: 'arn:g/shop', datasetArn: 'arn:d/shop/INTERACTIONS' });
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const args of [['show', name], ['show', name, '--json'], ['delete', name]]) {
        const r = await cli(args);
        expect(r.code, `${args.join(' ')}`).toBe(2);
        // --json: the one document is the error (no profile's fields); otherwise nothing on stdout
        if (args.includes('--json')) expect(Object.keys(JSON.parse(r.out)), `${args.join(' ')}`).toEqual(['error']);
        else expect(r.out, `${args.join(' ')}`).toBe('');
        expect(r.err).toContain(`No saved profile named '${name}'`);
      }
    }
    expect(openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.list().map((p) => p.name)).toEqual(['shop']);
  });

  it('a profile named constructor is one like any other', async () => {
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.save({ name: 'constructor', datasetGroupArn: 'arn:g/c', datasetArn: 'arn:d/c/ITEMS' });
    expect(JSON.parse((await cli(['show', 'constructor', '--json'])).out).datasetArn).toBe('arn:d/c/ITEMS');
    expect((await cli(['delete', 'constructor'])).code).toBe(0);
    expect((await cli(['show', 'constructor'])).code).toBe(2);
  });

  it('a hand-edited value with terminal escapes is shown escaped', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({
      profiles: { shop: { name: 'shop', datasetGroupArn: 'arn:g/shop', datasetArn: 'arn:d/shop/INTERACTIONS', bucket: 'b\x1b]52;c;aGk=\x07', updatedAt: '2026-01-01T00:00:00Z' } },
      __internal__: { migrations: { version: '2.0.0' } },
    }));
    const r = await cli(['show', 'shop']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/\x1b|\x07/);
    expect(r.out).toContain('b\\x1b]52;c;aGk=\\x07');
  });
});

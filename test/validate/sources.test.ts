// fileChunks (sources.ts): how the engine reads a regular local file on its own thread — blocks into
// two buffers used in turn (no new buffer a chunk for the garbage collector), every byte once, and
// the file closed however the reading ends.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileChunks } from '../../src/validate/sources.js';
import { validateCsv } from '../../src/validate/index.js';
import { NOW, schema } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pi-sources-'));
const openFds = () => readdirSync('/proc/self/fd').length;

describe('fileChunks', () => {
  const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, k) => (k * 7 + (k >> 8)) & 255));
  const file = join(dir, 'bytes.bin');
  writeFileSync(file, bytes);

  it('hands over every byte once, in order, for any block size', async () => {
    for (const block of [1, 7, 4096, 10_000, 1 << 20]) {
      const parts: Buffer[] = [];
      for await (const c of fileChunks(file, block)) {
        expect(c.length).toBeLessThanOrEqual(block);
        parts.push(Buffer.from(c));
      }
      expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    }
  });

  it('reuses two buffers in turn: no new buffer a chunk', async () => {
    const seen: ArrayBufferLike[] = [];
    for await (const c of fileChunks(file, 1000)) seen.push(c.buffer);
    expect(seen.length).toBe(10);
    expect(new Set(seen).size).toBeLessThanOrEqual(2);
  });

  it('closes the file when the reader stops early or throws', async () => {
    const before = openFds();
    for await (const c of fileChunks(file, 100)) if (c.length) break;
    await expect(
      (async () => {
        for await (const _ of fileChunks(file, 100)) throw new Error('stop');
      })(),
    ).rejects.toThrow('stop');
    expect(openFds()).toBe(before);
  });

  it('the engine reads a regular file itself, not through the source’s open()', async () => {
    const csv = join(dir, 'users.csv');
    writeFileSync(csv, `USER_ID,AGE,MEMBERSHIP\n${Array.from({ length: 50 }, (_, k) => `user-${k},${20 + k},gold`).join('\n')}\n`);
    const open = () => {
      throw new Error('open() was called');
    };
    const r = await validateCsv({ name: csv, path: csv, open }, { schema: schema('users.json'), datasetType: 'USERS', now: NOW, readBlock: 64 });
    expect(r.rows).toBe(50);
    expect(r.stats.uniqueUsers).toBe(50);
    expect(r.errors).toEqual([]);
  });
});

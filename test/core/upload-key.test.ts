import { describe, expect, it } from 'vitest';
import { randomSuffix, runId, uploadedObjectProblem, uploadKeyFor } from '../../src/core/upload-key.js';
import { checkImportSize, formatGb, GB, sizeLimitMessage } from '../../src/core/size-limit.js';
import { createWithFreshName, withRandomSuffix } from '../../src/job/name.js';
import { AppError } from '../../src/core/errors.js';

describe('upload keys (issue 18 item 2)', () => {
  it('prefix + name + run id (UTC time, 4 random characters), fixed for the process', () => {
    const id = runId();
    expect(id).toMatch(/^\d{8}-\d{6}-[a-km-np-z2-9]{4}$/);
    expect(runId()).toBe(id);
    expect(uploadKeyFor('daily/', 'events.csv', 'ID')).toBe('daily/events-ID.csv');
    expect(uploadKeyFor('', 'events.tar.csv', 'ID')).toBe('events.tar-ID.csv');
    expect(uploadKeyFor('', '.hidden', 'ID')).toBe('.hidden-ID');
    const many = new Set(Array.from({ length: 200 }, () => randomSuffix()));
    expect(many.size).toBeGreaterThan(190);
  });
  it('the object must still be what this run uploaded: size and ETag', () => {
    const u = { bucket: 'b', key: 'k', bytes: 10, etag: '"abc"' };
    expect(uploadedObjectProblem({ bucket: 'b', key: 'k', size: 10, etag: 'abc' }, u)).toBeUndefined();
    expect(uploadedObjectProblem(undefined, u)).toMatch(/s3:\/\/b\/k is gone/);
    expect(uploadedObjectProblem({ bucket: 'b', key: 'k', size: 11, etag: '"abc"' }, u)).toMatch(/now holds 11 bytes, this run uploaded 10/);
    expect(uploadedObjectProblem({ bucket: 'b', key: 'k', size: 10, etag: '"def"' }, u)).toMatch(/ETag def, this run's was abc/);
  });
});

describe('size limits before the upload (issue 18 item 17): 1 GB = 2^30 bytes', () => {
  it('exact bytes; a size just over the limit never prints as the limit', () => {
    expect(sizeLimitMessage(GB, 'INCREMENTAL')).toBeUndefined();
    const msg = sizeLimitMessage(GB + 1, 'INCREMENTAL')!;
    expect(msg).toContain('1,073,741,825 bytes');
    expect(msg).toContain('at most 1 GB (1,073,741,824 bytes; 1 GB = 2³⁰ bytes)');
    expect(msg).not.toMatch(/is 1\.00? GB/);
    expect(formatGb(2 * GB)).toBe('2.00 GB');
    expect(sizeLimitMessage(2 * GB, 'FULL')).toBeUndefined();
    expect(() => checkImportSize(2 * GB, 'INCREMENTAL', 'big.csv')).toThrow(/big\.csv is 2\.00 GB .*Nothing was uploaded/);
  });
});

describe('generated job names on a clash (issue 18 item 16)', () => {
  const clash = () => new AppError('conflict', 'exists', { awsName: 'ResourceAlreadyExistsException' });
  it('a generated name gets a random suffix and is tried again; a typed one never changes', async () => {
    const tried: string[] = [];
    const r = await createWithFreshName('shop-20261205-042616', true, async (n) => {
      tried.push(n);
      if (tried.length < 3) throw clash();
      return 'arn';
    });
    expect(r.result).toBe('arn');
    expect(tried[0]).toBe('shop-20261205-042616');
    expect(tried[1]).toMatch(/^shop-20261205-042616-[a-z2-9]{4}$/);
    expect(r.name).toBe(tried[2]);
    await expect(createWithFreshName('mine', false, async () => { throw clash(); })).rejects.toThrow('exists');
    await expect(createWithFreshName('gen', true, async () => { throw new AppError('access-denied', 'no'); })).rejects.toThrow('no');
    expect(withRandomSuffix('x'.repeat(63))).toHaveLength(63);
  });
});

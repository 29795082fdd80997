// Rows → User / Item / Event objects: camelCase keys, typed values, and the service's limits checked
// before anything is sent (pure; no sandbox needed).
import { describe, expect, it } from 'vitest';
import { batches, camelCase, converter, LIMITS, type Sendable } from '../../src/records/index.js';
import { schemaFromJson } from '../../src/validate/schema.js';

const schema = (name: string, fields: { name: string; type: string | string[]; categorical?: boolean }[]) => schemaFromJson({ type: 'record', name, fields });
const users = schema('Users', [{ name: 'USER_ID', type: 'string' }, { name: 'MEMBERSHIP', type: 'string', categorical: true }, { name: 'AGE', type: ['null', 'int'] }, { name: 'IS_VIP', type: ['null', 'boolean'] }]);
const items = schema('Items', [{ name: 'ITEM_ID', type: 'string' }, { name: 'DESCRIPTION', type: ['null', 'string'] }, { name: 'CATEGORY_L1', type: 'string', categorical: true }]);
const interactions = schema('Interactions', [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }, { name: 'EVENT_VALUE', type: ['null', 'float'] }, { name: 'DEVICE_TYPE', type: ['null', 'string'], categorical: true }]);

describe('records: conversion', () => {
  it('camelCases field names as the API expects', () => {
    expect(camelCase('NUMBER_OF_RATINGS')).toBe('numberOfRatings');
    expect(camelCase('CATEGORY_L1')).toBe('categoryL1');
    expect(camelCase('AGE')).toBe('age');
    expect(camelCase('creationTimestamp')).toBe('creationTimestamp');
  });

  it('users: typed properties as a JSON string, empty values left out, unknown columns ignored', () => {
    const c = converter('USERS', users, ['USER_ID', 'MEMBERSHIP', 'AGE', 'IS_VIP', 'NOTES']);
    expect(c.ignored).toEqual(['NOTES']);
    expect(c.convert(['u1', 'gold', '31', 'true', 'x'], 2)).toEqual({ ok: true, kind: 'USERS', line: 2, id: 'u1', record: { userId: 'u1', properties: '{"membership":"gold","age":31,"isVip":true}' } });
    expect(c.convert(['u2', 'silver', '', '', ''], 3)).toMatchObject({ ok: true, record: { userId: 'u2', properties: '{"membership":"silver"}' } });
    expect(c.convert(['u3', '', '', '', ''], 4)).toMatchObject({ ok: false, line: 4, reason: 'MEMBERSHIP is empty, and the schema does not allow null for it' });
  });

  it('checks the documented length limits before sending (users 4,096, items 24,262)', () => {
    const u = converter('USERS', users, ['USER_ID', 'MEMBERSHIP']);
    const r = u.convert(['u', 'm'.repeat(4100)], 7);
    expect(r).toMatchObject({ ok: false, line: 7, id: 'u' });
    expect(!r.ok && r.reason).toMatch(/4,1\d\d characters as JSON; PutUsers takes at most 4,096/);
    const i = converter('ITEMS', items, ['ITEM_ID', 'DESCRIPTION', 'CATEGORY_L1']);
    expect(i.convert(['i', 'd'.repeat(24_000), 'c'], 2).ok).toBe(true);
    const big = i.convert(['i', 'd'.repeat(24_300), 'c'], 3);
    expect(!big.ok && big.reason).toMatch(/PutItems takes at most 24,262/);
    expect(i.convert(['x'.repeat(257), '', 'c'], 4)).toMatchObject({ ok: false, reason: 'ITEM_ID is 257 characters; the API takes at most 256' });
  });

  it('interactions: members, metadata as properties (≤ 1024), seconds required', () => {
    const c = converter('INTERACTIONS', interactions, ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE', 'DEVICE_TYPE']);
    const ok = c.convert(['u1', 'i1', '1700000000', 'click', '1.5', 'phone'], 2);
    expect(ok).toEqual({ ok: true, kind: 'INTERACTIONS', line: 2, id: 'u1/i1/1700000000', userId: 'u1', sessionId: 'u1', record: { eventType: 'click', sentAt: new Date(1_700_000_000_000), itemId: 'i1', eventValue: 1.5, properties: '{"deviceType":"phone"}' } });
    expect(c.convert(['u1', 'i1', '1700000000000', 'click', '', ''], 3)).toMatchObject({ ok: false, reason: 'TIMESTAMP 1700000000000 looks like milliseconds; PutEvents takes seconds' });
    const long = c.convert(['u1', 'i1', '1700000000', 'click', '', 'p'.repeat(LIMITS.eventProperties)], 4);
    expect(!long.ok && long.reason).toMatch(/PutEvents takes at most 1,024 for an event/);
  });

  it('batches 10 a call; events one user (session) a call', () => {
    const c = converter('ITEMS', items, ['ITEM_ID', 'CATEGORY_L1']);
    const recs = Array.from({ length: 25 }, (_, i) => c.convert([`i${i}`, 'c'], i + 2)) as Sendable[];
    expect(batches(recs).map((b) => b.records.length)).toEqual([10, 10, 5]);
    const e = converter('INTERACTIONS', interactions, ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']);
    const evs = Array.from({ length: 14 }, (_, i) => e.convert([i % 2 ? 'a' : 'b', `i${i}`, '1700000000', 'click'], i + 2)) as Sendable[];
    expect(batches(evs).map((b) => [b.userId, b.records.length])).toEqual([['b', 7], ['a', 7]]);
  });
});

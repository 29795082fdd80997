// EVENT_TYPE values written again (src/fix/event-names.ts): in a Domain group the domain's event
// types in another letter case (view → View) without being asked, other names only as asked
// (eventNames: --event-names transaction=Purchase). A file that needs the case rule is fixed again,
// the fast lane's lines patched in place (the same length); names asked turn the lane off; a file
// that needs nothing keeps the lane in one pass — and every way writes the JS path's bytes.
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixFile, renderSummary, type FixOptions } from '../../src/fix/index.js';
import { fixLaneAvailable, fixLaneCounters } from '../../src/fix/lane.js';
import { caseOnly } from '../../src/fix/event-names.js';
import { parseSchema } from '../../src/validate/index.js';
import type * as Fix from '../../src/fix/index.js';
import type * as Validate from '../../src/validate/index.js';
import { builtFixer } from './built.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCHEMA_JSON = JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }],
});
const SCHEMA = parseSchema(SCHEMA_JSON, 'events');
const T0 = 1_433_221_371;
let k = 0;

/** a Retailrocket-like export: ms epochs (something to repair), `event(i)` the event of row i */
function file(n: number, event: (i: number) => string): { input: string; output: string } {
  let s = 'visitorid,itemid,timestamp,event\n';
  for (let i = 0; i < n; i++) s += `${i % 50},${100 + (i % 70)},${T0 + i}123,${event(i)}\n`;
  const base = join(dir, `f${k++}`);
  writeFileSync(`${base}.csv`, s);
  return { input: `${base}.csv`, output: `${base}.fixed.csv` };
}
const source = (path: string) => ({ name: path, path, open: () => createReadStream(path) });
const events = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[3]);
const RETAILROCKET = (i: number) => (i % 10 === 3 ? 'addtocart' : i % 25 === 7 ? 'transaction' : 'view');

async function fix(input: string, output: string, opts: Partial<FixOptions>, wasm = true) {
  const before = process.env.PERSONALIZE_IMPORT_NO_WASM;
  if (!wasm) process.env.PERSONALIZE_IMPORT_NO_WASM = '1';
  try {
    return await fixFile(source(input), SCHEMA, { output, datasetType: 'INTERACTIONS', ...opts });
  } finally {
    if (before === undefined) delete process.env.PERSONALIZE_IMPORT_NO_WASM;
    else process.env.PERSONALIZE_IMPORT_NO_WASM = before;
  }
}

describe('caseOnly', () => {
  it('the domain\'s spelling of its own types in another case; nothing for the spelling itself, other words, or no domain', () => {
    expect(caseOnly('view', 'ECOMMERCE')).toBe('View');
    expect(caseOnly('VIEW', 'ECOMMERCE')).toBe('View');
    expect(caseOnly('pUrChAsE', 'ECOMMERCE')).toBe('Purchase');
    expect(caseOnly('watch', 'VIDEO_ON_DEMAND')).toBe('Watch');
    expect(caseOnly('View', 'ECOMMERCE')).toBeUndefined();
    expect(caseOnly('watch', 'ECOMMERCE')).toBeUndefined();
    expect(caseOnly('transaction', 'ECOMMERCE')).toBeUndefined();
    expect(caseOnly('view', undefined)).toBeUndefined();
  });
});

describe('EVENT_TYPE in a Domain group', () => {
  it('view, VIEW and purchase written View and Purchase (quoted stays quoted); addtocart, transaction, View untouched; counted with an example; the copy has no DOMAIN_EVENT_TYPES', async () => {
    const forms = ['view', 'VIEW', 'View', 'purchase', '"view"', 'addtocart', 'transaction', 'Views'];
    const f = file(2000, (i) => forms[i % forms.length]);
    const r = await fix(f.input, f.output, { domain: 'ECOMMERCE' });
    expect(r.output).toBe(f.output);
    expect(events(f.output).slice(0, 8)).toEqual(['View', 'View', 'View', 'Purchase', '"View"', 'addtocart', 'transaction', 'Views']);
    const change = r.summary.changes.find((c) => c.kind === 'event-case');
    expect(change).toMatchObject({ label: "event types written as ECOMMERCE's recommenders count them", rows: 1000, values: 1000, example: { line: 2, column: 'EVENT_TYPE', before: 'view', after: 'View' } });
    expect(r.summary.changes.map((c) => c.kind)).not.toContain('event-name');
    expect(r.report?.warnings.map((w) => w.code)).not.toContain('DOMAIN_EVENT_TYPES');
    expect(renderSummary(r)).toContain("  event types written as ECOMMERCE's recommenders count them: 1,000 values in 1,000 rows\n    e.g. line 2, EVENT_TYPE: view → View\n");
  });

  it('VIDEO_ON_DEMAND: watch → Watch; a row set aside (its timestamp) is not counted', async () => {
    const f = file(30, (i) => (i % 2 ? 'watch' : 'Watch'));
    writeFileSync(f.input, readFileSync(f.input, 'utf8').replace(/\n(\d+,\d+,)\d+(,watch)\n/, '\n$1never$2\n'));
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output, rejects: `${f.output}.rejects`, datasetType: 'INTERACTIONS', domain: 'VIDEO_ON_DEMAND' });
    expect(r.summary.rejected).toBe(1);
    expect(new Set(events(f.output))).toEqual(new Set(['Watch']));
    expect(r.summary.changes.find((c) => c.kind === 'event-case')).toMatchObject({ rows: 14, values: 14, label: "event types written as VIDEO_ON_DEMAND's recommenders count them" });
  });

  it('a Custom group (no domain): nothing respelled', async () => {
    const f = file(200, RETAILROCKET);
    const r = await fix(f.input, f.output, {});
    expect(events(f.output)).toEqual(Array.from({ length: 200 }, (_, i) => RETAILROCKET(i)));
    expect(r.summary.changes.map((c) => c.kind).filter((c) => c.startsWith('event-'))).toEqual([]);
  });

  it('items in a Domain group: no EVENT_TYPE, nothing asked of it', async () => {
    const items = parseSchema(JSON.stringify({ type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'PRICE', type: 'float' }, { name: 'CATEGORY_L1', type: 'string', categorical: true }, { name: 'CREATION_TIMESTAMP', type: 'long' }] }), 'items');
    const input = join(dir, 'items.csv');
    writeFileSync(input, 'item_id,price,category_l1,creation_timestamp\ni1,1.5,view,1433221371\n');
    const r = await fixFile(source(input), items, { output: join(dir, 'items.fixed.csv'), datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    expect(readFileSync(join(dir, 'items.fixed.csv'), 'utf8')).toContain(',view,');
    expect(r.summary.changes.map((c) => c.kind)).toEqual(['header']);
  });
});

describe('--event-names (eventNames)', () => {
  it('transaction=Purchase: exact match only (Transaction stays), with or without a domain; counted apart from the case rule', async () => {
    const f = file(100, (i) => (i === 5 ? 'Transaction' : RETAILROCKET(i)));
    const r = await fix(f.input, f.output, { eventNames: { transaction: 'Purchase' } });
    const got = events(f.output);
    expect(got.filter((e) => e === 'Purchase')).toHaveLength(4);
    expect(got[5]).toBe('Transaction');
    expect(got).toContain('view');
    expect(r.summary.changes.find((c) => c.kind === 'event-name')).toMatchObject({ label: 'event types renamed as asked (--event-names)', rows: 4, values: 4, example: { line: 9, before: 'transaction', after: 'Purchase' } });
    expect(r.summary.changes.map((c) => c.kind)).not.toContain('event-case');

    const d = file(100, RETAILROCKET);
    const rd = await fix(d.input, d.output, { domain: 'ECOMMERCE', eventNames: { transaction: 'Purchase', addtocart: 'AddToCart' } });
    expect(new Set(events(d.output))).toEqual(new Set(['View', 'AddToCart', 'Purchase']));
    expect(rd.summary.changes.find((c) => c.kind === 'event-case')).toMatchObject({ values: 86 });
    expect(rd.summary.changes.find((c) => c.kind === 'event-name')).toMatchObject({ values: 14 });
  });

  it('a name the domain\'s rule would give otherwise: the one asked for wins (view=PageView)', async () => {
    const f = file(20, () => 'view');
    await fix(f.input, f.output, { domain: 'ECOMMERCE', eventNames: { view: 'PageView' } });
    expect(new Set(events(f.output))).toEqual(new Set(['PageView']));
  });
});

describe('the fast lane', () => {
  it('is in this build', () => expect(fixLaneAvailable()).toBe(true));

  for (const [name, opts, event] of [
    ['case rule', { domain: 'ECOMMERCE' }, RETAILROCKET],
    ['case rule, CR LF, quoted values and IDs with a comma', { domain: 'ECOMMERCE' }, (i: number) => (i % 7 === 0 ? '"view"' : i % 11 === 0 ? 'PURCHASE' : 'View')],
    ['names asked', { eventNames: { transaction: 'Purchase', view: 'PageView' } }, RETAILROCKET],
  ] as const) {
    it(`the same bytes and summary as the JS path (${name})`, async () => {
      const f = file(5000, event);
      // (and quoted item IDs holding a comma before EVENT_TYPE, every third row)
      if (name.includes('CR LF')) writeFileSync(f.input, readFileSync(f.input, 'utf8').replace(/\n(\d+),(\d+)(\d),/g, (m, u: string, a: string, b: string) => (Number(b) % 3 ? m : `\n${u},"${a},${b}",`)).replace(/\n/g, '\r\n'));
      const before = fixLaneCounters.lines;
      const lane = await fix(f.input, `${f.output}.lane`, opts, true);
      const laneLines = fixLaneCounters.lines - before;
      const js = await fix(f.input, `${f.output}.js`, opts, false);
      // the case rule: the lane's lines patched in place (both passes in the lane); names asked: the lane off
      if ('domain' in opts) expect(laneLines).toBeGreaterThan(5000);
      else expect(laneLines).toBe(0);
      expect(readFileSync(`${f.output}.lane`).equals(readFileSync(`${f.output}.js`))).toBe(true);
      expect({ ...lane.summary, output: '' }).toEqual({ ...js.summary, output: '' });
      expect(lane.summary.changes.some((c) => c.kind.startsWith('event-'))).toBe(true);
    });
  }

  it('a Domain group\'s file with nothing to respell keeps the lane (not every file slowed)', async () => {
    const f = file(5000, (i) => (i % 10 === 3 ? 'addtocart' : 'View'));
    const before = fixLaneCounters.lines;
    const r = await fix(f.input, f.output, { domain: 'ECOMMERCE' });
    expect(fixLaneCounters.lines - before).toBeGreaterThan(4000);
    // (one pass: each line through the lane once)
    expect(fixLaneCounters.lines - before).toBeLessThanOrEqual(5000);
    expect(r.summary.changes.map((c) => c.kind)).not.toContain('event-case');
  });
});

describe('on two threads (built)', () => {
  let built: { fix: typeof Fix; validate: typeof Validate; dir: string };
  beforeAll(async () => {
    built = await builtFixer('fix-events-par-');
  }, 60_000);

  it('the same bytes and counts as one thread, the case rule and the names asked both applied in each half', async () => {
    const f = file(40_000, RETAILROCKET);
    const schema = built.validate.parseSchema(SCHEMA_JSON, 'events');
    const run = (workers: number) => built.fix.fixFile({ name: f.input, path: f.input }, schema, { output: `${f.output}.${workers}`, workers, parallelMinBytes: 1 << 19, datasetType: 'INTERACTIONS', domain: 'ECOMMERCE', eventNames: { transaction: 'Purchase' } });
    const one = await run(1);
    const two = await run(2);
    expect(readFileSync(`${f.output}.2`).equals(readFileSync(`${f.output}.1`))).toBe(true);
    expect({ ...two.summary, output: '' }).toEqual({ ...one.summary, output: '' });
    expect(new Set(events(`${f.output}.2`))).toEqual(new Set(['View', 'addtocart', 'Purchase']));
    expect(two.summary.changes.find((c) => c.kind === 'event-case')?.values).toBe(34_400);
  }, 120_000);
});

// The fix step's EVENT_TYPE names in a new ECOMMERCE group (src/flow/machine/fix-events.ts): a
// Retailrocket export (view, addtocart, transaction). Fix and continue writes view as View by itself;
// the copy's DOMAIN_EVENT_TYPES then offers "Fix and continue: write transaction as Purchase" (the
// default stays: go on as it is), which fixes again from the original with that name. A valid file
// with only such names is offered both, "Continue with the file as it is" the default. Headless and plain.
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless, runPlain, type Script } from './harness.js';

const event = (i: number) => (i % 10 === 3 ? 'addtocart' : i % 25 === 7 ? 'transaction' : 'view');
const types = (path: string) => new Set(readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2]));

describe('DOMAIN_EVENT_TYPES at the fix step (a new ECOMMERCE group)', () => {
  const acct = emptyAccount();

  it('an export with ms epochs: Fix and continue writes View; on the copy "write transaction as Purchase" is offered (default: as it is), chosen → Purchase, ACTIVE; plain mode alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-events-'));
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, `timestamp,visitorid,event,itemid\n${Array.from({ length: 1500 }, (_, i) => `${1433221371000 + i * 997},${i % 60},${event(i)},${1000 + (i % 120)}`).join('\n')}\n`);
    const models: StepModel[] = [];
    const script = (name: string): Script => ({
      group: pickLabel('＋'), 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      fix: [{ pick: (m) => (models.push(m), m.default!) }, { pick: (m) => (models.push(m), 'fix-events') }],
    });
    const h = await runHeadless(acct.ports(), script('events-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked.filter((x) => x === 'fix')).toHaveLength(2);
    const [first, second] = models;
    expect(first.default).toBe('fix');
    expect(first.choices!.map((c) => c.value)).not.toContain('fix-events');
    expect(second.question).toMatch(/The file is valid, but the ECOMMERCE recommenders count event types it names otherwise \(transaction as Purchase\)/);
    expect(second.choices!.map((c) => c.value)).toEqual(['fix-events', 'as-is', 'again', 'quit']);
    expect(second.choices![0].label).toBe('Fix and continue: write transaction as Purchase');
    expect(second.default).toBe('as-is');
    // the answered line says what was chosen (it said "fix-events")
    expect(second.describe?.('fix-events')).toBe(`fix and continue, transaction as Purchase (${join(dir, 'events.fixed.csv')})`);
    expect(second.describe?.('as-is')).toBe('the file as it is');
    expect(h.state.answers.eventNames).toEqual({ transaction: 'Purchase' });
    const copy = join(dir, 'events.fixed.csv');
    expect(types(copy)).toEqual(new Set(['View', 'addtocart', 'Purchase']));
    expect(h.state.loaded.report?.warnings.map((w) => w.code)).not.toContain('DOMAIN_EVENT_TYPES');
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');

    const p = await runPlain(acct.ports(), script('events-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toContain('Fix and continue: write transaction as Purchase');
  });

  it('the names given beforehand (the wizard\'s --event-names transaction=Purchase): the first Fix and continue writes View and Purchase, nothing more asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-events-'));
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, `timestamp,visitorid,event,itemid\n${Array.from({ length: 1500 }, (_, i) => `${1433221371000 + i * 997},${i % 60},${event(i)},${1000 + (i % 120)}`).join('\n')}\n`);
    const models: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'events-given' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      fix: { pick: (m) => (models.push(m), m.default!) },
    }, { answers: { eventNames: { transaction: 'Purchase' } } });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked.filter((x) => x === 'fix')).toHaveLength(1);
    expect(models[0].default).toBe('fix');
    expect(types(join(dir, 'events.fixed.csv'))).toEqual(new Set(['View', 'addtocart', 'Purchase']));
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
  });

  it('a valid file whose event types only are named otherwise: both renames offered, Enter goes on with it as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-events-'));
    const csv = join(dir, 'valid.csv');
    writeFileSync(csv, `USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n${Array.from({ length: 1500 }, (_, i) => `u${i % 60},i${i % 120},${event(i)},${1433221371 + i}`).join('\n')}\n`);
    const models: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'events-valid' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      fix: { pick: (m) => (models.push(m), m.default!) }, review: { pick: 'quit' },
    });
    const [m] = models;
    expect(m.choices!.map((c) => [c.value, c.label])).toEqual([
      ['fix', 'Fix and continue: write view as View'],
      ['fix-events', 'Fix and continue: write view as View, transaction as Purchase'],
      ['as-is', 'Continue with the file as it is'],
      ['again', 'Pick another file'],
      ['quit', 'Quit (fix the file yourself)'],
    ]);
    expect(m.default).toBe('as-is');
    expect(h.state.answers.source).toEqual({ kind: 'local', path: csv });
    expect(h.asked.filter((x) => x === 'fix')).toHaveLength(1);

    // the names given beforehand (--event-names transaction=Purchase) are the user's word: their
    // rename is the default, and Enter writes the copy with it
    const given: StepModel[] = [];
    const g = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'events-valid-given' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      fix: { pick: (x) => (given.push(x), x.default!) }, review: { pick: 'quit' },
    }, { answers: { eventNames: { transaction: 'Purchase' } } });
    expect(given[0].choices![0]).toMatchObject({ value: 'fix', label: 'Fix and continue: write view as View, transaction as Purchase' });
    expect(given[0].default).toBe('fix');
    expect(g.state.answers.source).toEqual({ kind: 'local', path: join(dir, 'valid.fixed.csv') });
    expect(types(join(dir, 'valid.fixed.csv'))).toEqual(new Set(['View', 'addtocart', 'Purchase']));
  });
});

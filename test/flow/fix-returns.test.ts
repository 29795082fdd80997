// "Fix and continue" on an order export whose USER_ID is written 13085.0 and some of whose rows are
// returns (a negative Quantity): on the step machine over the sandbox, headless and through plain
// mode's numbered prompts. "…returns and cancellations set aside" lists them at the fix-rejects
// question and, agreed, the copy holds neither the returns nor a decimal ID; plain "Fix and
// continue" keeps the returns and still writes the IDs as whole numbers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { EPOCH0 } from '../helpers/messy-csv.js';
import { portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';
import type { StepModel } from '../../src/flow/machine/types.js';
import { idsAsIs, idsQuestion } from '../../src/flow/machine/retail-lines.js';
import type { Issue } from '../../src/validate/issues.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

/** 1,200 purchases (ISO dates and a lower-case header: the fixer repairs them), every 25th a return */
function orders() {
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-returns-'));
  const file = join(dir, 'orders.csv');
  let s = 'user_id,item_id,timestamp,event_type,event_value,Quantity\n';
  for (let i = 0; i < 1200; i++) s += `${13000 + (i % 40)}.0,i${i % 90},${new Date((EPOCH0 + i) * 1000).toISOString().replace('.000Z', 'Z')},purchase,1,${i % 25 === 3 ? -1 : 2}\n`;
  writeFileSync(file, s);
  return { file, fixed: join(dir, 'orders.fixed.csv'), rejects: join(dir, 'orders.rejects.csv') };
}

describe('Fix and continue: returns and decimal IDs', () => {
  it('"…returns and cancellations set aside", then agreed at the rejects question: the copy without them, its IDs whole; plain mode alike', async () => {
    const f = orders();
    let question = '';
    const script: Script = { csv: { type: f.file }, fix: { pick: 'fix-returns' }, 'fix-rejects': { pick: (m) => ((question = m.question), m.default!) }, review: { pick: 'quit' } };
    const h = await runHeadless(ports, script);
    expect(question).toMatch(/^48 rows are returns or cancellations \(lines 5, 30, 55,/);
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    const rows = readFileSync(f.fixed, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1153);
    expect(rows[1]).toMatch(/^13000,i0,\d+,purchase,1,2$/);
    expect(rows.some((l) => l.endsWith(',-1') || /^\d+\.0,/.test(l))).toBe(false);
    expect(readFileSync(f.rejects, 'utf8').split('\n')[1]).toMatch(/^5,"a return \(Quantity negative\), not a purchase: set aside as asked",/);
    expect(h.state.loaded.report?.warnings.map((w) => w.code)).not.toContain('ORDERS_NOT_BOUGHT');
    const p = await runPlain(ports, script);
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/\d\) Fix and continue, returns and cancellations set aside/);
  });

  it('"Fix and continue": the returns kept (the copy still warns of them), the IDs written whole', async () => {
    const f = orders();
    const h = await runHeadless(ports, { csv: { type: f.file }, fix: 'enter', review: { pick: 'quit' } });
    expect(h.asked).not.toContain('fix-rejects');
    const rows = readFileSync(f.fixed, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1201);
    expect(rows[4]).toMatch(/^13003,i3,\d+,purchase,1,-1$/);
    expect(h.state.loaded.report?.warnings.find((w) => w.code === 'ORDERS_NOT_BOUGHT')?.message).toMatch(/^Line 5: 48 rows are returns or cancellations \(negative Quantity -1\)/);
  });

  it('a valid file whose IDs are all 13085.0 and some ITEM_IDs padded (" i7"): the fix is offered to write them whole and trimmed (import --fix: the copy), "as it is" goes on — and import without --fix goes on as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-decimal-ids-'));
    const file = join(dir, 'events.csv');
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 1200; i++) s += `${13000 + (i % 40)}.0,${i % 100 === 7 ? ' ' : ''}i${i % 90},${EPOCH0 + i},click,1\n`;
    writeFileSync(file, s);
    let asked: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: file }, fix: { pick: (m) => ((asked = m), m.default!) }, review: { pick: 'quit' } });
    expect(asked?.question).toBe('The file is valid, but its USER_ID values are all written as decimals (13085.0), and 12 of its ITEM_ID values have spaces around them (" i7"). Write a copy with them whole and trimmed?');
    expect(asked?.lines?.map((l) => l.text)).toContain('The copy trims the spaces around the IDs of ITEM_ID (" i7" → i7): Personalize would take " i7" for another ID than i7.');
    expect(asked?.choices?.map((c) => c.value)).toEqual(['fix', 'as-is', 'again', 'quit']);
    // `import` without --fix answers "as it is": a valid file is not stopped
    expect(asked?.unattended).toEqual({ value: 'as-is' });
    const copy = readFileSync(join(dir, 'events.fixed.csv'), 'utf8').split('\n');
    expect(copy[1]).toBe(`13000,i0,${EPOCH0},click,1`);
    expect(copy[8]).toBe(`13007,i7,${EPOCH0 + 7},click,1`);
    expect(h.state.loaded.report?.warnings.map((w) => w.code)).not.toContain('ID_SPACES');
    expect(h.asked.filter((x) => x === 'fix')).toHaveLength(1);
    const kept = await runHeadless(ports, { csv: { type: file }, fix: { pick: 'as-is' }, review: { pick: 'quit' } });
    expect(kept.state.answers.source).toEqual({ kind: 'local', path: file });
    expect(kept.asked.filter((x) => x === 'fix')).toHaveLength(1);
    expect(kept.asked).toContain('review');
  });

  it('padded IDs alone: the question names the column, how many and the value; "as it is" says what Personalize would take', () => {
    const pad = (column: string, message: string): Issue => ({ code: 'ID_SPACES', severity: 'warning', line: 3, column, message });
    const one = [pad('USER_ID', 'Line 3, column USER_ID: "\\t42 " has spaces and tabs before and after it, the only such ID of the column. …')];
    expect(idsQuestion(one)).toBe('The file is valid, but one of its USER_ID values has spaces around it ("\\t42 "). Write a copy with them trimmed?');
    expect(idsAsIs(one)).toBe('the IDs imported as written: "\\t42 " is another ID than "42"');
    const two = [pad('USER_ID', 'Line 3, column USER_ID: " 1" has a space before it, and so do 1,204 IDs of the column in all. …'), pad('ITEM_ID', 'Line 9, column ITEM_ID: "i " has a space after it, the only such ID of the column. …')];
    expect(idsQuestion(two)).toBe('The file is valid, but its USER_ID and ITEM_ID values include IDs with spaces around them. Write a copy with them trimmed?');
    expect(idsQuestion(two.slice(0, 1))).toContain('1,204 of its USER_ID values have spaces around them (" 1")');
  });
});

// "How are the dates written?" (steps-dates.ts) on the step machine: an export whose dates are in
// numbers only (01.11.2026 10:00) is asked the order once, after the validation and before "Fix and
// continue"; the file's own proof (13.11.2026: day first) is the default and the reason shown, a file
// that proves nothing has no default; the fix reads with the answer, the review names it; --dates
// answers it (not asked). Headless and through plain mode's numbered prompts, against the sandbox.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateEvidence, provenOrder } from '../../src/flow/date-order.js';
import type { FlowEvent, StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { dayFirstCsv } from '../helpers/messy-csv.js';
import { ROWS } from './rows.js';
import { portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

const p2 = (n: number) => String(n).padStart(2, '0');
/** 1,200 distinct interactions of 40 users over `days` of November 2026, written by `write` */
function datesFile(days: number[], write: (d: number, h: number, m: number) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-dates-'));
  const file = join(dir, 'export.csv');
  const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${write(days[Math.floor(i / 10) % days.length], Math.floor(i / 60) % 24, i % 60)},${i % 5 ? 'click' : 'purchase'}`);
  writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`);
  return { file, fixed: join(dir, 'export.fixed.csv') };
}
const dayFirst = (d: number, h: number, m: number) => `${p2(d)}.11.2026 ${p2(h)}:${p2(m)}`;
const epoch = (month: number, d: number, h = 0, m = 0) => Date.UTC(2026, month - 1, d, h, m) / 1000;
const evidence = (text: string, column = 'TIMESTAMP') => dateEvidence(Readable.from([Buffer.from(text)]), column);

describe('dateEvidence: what the file says about day and month', () => {
  it('a value over 12 first proves day first, over 12 second month first; the first value either reads is the example; ≤ 12 everywhere proves nothing', async () => {
    const df = await evidence('USER_ID;TIMESTAMP\nu1;01.11.2026 10:00\nu2;02.11.2026\nu3;13.11.2026 09:30\n');
    expect(df.example).toMatchObject({ value: '01.11.2026 10:00', line: 2, dayFirst: '1 November', monthFirst: '11 January' });
    expect(df.dayFirst).toMatchObject({ value: '13.11.2026 09:30', line: 4 });
    expect(provenOrder(df)).toBe('day-first');
    const mf = await evidence('TIMESTAMP,USER_ID\n11/01/2026 10:00,u1\n11/13/2026,u2');
    expect(provenOrder(mf)).toBe('month-first');
    expect(mf.monthFirst).toMatchObject({ value: '11/13/2026', line: 3, monthFirst: '13 November' });
    const none = await evidence('USER_ID,TIMESTAMP\nu1,01.11.2026\nu2,12.01.2026\n');
    expect(provenOrder(none)).toBeUndefined();
    expect(none.whole).toBe(true);
    // both: no order reads them all, none is proven
    const both = await evidence('USER_ID,TIMESTAMP\nu1,13.11.2026\nu2,11/13/2026\n');
    expect(both.dayFirst && both.monthFirst).toBeTruthy();
    expect(provenOrder(both)).toBeUndefined();
    // the example is one whose day and month differ (01.01.2026 reads the same both ways: it tells nothing)
    expect((await evidence('USER_ID,TIMESTAMP\nu1,01.01.2026\nu2,03.03.2026\nu3,01.02.2026\nu4,02.01.2026\n')).example).toMatchObject({ value: '01.02.2026', line: 4, dayFirst: '1 February', monthFirst: '2 January' });
    expect((await evidence('USER_ID,TIMESTAMP\nu1,01.01.2026\n')).example).toMatchObject({ value: '01.01.2026' });
    // the column is the one named (a date in another column says nothing)
    expect(provenOrder(await evidence('USER_ID,CREATED,TIMESTAMP\nu1,13.11.2026,01.02.2026\n'))).toBeUndefined();
    // the header cell read, as the file writes it (the question names it beside the copy's TIMESTAMP)
    const found = await dateEvidence(Readable.from([Buffer.from('Invoice,"InvoiceDate",Price\n1,12/1/2009 7:52,2.5\n')]), (cells) => cells.findIndex((c) => c === 'InvoiceDate'));
    expect(found.column).toBe('InvoiceDate');
  });
});

describe('How are the dates written? (the dates step)', () => {
  it('day first in numbers, 13.11.2026 on line 32: asked once with day first the default and that line as the reason; Enter, Fix and continue → the copy in epoch seconds, the review names the order; the findings say no "pass --dates"', async () => {
    const f = datesFile([1, 2, 3, 13, 14, 15], dayFirst);
    let model: StepModel | undefined;
    let rows: [string, string][] = [];
    const script: Script = { csv: { type: f.file }, dates: { pick: (m) => ((model = m), m.default!) }, review: { pick: (m) => ((rows = m.rows!), 'quit') } };
    const h = await runHeadless(ports, script);
    expect(h.asked.slice(0, 5)).toEqual(['group', 'dataset', 'csv', 'dates', 'fix']);
    expect(h.asked.filter((x) => x === 'dates')).toHaveLength(1);
    expect(model!.question).toBe('How are the dates written? 01.11.2026 is:');
    expect(model!.choices!.map((c) => c.label)).toEqual(['1 November (day first)', '11 January (month first)']);
    expect(model!.default).toBe('day-first');
    expect(model!.choices![1].description).toBe('13.11.2026 00:30 (line 32) and every date like it would be set aside');
    const said = model!.lines.map((l) => l.text).join('\n');
    expect(said).toContain('13.11.2026 00:30 (line 32) can only be 13 November: the day first in this file.');
    expect(said).not.toMatch(/--dates/);
    expect(h.state.answers.dateOrder).toBe('day-first');
    // the first report (shown above the question) says what the value could be, not which flag to pass
    const first = h.events.find((e): e is Extract<FlowEvent, { type: 'validated' }> => e.type === 'validated')!;
    expect(first.report.errors[0].message).toMatch(/01\.11\.2026 could be 1 November or 11 January\.( |$)/);
    expect(first.report.errors.map((e) => e.message).join(' ')).not.toMatch(/--dates/);
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    expect(readFileSync(f.fixed, 'utf8').split('\n')[1]).toBe(`u0,i0,${epoch(11, 1)},purchase`);
    expect(rows).toContainEqual(['Dates', 'day first (01.11.2026 = 1 November) → epoch seconds in the copy']);
    expect(h.events.some((e) => e.type === 'answered' && e.step === 'dates')).toBe(false);
  });

  it('every day ≤ 12: no default (the file does not decide); month first chosen → 01.11.2026 is 11 January in the copy; plain mode asks the same and reaches the same copy', async () => {
    const f = datesFile([1, 2, 3, 4, 5, 6], dayFirst);
    let model: StepModel | undefined;
    const script: Script = { csv: { type: f.file }, dates: { pick: (m) => ((model = m), 'month-first') }, review: { pick: 'quit' } };
    const h = await runHeadless(ports, script);
    expect(model!.default).toBeUndefined();
    expect(model!.lines.map((l) => l.text).join('\n')).toContain('No date in the file decides it');
    expect(h.state.answers.dateOrder).toBe('month-first');
    expect(readFileSync(f.fixed, 'utf8').split('\n')[1]).toBe(`u0,i0,${epoch(1, 11)},purchase`);

    const g = datesFile([1, 2, 3, 4, 5, 6], dayFirst);
    const pl = await runPlain(ports, { csv: { type: g.file }, dates: { pick: 'month-first' }, review: { pick: 'quit' } });
    expect(pl.asked.slice(0, 5)).toEqual(['group', 'dataset', 'csv', 'dates', 'fix']);
    const text = pl.text!.replace(/\s+/g, ' ');
    expect(text).toContain('How are the dates written? 01.11.2026 is: 1) 1 November (day first) — DD.MM.YYYY, DD/MM/YYYY: most of Europe 2) 11 January (month first)');
    // no default: Enter alone does not answer it
    expect(text).toContain('Choose 1-2 (< back)');
    expect(text).not.toMatch(/pass --dates/);
    expect(text).toMatch(/Dates +month first \(01\.11\.2026 = 11 January\) → epoch seconds in the copy/);
    expect(readFileSync(g.fixed, 'utf8')).toBe(readFileSync(f.fixed, 'utf8'));
  });

  it('Esc at "Fix and continue" asks the order again; the second answer is the one the fix reads with — headless and plain mode reach the same copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-dates-esc-'));
    writeFileSync(join(dir, 'a.csv'), dayFirstCsv([1, 2, 3, 4, 5, 6]));
    writeFileSync(join(dir, 'b.csv'), dayFirstCsv([1, 2, 3, 4, 5, 6]));
    const h = await runHeadless(ports, ROWS.datesChanged(join(dir, 'a.csv')));
    expect(h.asked.slice(0, 7)).toEqual(['group', 'dataset', 'csv', 'dates', 'fix', 'dates', 'fix']);
    expect(h.state.answers.dateOrder).toBe('month-first');
    expect(readFileSync(join(dir, 'a.fixed.csv'), 'utf8').split('\n')[1]).toBe(`u0,i0,${epoch(1, 11)},purchase`);
    const pl = await runPlain(ports, ROWS.datesChanged(join(dir, 'b.csv')));
    expect(pl.asked.slice(0, 7)).toEqual(h.asked.slice(0, 7));
    expect(readFileSync(join(dir, 'b.fixed.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a.fixed.csv'), 'utf8'));
  });

  it('--dates given (the wizard\'s, plain mode\'s or import\'s flag): not asked, shown as answered from --dates, and the fix reads with it', async () => {
    const f = datesFile([1, 2, 3, 4, 5, 6], dayFirst);
    const h = await runHeadless(ports, { csv: { type: f.file }, review: { pick: 'quit' } }, { answers: { dateOrder: 'day-first' }, presetFrom: { dates: '--dates' } });
    expect(h.asked).not.toContain('dates');
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'answered', step: 'dates', label: 'Dates', value: 'day first (01.11.2026 = 1 November)', from: '--dates' }));
    expect(readFileSync(f.fixed, 'utf8').split('\n')[1]).toBe(`u0,i0,${epoch(11, 1)},purchase`);
  });

  it('month first (11/13/2026 on a later line): month first is the default; a value no order reads at all is not asked about', async () => {
    const f = datesFile([1, 2, 13, 20], (d, h, m) => `11/${p2(d)}/2026 ${p2(h)}:${p2(m)}`);
    let model: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: f.file }, dates: { pick: (m) => ((model = m), m.default!) }, review: { pick: 'quit' } });
    expect(model!.default).toBe('month-first');
    expect(model!.choices!.map((c) => c.label)).toEqual(['11 January (day first)', '1 November (month first)']);
    expect(readFileSync(f.fixed, 'utf8').split('\n')[1]).toBe(`u0,i0,${epoch(11, 1)},purchase`);
    expect(h.state.answers.dateOrder).toBe('month-first');
    // an ISO file has nothing to ask
    const iso = datesFile([1, 2], (d, hh, m) => `2026-11-${p2(d)} ${p2(hh)}:${p2(m)}`);
    const i = await runHeadless(ports, { csv: { type: iso.file }, review: { pick: 'quit' } });
    expect(i.asked).not.toContain('dates');
    expect(i.asked).toContain('fix');
  });

  it('a ";" file with its own header names and day-first dates: the validation stops at the separator, so the fixer finds the dates — the order is asked then (not every row to the rejects file), and the fix runs again with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-dates-sc-'));
    const file = join(dir, 'bestellungen.csv');
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40};i${i % 90};${dayFirst([1, 2, 13, 14][Math.floor(i / 10) % 4], Math.floor(i / 60) % 24, i % 60)};${i % 5 ? 'click' : 'purchase'}`);
    writeFileSync(file, `User Id;Product SKU;Date;Action\r\n${rows.join('\r\n')}\r\n`);
    let model: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: file }, dates: { pick: (m) => ((model = m), m.default!) }, review: { pick: 'quit' } });
    // fix (the separator, the header), the dates asked, then the fix runs again with the order (not asked twice), never the rejects question
    expect(h.asked.filter((x) => ['fix', 'dates', 'fix-rejects'].includes(x))).toEqual(['fix', 'dates']);
    expect(model!.question).toBe('How are the dates written? 01.11.2026 is:');
    expect(model!.default).toBe('day-first');
    expect(model!.lines.map((l) => l.text).join('\n')).toMatch(/13\.11\.2026 \d\d:\d\d \(line \d+\) can only be 13 November: the day first in this file\./);
    expect(h.state.answers.dateOrder).toBe('day-first');
    const copy = readFileSync(join(dir, 'bestellungen.fixed.csv'), 'utf8').split(/\r?\n/);
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(copy[1]).toBe(`u0,i0,${epoch(11, 1)},purchase`);
    expect(copy.filter(Boolean)).toHaveLength(1201);
    expect(h.state.loaded.report?.valid).toBe(true);
  });

  it('import without --dates on that file: the order is not guessed and not asked again — every row cannot be fixed, so setting them aside is refused (nothing left to import): exit 1, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-dates-sc-'));
    const file = join(dir, 'bestellungen.csv');
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40};i${i % 90};${dayFirst([1, 2, 13, 14][Math.floor(i / 10) % 4], 1, i % 60)};click`);
    writeFileSync(file, `User Id;Product SKU;Date;Action\n${rows.join('\n')}\n`);
    // the rejects question as `import --fix --fix-rejects` answers it; the dates question as `import` without --dates
    const h = await runHeadless(ports, { csv: { type: file }, dates: { type: 'unsaid' }, 'fix-rejects': { type: 'rejects' } });
    expect(h.asked.filter((x) => ['fix', 'dates', 'fix-rejects'].includes(x))).toEqual(['fix', 'dates', 'fix-rejects']);
    expect(h.end.exitCode).toBe(1);
    expect(h.end.lines.join('\n')).toMatch(/^Every row of .*bestellungen\.csv \(1,200\) cannot be fixed \(lines 2, 3, 4, .*setting them aside would leave nothing to import; nothing was written, uploaded or created\. Their dates are written in numbers only \(01\.11\.2026 01:00\): pass --dates day-first or --dates month-first with --fix to convert them\.$/m);
    expect(existsSync(join(dir, 'bestellungen.fixed.csv'))).toBe(false);
    expect(existsSync(join(dir, 'bestellungen.rejects.csv'))).toBe(false);
  });
});

// "Fix and continue" on a file whose TIMESTAMP is a spreadsheet's dates (Excel's serial dates): on
// the step machine over the sandbox, headless and through plain mode's numbered prompts. A valid file
// of whole days (45000: times on 1 January 1970 as epoch seconds) is offered the fix, as IDs written
// 13085.0 are; an invalid one (45000.5208) says what the copy does with them; either way the copy
// holds epoch seconds of those dates.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { portsFor, runHeadless, runPlain, type TestPorts } from './harness.js';
import type { StepModel } from '../../src/flow/machine/types.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

/** 2023-03-15T00:00:00Z, Excel's 45000 */
const DAY = 1678838400;

function sheet(ts: (i: number) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-serial-'));
  const file = join(dir, 'events.csv');
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
  for (let i = 0; i < 1200; i++) s += `u${i % 40},i${i % 90},${ts(i)},click,1\n`;
  writeFileSync(file, s);
  return { file, fixed: join(dir, 'events.fixed.csv') };
}

describe("Fix and continue: a spreadsheet's dates", () => {
  it('a valid file of whole days: the fix is offered (as epoch seconds), the copy holds them; "as it is" goes on; plain mode alike; import without --fix goes on as it is', async () => {
    const f = sheet((i) => String(45000 + (i >> 6)));
    let asked: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: f.file }, fix: { pick: (m) => ((asked = m), m.default!) }, review: { pick: 'quit' } });
    expect(asked?.question).toBe("The file is valid, but its TIMESTAMP values are a spreadsheet's dates (45000), not epoch seconds. Write a copy with them as epoch seconds?");
    expect(asked?.lines?.map((l) => l.text)).toContain(`The copy writes the dates of TIMESTAMP as epoch seconds (45000 → ${DAY}, read as UTC): they are a spreadsheet's dates (Excel's serial dates), which Personalize would read as times on 1 January 1970.`);
    expect(asked?.choices?.map((c) => c.value)).toEqual(['fix', 'as-is', 'again', 'quit']);
    expect(asked?.choices?.find((c) => c.value === 'as-is')?.description).toBe('the dates imported as written: as epoch seconds they are times on 1 January 1970');
    expect(asked?.unattended).toEqual({ value: 'as-is' });
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    const copy = readFileSync(f.fixed, 'utf8').split('\n');
    expect(copy[1]).toBe(`u0,i0,${DAY},click,1`);
    expect(copy[1200]).toBe(`u39,i29,${DAY + 18 * 86400},click,1`);
    expect(h.state.loaded.report?.valid).toBe(true);
    expect(h.state.loaded.report?.warnings.map((w) => w.code)).not.toContain('TIMESTAMP_ANCIENT');
    expect(h.asked.filter((x) => x === 'fix')).toHaveLength(1);
    const p = await runPlain(ports, { csv: { type: f.file }, fix: 'enter', review: { pick: 'quit' } });
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/\d\) Continue with the file as it is/);
    const kept = await runHeadless(ports, { csv: { type: f.file }, fix: { pick: 'as-is' }, review: { pick: 'quit' } });
    expect(kept.state.answers.source).toEqual({ kind: 'local', path: f.file });
  });

  it('an invalid file of dates and times (45000.5208333333, some at midnight: 45001): "Fix and continue" says what it writes, and the copy holds every one as epoch seconds', async () => {
    const f = sheet((i) => (i % 5 === 4 ? String(45001 + (i >> 6)) : `${45000 + (i >> 6)}.5208333333`));
    let asked: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: f.file }, fix: { pick: (m) => ((asked = m), m.default!) }, review: { pick: 'quit' } });
    expect(asked?.question).toBe('Every error is one the fixer repairs. What now?');
    expect(asked?.lines?.map((l) => l.text)).toContain(`The copy writes the dates of TIMESTAMP as epoch seconds (45000.5208333333 → ${DAY + 45000}, read as UTC): they are a spreadsheet's dates (Excel's serial dates), which Personalize would read as times on 1 January 1970.`);
    const copy = readFileSync(f.fixed, 'utf8').split('\n');
    expect(copy[1]).toBe(`u0,i0,${DAY + 45000},click,1`);
    expect(copy[5]).toBe(`u4,i4,${DAY + 86400},click,1`);
    expect(h.state.loaded.report?.valid).toBe(true);
    expect(h.state.loaded.report?.warnings.map((w) => w.code)).not.toContain('TIMESTAMP_ANCIENT');
  });
});

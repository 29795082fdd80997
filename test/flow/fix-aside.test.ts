// A file whose only errors are rows the fixer sets aside (1,500 interactions, USER_ID empty on line
// 702, some USER_IDs padded " u29"): the fix step offers "Set aside 1 row and continue" — before, no
// fix was offered at all — and, chosen, writes the copy without the row (the padded IDs trimmed in
// it) and the row to the rejects file, without asking again, and goes on with the copy. The step
// machine over the sandbox, headless and through plain mode's numbered prompts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { asideCsv } from '../helpers/aside-csv.js';
import { portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';
import type { StepModel } from '../../src/flow/machine/types.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

describe('rows to set aside as the only errors', () => {
  it('"Set aside 1 row and continue": the copy without line 702, its IDs trimmed, the row in the rejects file, not asked again; plain mode alike', async () => {
    const f = asideCsv();
    let asked: StepModel | undefined;
    const script: Script = { csv: { type: f.file }, fix: { pick: (m) => ((asked = m), m.default!) }, review: { pick: 'quit' } };
    const h = await runHeadless(ports, script);
    expect(asked?.choices?.map((c) => c.value)).toEqual(['fix-aside', 'again', 'quit']);
    expect(asked?.lines?.map((l) => l.text)).toContain('Set aside: line 702 (column USER_ID: empty).');
    expect(asked?.unattended).toEqual({ value: 'no-fix' });
    expect(h.asked).not.toContain('fix-rejects');
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    expect(h.state.loaded.report?.valid).toBe(true);
    const rows = readFileSync(f.fixed, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1500);
    expect(rows[30]).toMatch(/^u29,i29,/);
    expect(rows.some((l) => l.startsWith(' ') || l.startsWith(','))).toBe(false);
    expect(readFileSync(f.rejects, 'utf8').split('\n')[1]).toMatch(/^702,/);
    expect(h.state.loaded.report?.warnings.map((w) => w.code)).not.toContain('ID_SPACES');

    const g = asideCsv();
    const p = await runPlain(ports, { ...script, csv: { type: g.file } });
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/1\) Set aside 1 row and continue/);
    expect(readFileSync(g.rejects, 'utf8').split('\n')[1]).toMatch(/^702,/);
  });

  it('Quit: the message names the line, the choice passed over and the fix command', async () => {
    const f = asideCsv();
    const h = await runHeadless(ports, { csv: { type: f.file }, fix: { pick: 'quit' } });
    expect(h.end.exitCode).toBe(1);
    expect(h.end.lines?.[0]).toMatch(/^The CSV's only errors are a row that cannot be imported as written \(line 702\); nothing was uploaded or created\. “Set aside 1 row and continue” writes a copy without it and imports it; personalize-import fix \S*events\.csv --dataset-arn \S+ --sandbox --rejects \S*events\.rejects\.csv writes it alone, that row set aside\.$/);
  });
});

// "Which column holds TIMESTAMP?" after "Fix and continue" into a dataset that exists (steps-fix-name.ts):
// a German shop's export (Kunden-Nr;Artikel-Nr;Datum;Aktion;;; — Excel's trailing separators, dates
// in numbers only) whose Datum and Aktion the fixer cannot place. Before, the run ended: "The CSV
// cannot be fixed … Name the column with --map column=FIELD", a flag the wizard has no place for.
// Headless and plain, against the sandbox over loopback; `import` (no one to ask) still ends, exit 1.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';

const sb = withSandbox({ jobSeconds: 0 });
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
let ports: TestPorts;
beforeAll(async () => {
  expect(existsSync(CLI), 'run npm run build first').toBe(true);
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

function germanExport(): { file: string; fixed: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-fix-name-'));
  const file = join(dir, 'export.csv');
  const rows = Array.from({ length: 1300 }, (_, i) => `K${i % 70};A${i % 150};${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.2025;${['Ansicht', 'Kauf', 'Warenkorb'][i % 3]};;;`);
  writeFileSync(file, `Kunden-Nr;Artikel-Nr;Datum;Aktion;;;\r\n${rows.join('\r\n')}\r\n`);
  return { file, fixed: join(dir, 'export.fixed.csv') };
}

describe('Fix and continue: the columns the fixer cannot place are asked', () => {
  it('Datum → TIMESTAMP, Aktion → EVENT_TYPE (the likeliest first), the dates order, the copy without the unnamed columns → the review', async () => {
    const f = germanExport();
    const asks: StepModel[] = [];
    const ask = { pick: (m: StepModel) => (asks.push(m), m.default!) };
    const script: Script = { csv: { type: f.file }, 'fix-name': [ask, ask], review: { pick: 'quit' } };
    const h = await runHeadless(ports, script);
    expect(asks.map((m) => m.question)).toEqual(['Which column of ' + f.file + ' holds TIMESTAMP?', 'Which column of ' + f.file + ' holds EVENT_TYPE?']);
    expect(asks.map((m) => m.choices!.map((c) => c.value))).toEqual([['column:Datum', 'column:Aktion', 'none'], ['column:Aktion', 'none']]);
    expect(asks[0].lines[0].text).toMatch(/has no column for TIMESTAMP, EVENT_TYPE \(it has Datum, Aktion besides the fields it names\)/);
    // no flag in the wizard's words
    expect(asks.flatMap((m) => m.lines.map((l) => l.text)).join('\n')).not.toMatch(/--map/);
    expect(h.state.answers.headerMap).toEqual({ Datum: 'TIMESTAMP', Aktion: 'EVENT_TYPE' });
    // the dates question came after (numbers only, day first proven by 13.01.2025 …), then the copy
    expect(h.asked.slice(h.asked.indexOf('fix'))).toEqual(expect.arrayContaining(['fix', 'fix-name', 'fix-name', 'dates']));
    const copy = readFileSync(f.fixed, 'utf8').split(/\r?\n/);
    // the trailing separators' columns (no name) are gone: two of them were a duplicate column
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(copy[1]).toBe('K0,A0,1735689600,Ansicht');
    expect(h.state.loaded.report?.errors).toEqual([]);
    expect(h.end.reason).toBe('quit');
    expect(h.asked).toContain('review');
    // plain mode: the same questions and answers
    const g = germanExport();
    const p = await runPlain(ports, { csv: { type: g.file }, 'fix-name': ['enter', 'enter'], review: { pick: 'quit' } });
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/Which column of .*export\.csv holds EVENT_TYPE\?/);
  });

  it('a CRM export whose columns the validator takes for missing fields ("Membership Tier": MEMBERSHIP) gets Fix and continue (before: Pick another file), that column the default answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-fix-name-crm-'));
    const file = join(dir, 'crm_contacts.csv');
    const rows = Array.from({ length: 300 }, (_, i) => `"${String(i + 1).padStart(6, '0')}","${['Gold', 'Silver', 'Bronze'][i % 3]}","${18 + (i % 60)}","${['DE', 'AT'][i % 2]}"`);
    writeFileSync(file, `"Customer Number","Membership Tier","Age","Country"\n${rows.join('\n')}\n`);
    let offered: string[] = [];
    let question = '';
    const asks: StepModel[] = [];
    const h = await runHeadless(ports, {
      dataset: { pick: (m) => m.choices!.find((c) => /users/.test(c.label))!.value }, csv: { type: file },
      fix: { pick: (m) => ((offered = m.choices!.map((c) => c.value)), (question = m.question), m.default!) },
      'fix-name': { pick: (m) => (asks.push(m), m.default!) }, 'schema-change': 'enter', review: { pick: 'quit' },
    });
    expect(offered[0]).toBe('fix');
    // the offer says what the fix asks first (not "Every error is one the fixer repairs")
    expect(question).toBe('The fixer repairs every error once you say which column holds MEMBERSHIP. What now?');
    // Customer Number is a spelling the fixer knows; Membership Tier is the validator's guess for MEMBERSHIP
    expect(asks.map((m) => m.question)).toEqual([`Which column of ${file} holds MEMBERSHIP?`]);
    expect(asks[0].choices!.map((c) => c.value)).toEqual(['column:Membership Tier', 'column:Country', 'none']);
    expect(h.state.answers.headerMap).toEqual({ 'Membership Tier': 'MEMBERSHIP' });
    expect(readFileSync(join(dir, 'crm_contacts.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,MEMBERSHIP,AGE,Country');
    expect(h.state.loaded.report?.errors).toEqual([]);
  });

  it('"None of them": back to the file question, nothing named', async () => {
    const f = germanExport();
    const h = await runHeadless(ports, { csv: [{ type: f.file }, 'quit'], 'fix-name': { pick: 'none' } });
    expect(h.asked.filter((x) => x === 'csv')).toHaveLength(2);
    expect(h.state.answers.headerMap).toBeUndefined();
  });

  it('`import --fix` (no one to ask) ends as before, exit 1, naming --map; with --map it imports', async () => {
    const f = germanExport();
    const cli = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...sb.env };
      delete env.AWS_PROFILE;
      execFile(process.execPath, [CLI, 'import', '--csv', f.file, '--dataset-arn', sb.seeded.datasetArn('custom', 'INTERACTIONS'), '--fix', '--yes', ...args], { env }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    const r = await cli();
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/the header has no column for TIMESTAMP, EVENT_TYPE\. Name them with --map <column>=FIELD \(with --fix\)\. Nothing was uploaded or created\./);
    const m = await cli('--map', 'Datum=TIMESTAMP', '--map', 'Aktion=EVENT_TYPE', '--dates', 'day-first');
    expect(m.code, m.stderr).toBe(0);
  }, 60_000);
});

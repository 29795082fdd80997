// personalize-import fix --dates, the built CLI as a child process: a ';' export from a German shop
// writing its dates day first in numbers (01.11.2026 10:00) is converted with --dates day-first, and
// without the flag nothing is guessed — the rows are rejected with a reason naming --dates.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');
const SCHEMA = join(ROOT, 'test/fixtures/csv/schemas/interactions.json');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'fix', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const day = (i: number) => (i % 28) + 1;
const at = (i: number) => Date.UTC(2026, 10, day(i), 10, i % 60) / 1000;

/** Kunde;Artikel;Zeitpunkt;Ereignis with 01.11.2026 10:00 … 28.11.2026: 1,200 rows over 40 customers */
function german(dir: string): string {
  const lines = ['Kunde;Artikel;Zeitpunkt;Ereignis'];
  for (let i = 0; i < 1200; i++) lines.push(`k${i % 40};A-${i % 90};${String(day(i)).padStart(2, '0')}.11.2026 10:${String(i % 60).padStart(2, '0')};klick`);
  const f = join(dir, 'bestellungen.csv');
  writeFileSync(f, `${lines.join('\n')}\n`);
  return f;
}

const MAP = ['--map', 'Kunde=USER_ID', '--map', 'Artikel=ITEM_ID', '--map', 'Zeitpunkt=TIMESTAMP', '--map', 'Ereignis=EVENT_TYPE'];

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('personalize-import fix --dates (built CLI)', () => {
  it('--dates day-first: every date converted (01.11.2026 10:00 → 1 November), nothing rejected, valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-dates-'));
    const input = german(dir);
    const r = cli(input, '--schema', SCHEMA, ...MAP, '--dates', 'day-first');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^✓ fixed: .*bestellungen\.fixed\.csv — 1,200 rows from 1,200 rows/);
    expect(r.stdout).toMatch(/dates converted to epoch seconds: 1,200 values in 1,200 rows\n\s+e\.g\. line 2, TIMESTAMP: 01\.11\.2026 10:00 → 1793527200/);
    const fixed = readFileSync(join(dir, 'bestellungen.fixed.csv'), 'utf8').split('\n');
    expect(fixed[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(fixed[1]).toBe(`k0,A-0,${Date.parse('2026-11-01T10:00:00Z') / 1000},klick`);
    expect(fixed[1200]).toBe(`k39,A-29,${at(1199)},klick`);
    // month-first: 13.11.2026 and later are no dates that way; the first twelve days of each 28 are
    const m = cli(input, '--schema', SCHEMA, ...MAP, '--dates', 'month-first', '-o', join(dir, 'mf.csv'), '--rejects', join(dir, 'mf.rejects.csv'));
    expect(m.code).toBe(1);
    expect(readFileSync(join(dir, 'mf.csv'), 'utf8').split('\n')[1]).toBe(`k0,A-0,${Date.parse('2026-01-11T10:00:00Z') / 1000},klick`);
    expect(readFileSync(join(dir, 'mf.rejects.csv'), 'utf8')).toMatch(/^14,"TIMESTAMP \\"13\.11\.2026 10:12\\" is not read without guessing: 13\.11\.2026 is not a date with the month first \(--dates month-first\)"/m);
  });

  it('without --dates: nothing guessed — every row rejected, the reason naming --dates; a bad value of --dates exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-dates-'));
    const input = german(dir);
    const r = cli(input, '--schema', SCHEMA, ...MAP);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'bestellungen.fixed.csv'))).toBe(false);
    expect(r.stdout).toMatch(/1,200 rows cannot be fixed without guessing/);
    expect(r.stdout).toMatch(/line 2: TIMESTAMP "01\.11\.2026 10:00" is not read without guessing: 01\.11\.2026 could be 1 November or 11 January: pass --dates day-first or --dates month-first/);
    expect(r.stdout).toMatch(/line 14: TIMESTAMP "13\.11\.2026 10:12" .*13\.11\.2026 can only be 13 November \(the day first\): pass --dates day-first/);
    const bad = cli(input, '--schema', SCHEMA, ...MAP, '--dates', 'dmy');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/fix: --dates 'dmy' is not day-first or month-first/);
  });
});

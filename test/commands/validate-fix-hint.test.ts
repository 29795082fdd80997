// validate on a local file whose every error the fixer repairs ends with the `fix` command that
// writes the copy — the same schema flags, the copy's name — and that command works as printed.
// Before, validate said what was wrong and nothing of the fixer (schema infer and import --fix
// did). A file the fixer cannot repair gets no such line; --json stays one document. Built CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const SCHEMA = join(ROOT, 'test/fixtures/csv/schemas/interactions.json');

/** the CLI in `cwd` (relative paths as a user types them) */
function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('validate names the fix that repairs the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-fix-hint-'));
  copyFileSync(SCHEMA, join(dir, 'schema.json'));
  const rows = (sep: string, ts: (i: number) => string) => Array.from({ length: 1200 }, (_, i) => [`u${i % 40}`, `i${i % 90}`, ts(i), 'view'].join(sep));

  it('ISO dates and a lower-case header: the command, with the same flags, and it works as printed (exit 0, the copy valid)', () => {
    writeFileSync(join(dir, 'events export.csv'), `user_id,item_id,timestamp,event_type\n${rows(',', (i) => `2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`).join('\n')}\n`);
    const r = run(dir, ['validate', 'events export.csv', '--schema', 'schema.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('→ The fixer repairs every error here, into a copy (events export.fixed.csv; events export.csv stays as it is), showing each change:');
    expect(lines.at(-1)).toBe("  personalize-import fix 'events export.csv' --schema schema.json");
    // the printed command, run as printed (its words as the shell would split them)
    const fix = run(dir, ['fix', 'events export.csv', '--schema', 'schema.json']);
    expect(fix.code, fix.stdout + fix.stderr).toBe(0);
    expect(readFileSync(join(dir, 'events export.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(run(dir, ['validate', 'events export.fixed.csv', '--schema', 'schema.json']).code).toBe(0);
  });

  it('a ";" file (not checked past line 1): the fix is said to check the rest and say what else it needs', () => {
    writeFileSync(join(dir, 'semi.csv'), `USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE\n${rows(';', (i) => String(1767225600 + i)).join('\n')}\n`);
    const r = run(dir, ['validate', 'semi.csv', '--schema', 'schema.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('→ The fixer repairs this and checks the rest of the file, into a copy (semi.fixed.csv; semi.csv stays as it is), showing each change and what else it needs:\n  personalize-import fix semi.csv --schema schema.json\n');
  });

  it('errors the fixer does not repair: no such line; --json: one document, no line after it', () => {
    writeFileSync(join(dir, 'bad.csv'), `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows(',', (i) => (i === 5 ? 'notatime' : String(1767225600 + i))).join('\n')}\n`);
    const r = run(dir, ['validate', 'bad.csv', '--schema', 'schema.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/TYPE_LONG \(line 7, TIMESTAMP\)/);
    expect(r.stdout).not.toContain('personalize-import fix');
    const j = run(dir, ['validate', 'semi.csv', '--schema', 'schema.json', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ valid: false });
  });
});

// The fix summary's rejects: rows rejected for one reason share a line (an order export's guest
// checkouts were 20 lines of the same sentence), in the order of their first row. And the columns
// kept that the schema lacks: the `fix` command names its flags for them; the wizard and `import`
// (renderSummary's `flow`) do not — their next step offers to add the columns or says they are left out.
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../../src/fix/index.js';
import { rejectLines, renderSummary } from '../../src/fix/render.js';
import { parseSchema } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';

describe('renderSummary: columns the schema lacks', () => {
  it('the fix command names --drop-unknown and --map; the flow (wizard, import) does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-render-'));
    const input = join(dir, 'users.csv');
    writeFileSync(input, `customer_id,age,signup_score\n${Array.from({ length: 30 }, (_, i) => `c${i},${20 + i},${i / 2}`).join('\n')}\n`);
    const src = { name: input, path: input, size: statSync(input).size, open: () => createReadStream(input) };
    const r = await fixFile(src, parseSchema(SCHEMAS.users), { output: join(dir, 'users.fixed.csv'), datasetType: 'USERS' });
    expect(renderSummary(r)).toContain('  Kept column the schema does not have: signup_score (pass --drop-unknown to drop, or --map column=FIELD to name the field).');
    const flow = renderSummary(r, { flow: true });
    expect(flow).toContain('  Kept column the schema does not have: signup_score.');
    expect(flow).not.toContain('--drop-unknown');
  });
});

describe('rejectLines', () => {
  it('groups rows of one reason, names five lines and counts the rest; a reason of one row keeps "line N"', () => {
    const empty = 'USER_ID is empty, and the schema needs a value';
    const listed = [2, 39, 76, 113, 150, 187, 224].map((line) => ({ line, reason: empty }));
    listed.splice(1, 0, { line: 7, reason: 'PRICE "abc" is not a number such as 4.5' });
    const r = rejectLines(listed, 20);
    expect(r.lines).toEqual([
      `  lines 2, 39, 76, 113, 150 and 2 more: ${empty}`,
      '  line 7: PRICE "abc" is not a number such as 4.5',
    ]);
    expect(r.rows).toBe(8);
  });

  it('stops at max lines and says how many rows those lines cover (the caller adds "… N more")', () => {
    const listed = Array.from({ length: 30 }, (_, i) => ({ line: i + 2, reason: `reason ${i % 25}` }));
    const r = rejectLines(listed, 20);
    expect(r.lines).toHaveLength(20);
    expect(r.lines[0]).toBe('  lines 2, 27: reason 0');
    expect(r.rows).toBe(25);
  });

  it('escapes control characters of a reason', () => {
    expect(rejectLines([{ line: 3, reason: 'ID "a\x1b[31mb" is too long' }], 20).lines[0]).not.toContain('\x1b');
  });
});

describe('IDs with spaces around them', () => {
  it('the copy trims them (bare, quoted, a tab), the summary says so with what the ID would have been, and a blank ID is set aside as blank', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-render-ids-'));
    const input = join(dir, 'users.csv');
    writeFileSync(input, 'USER_ID,AGE\n 123,30\n456 ,40\n"  ",50\n"\t789",20\n"  7 ",33\n8,1\n');
    const src = { name: input, path: input, size: statSync(input).size, open: () => createReadStream(input) };
    const r = await fixFile(src, parseSchema(SCHEMAS.users), { output: join(dir, 'users.fixed.csv'), rejects: join(dir, 'rejects.csv'), datasetType: 'USERS' });
    expect(readFileSync(join(dir, 'users.fixed.csv'), 'utf8')).toBe('USER_ID,AGE\n123,30\n456,40\n"789",20\n"7",33\n8,1\n');
    const text = renderSummary(r);
    expect(text).toContain('  spaces trimmed around IDs and numbers: 4 values in 4 rows\n    e.g. line 2, USER_ID: " 123" → 123 (imported as written, " 123" would have been another user than 123)\n');
    expect(text).toContain('  line 4: USER_ID is blank (only spaces), and the schema needs a value');
    expect(r.report?.warnings.map((w) => w.code)).not.toContain('ID_SPACES');
  });
});

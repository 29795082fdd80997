// Errors and warnings together (issue #16 item 3): a warning that explains an error is put beside
// it, the collapsed list says what it leaves out, the expanded one has every finding.
import { describe, expect, it } from 'vitest';
import { findingLines, issueText, looksLike, pairFindings } from '../../src/validate/findings.js';
import { renderReport } from '../../src/commands/validate-report.js';
import type { Issue } from '../../src/validate/issues.js';
import type { ValidationReport } from '../../src/validate/engine.js';

const missing: Issue = { code: 'HEADER_MISSING_COLUMN', severity: 'error', message: 'Line 1: the header has no EVENT_TYPE column, and the schema requires it (not nullable).', line: 1, column: 'EVENT_TYPE' };
const extra: Issue = { code: 'HEADER_UNKNOWN_COLUMN', severity: 'warning', message: 'Line 1: column event is not in the schema (USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE).', line: 1, column: 'event' };
const unrelated: Issue = { code: 'HEADER_UNKNOWN_COLUMN', severity: 'warning', message: 'Line 1: column price is not in the schema.', line: 1, column: 'price' };
const few: Issue = { code: 'TOO_FEW_INTERACTIONS', severity: 'error', message: 'The file has 30 interaction records; every import job needs at least 1000.' };
const same: Issue = { code: 'SAME_TIMESTAMP', severity: 'warning', message: 'Every record has the same timestamp.', column: 'TIMESTAMP' };

describe('pairFindings', () => {
  it('puts the unknown column that is the missing one under another name beside the error', () => {
    const { pairs, rest } = pairFindings([missing, few], [extra, unrelated, same]);
    expect(pairs[0].related.map((r) => r.warning)).toEqual([extra]);
    expect(pairs[0].related[0].why).toBe('probably EVENT_TYPE under another name: rename the column event to EVENT_TYPE');
    expect(pairs[1].related).toEqual([]);
    expect(rest).toEqual([unrelated, same]);
  });

  it('tells names alike from names that are not', () => {
    expect(looksLike('event', 'EVENT_TYPE')).toBe(true);
    expect(looksLike('Event Type', 'EVENT_TYPE')).toBe(true);
    expect(looksLike('userid', 'USER_ID')).toBe(true);
    expect(looksLike('TIMESTMP', 'TIMESTAMP')).toBe(true);
    expect(looksLike('price', 'EVENT_TYPE')).toBe(false);
    expect(looksLike('id', 'USER_ID')).toBe(false);
  });
});

describe('pairFindings: names exports give the field', () => {
  const unknown = (column: string): Issue => ({ code: 'HEADER_UNKNOWN_COLUMN', severity: 'warning', message: `Line 1: column ${column} is not in the schema.`, line: 1, column });
  const lacks = (column: string): Issue => ({ code: 'HEADER_MISSING_COLUMN', severity: 'error', message: `Line 1: the header has no ${column} column.`, line: 1, column });

  it('a known alias (customer_id, user_pseudo_id, event_name; Salesforce Commerce Cloud\'s Customer No and Creation Date, HubSpot\'s Create Date) is the missing column under another name, as the fixer renames it', () => {
    // before: "the header has no USER_ID column … Add the column", customer_id a warning apart
    for (const [column, field] of [['customer_id', 'USER_ID'], ['user_pseudo_id', 'USER_ID'], ['event_name', 'EVENT_TYPE'], ['Handle', 'ITEM_ID'], ['Customer No', 'USER_ID'], ['Creation Date', 'TIMESTAMP'], ['Create Date', 'TIMESTAMP']]) {
      const { pairs, rest } = pairFindings([lacks(field)], [unknown(column)]);
      expect(pairs[0].related.map((r) => r.why)).toEqual([`probably ${field} under another name: rename the column ${column} to ${field}`]);
      expect(rest).toEqual([]);
    }
  });

  it('two columns that both spell TIMESTAMP: only the likelier is named (event_timestamp, not event_date)', () => {
    const date = unknown('event_date');
    const ts = unknown('event_timestamp');
    const { pairs, rest } = pairFindings([lacks('TIMESTAMP')], [date, ts]);
    expect(pairs[0].related.map((r) => r.warning)).toEqual([ts]);
    expect(rest).toEqual([date]);
  });
});

describe('findingLines', () => {
  it('collapsed: the related warning stays beside its error, and what is left out is counted', () => {
    const { lines, hidden } = findingLines([missing, few], [extra, unrelated, same], { limit: 2 });
    expect(lines.map((l) => l.text)).toEqual([
      '✗ Line 1: the header has no EVENT_TYPE column, and the schema requires it (not nullable).',
      '↳ ! Line 1: column event is not in the schema (USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE). — probably EVENT_TYPE under another name: rename the column event to EVENT_TYPE.',
      '✗ The file has 30 interaction records; every import job needs at least 1000.',
      '… and 2 more warnings not shown',
    ]);
    expect(hidden).toBe(2);
    expect(lines.map((l) => l.indent)).toEqual([0, 2, 0, 0]);
  });

  it('an explained error is not grouped with others of its code: the warning sits under its own column', () => {
    const category: Issue = { ...missing, message: 'Line 1: the header has no CATEGORY column.', column: 'CATEGORY' };
    const created: Issue = { ...missing, message: 'Line 1: the header has no CREATION_TIMESTAMP column.', column: 'CREATION_TIMESTAMP' };
    const ts: Issue = { ...extra, message: 'Line 1: column TIMESTAMP is not in the schema.', column: 'TIMESTAMP' };
    const texts = findingLines([category, created], [ts]).lines.map((l) => l.text);
    expect(texts).toEqual([
      '✗ Line 1: the header has no CREATION_TIMESTAMP column.',
      '↳ ! Line 1: column TIMESTAMP is not in the schema. — probably CREATION_TIMESTAMP under another name: rename the column TIMESTAMP to CREATION_TIMESTAMP.',
      '✗ Line 1: the header has no CATEGORY column.',
    ]);
  });

  it('expanded: every error and every warning', () => {
    const { lines, hidden } = findingLines([missing, few], [extra, unrelated, same]);
    expect(hidden).toBe(0);
    // the unknown column that is not the missing one, and SAME_TIMESTAMP: one entry each
    expect(lines.map((l) => l.tone)).toEqual(['error', 'related', 'error', 'warn', 'warn']);
    const all = lines.map((l) => l.text).join('\n');
    expect(all).toContain('column price is not in the schema');
    expect(findingLines([missing, few], [extra, same]).lines.map((l) => l.text).join('\n')).toContain('! column TIMESTAMP: Every record has the same timestamp.');
  });
});

describe('renderReport (validate, plain mode)', () => {
  it('prints the related warning under the error it explains, not again under Warnings', () => {
    const r = { valid: false, rows: 30, datasetType: 'INTERACTIONS', mode: 'FULL', errors: [missing, few], warnings: [extra, same], stats: { bytes: 100, issueCounts: { HEADER_MISSING_COLUMN: 1, TOO_FEW_INTERACTIONS: 1, HEADER_UNKNOWN_COLUMN: 1, SAME_TIMESTAMP: 1 } } } as unknown as ValidationReport;
    const text = renderReport(r, 'ev.csv');
    expect(text).toMatch(/HEADER_MISSING_COLUMN \(line 1, EVENT_TYPE\): .*\n {4}↳ warning HEADER_UNKNOWN_COLUMN \(line 1\): column event is not in the schema .* — probably EVENT_TYPE under another name: rename the column event to EVENT_TYPE\./);
    expect(text.split('Warnings')[1]).not.toContain('HEADER_UNKNOWN_COLUMN');
    expect(text.split('Warnings')[1]).toContain('SAME_TIMESTAMP');
  });
});

describe('grouped findings (#16 item 19)', () => {
  it('header findings on line 1 name the other columns, not "Also lines 1, 1, 1"', () => {
    const col = (c: string): Issue => ({ code: 'HEADER_UNKNOWN_COLUMN', severity: 'warning', message: `Line 1: column ${c} is not in the schema.`, line: 1, column: c });
    const texts = findingLines([], [col('a'), col('b'), col('c'), col('d')]).lines.map((l) => l.text);
    expect(texts).toEqual(['! Line 1: column a is not in the schema. Also columns b, c, d. (4 in all)']);
  });
});

describe('a finding a column (ID_DECIMAL, ID_SPACES): each column\'s shown whole', () => {
  it('ITEM_ID\'s padded IDs are not folded into USER_ID\'s as "also line 4" (the report, the wizard\'s lists)', async () => {
    const pad = (line: number, column: string, v: string): Issue => ({ code: 'ID_SPACES', severity: 'warning', message: `Line ${line}, column ${column}: "${v}" has a space before it, the only such ID of the column.`, line, column });
    const warnings = [pad(2, 'USER_ID', ' 123'), pad(4, 'ITEM_ID', ' i1')];
    const r = { valid: true, rows: 3, datasetType: 'INTERACTIONS', mode: 'FULL', errors: [], warnings, stats: { bytes: 100, issueCounts: { ID_SPACES: 2 } } } as unknown as ValidationReport;
    const text = renderReport(r, 'ids.csv');
    expect(text).toContain('  ID_SPACES (line 2, USER_ID): " 123" has a space before it, the only such ID of the column.\n  ID_SPACES (line 4, ITEM_ID): " i1" has a space before it');
    expect(text).not.toContain('also line');
    expect(findingLines([], warnings).lines.map((l) => l.text)).toEqual([`! ${warnings[0].message}`, `! ${warnings[1].message}`]);
    const { groupIssues } = await import('../../src/ui/ink/steps/ValidateStep.js');
    expect(groupIssues(warnings)).toHaveLength(2);
  });
});

describe('renderReport groups a code (#16 item 19: piped validate printed 20 lines saying the same)', () => {
  it('one line in full, then the other lines by number', () => {
    const ms = (line: number, count?: number): Issue => ({ code: 'TIMESTAMP_MILLISECONDS', severity: 'error', message: `Line ${line}, column TIMESTAMP: ${1767225600000 + line} looks like milliseconds.`, line, column: 'TIMESTAMP', ...(count ? { count } : {}) });
    const errors = [ms(2, 1200), ...Array.from({ length: 19 }, (_, i) => ms(i + 3))];
    const r = { valid: false, rows: 1200, datasetType: 'INTERACTIONS', mode: 'FULL', errors, warnings: [], stats: { bytes: 100, issueCounts: { TIMESTAMP_MILLISECONDS: 1200 } } } as unknown as ValidationReport;
    const text = renderReport(r, 'ms.csv');
    expect(text.match(/TIMESTAMP_MILLISECONDS/g)).toHaveLength(1);
    expect(text).toContain('  TIMESTAMP_MILLISECONDS (line 2, TIMESTAMP): 1767225600002 looks like milliseconds.\n    also lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 and 1,187 more (1,200 in all; --json lists the first 20)\n');
  });
});

// "! column EVENT_VALUE: Column EVENT_VALUE is filled in 19.5 % of records; …": the column was put
// before a message that names it already
describe('a message that names its column', () => {
  const sparse: Issue = { code: 'SPARSE_COLUMN', severity: 'warning', message: 'Column EVENT_VALUE is filled in 19.5 % of records; Personalize\'s data insights flag columns under 70 % complete. Fill it in or drop it.', column: 'EVENT_VALUE' };
  it('names it once in the findings, the wizard’s lines and validate’s report; a message that does not keeps the column before it', async () => {
    expect(issueText(sparse)).toBe(sparse.message);
    expect(issueText(same)).toBe('column TIMESTAMP: Every record has the same timestamp.');
    // a column whose name another starts with is not named by it
    expect(issueText({ ...sparse, column: 'EVENT' })).toBe(`column EVENT: ${sparse.message}`);
    expect(findingLines([], [sparse]).lines.map((l) => l.text)).toContain(`! ${sparse.message}`);
    const { groupIssues } = await import('../../src/ui/ink/steps/ValidateStep.js');
    expect(groupIssues([sparse])).toEqual([sparse.message]);
    const r = { valid: true, rows: 1200, datasetType: 'INTERACTIONS', mode: 'FULL', errors: [], warnings: [sparse, same], stats: { bytes: 100, issueCounts: { SPARSE_COLUMN: 1, SAME_TIMESTAMP: 1 } } } as unknown as ValidationReport;
    const text = renderReport(r, 'ev.csv');
    expect(text).toContain(`SPARSE_COLUMN: ${sparse.message}`);
    expect(text).toContain('SAME_TIMESTAMP (TIMESTAMP): Every record has the same timestamp.');
  });
});

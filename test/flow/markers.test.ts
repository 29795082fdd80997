// A newcomer's items export with missing values written as markers (PRICE n/a, N/A, NULL:
// src/validate/markers.ts) through the whole flow, headless, into an empty account: a new group,
// "＋ Create the dataset from my CSV" (the review says PRICE is optional, the markers missing, and
// that Fix and continue writes them empty), the validation offers Fix and continue as the default,
// the copy with the markers empty is imported → ACTIVE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { markerCount, markersCsv } from '../helpers/markers-csv.js';

describe('the flow on an export with missing-value markers (an empty account)', () => {
  const acct = emptyAccount();

  it('new group, the dataset made from the CSV, Fix and continue by default → ACTIVE with PRICE written empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-markers-'));
    const csv = join(dir, 'items.csv');
    writeFileSync(csv, markersCsv);
    let review: StepModel | undefined;
    let fixOffer: StepModel | undefined;
    let save: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'markers-h' }, csv: { type: csv },
      'new-dataset': { pick: (m) => ((review = m), m.default!) },
      fix: { pick: (m) => ((fixOffer = m), m.default!) },
      save: { pick: (m) => ((save = m), m.default!) },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const text = review!.lines.map((l) => (typeof l === 'string' ? l : l.text)).join('\n');
    expect(text).toMatch(/PRICE +float +yes/);
    expect(text).toMatch(/optional: \d+ of 1,500 values are missing \(\d+ empty, \d+ written /);
    expect(text).toMatch(/! PRICE: \d+ of 1,500 values are missing-value markers .*writes them empty\./);
    expect(text).toContain('“Fix and continue” repairs the kinds it can (missing-value markers, written empty).');
    expect(fixOffer!.choices!.find((c) => c.value === fixOffer!.default)?.label).toBe('Fix and continue');
    const notes = h.events.map((e) => (e.type === 'note' ? e.text : '')).join('\n');
    expect(notes).toContain(`PRICE: ${markerCount} missing-value markers (`);
    // the group made in the embedded sandbox (no data folder) is gone next run: the save screen says so
    expect(save!.lines.map((l) => (typeof l === 'string' ? l : l.text)).join('\n')).toContain('The embedded sandbox keeps only its sample groups (sandbox-shop, sandbox-ecommerce) from one run to the next: the group or dataset made in this run is gone next time');
    const copy = readFileSync(join(dir, 'items.fixed.csv'), 'utf8');
    expect(copy).toBe(markersCsv.replace(/^(item\d+),(n\/a|N\/A|NULL),/gm, '$1,,'));
  });
});

// "Which column holds TIMESTAMP?" after "Fix and continue", in the Ink wizard at 80×24 on the embedded
// sandbox: a German shop's export (Kunden-Nr;Artikel-Nr;Datum;Aktion;;;, dates in numbers only) into
// the existing interactions dataset. Before, the fix ended the run: "The CSV cannot be fixed … Name the
// column with --map column=FIELD" (exit 1). Now Datum and Aktion are asked, highlighted as the likeliest,
// the dates order next, and the copy (without the trailing unnamed columns) is checked: no errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard: Fix and continue asks for the columns it cannot place', () => {
  it('Datum → TIMESTAMP, Aktion → EVENT_TYPE, day first → the copy has no errors; no flag named on screen', async () => {
    const work = tmp('pi-fix-name-');
    const rows = Array.from({ length: 1300 }, (_, i) => `K${i % 70};A${i % 150};${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.2025;${['Ansicht', 'Kauf', 'Warenkorb'][i % 3]};;;`);
    writeFileSync(join(work, 'export.csv'), `Kunden-Nr;Artikel-Nr;Datum;Aktion;;;\r\n${rows.join('\r\n')}\r\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: work });
    for (const marker of ['❯ Continue', '❯ sandbox-shop', '❯ sandbox-shop-interactions', '❯ export.csv']) {
      await at(t, marker);
      t.send('Enter');
    }
    // the offer says the fix asks first (it said "Every error is one the fixer repairs")
    await at(t, /The fixer repairs every error once you say which column holds TIMESTAMP and\s+EVENT_TYPE\. What now\?\n❯ Fix and continue/);
    t.send('Enter');
    const first = await at(t, /Which column of export\.csv holds TIMESTAMP\?\n❯ Datum/);
    expect(first.replace(/\s+/g, ' ')).toMatch(/The header of export\.csv has no column for TIMESTAMP, EVENT_TYPE \(it has Datum, Aktion besides the fields it names\)/);
    t.send('Enter');
    await at(t, /Which column of export\.csv holds EVENT_TYPE\?\n❯ Aktion/);
    t.send('Enter');
    await at(t, /How are the dates written\?/);
    t.send('Enter');
    const checked = await at(t, /✔ Validation +1,300 rows, no errors/, 60_000);
    expect(checked).toMatch(/✔ Columns +Datum → TIMESTAMP, Aktion → EVENT_TYPE/);
    for (const l of checked.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(t.history()).not.toMatch(/--map|cannot be fixed/);
    expect(readFileSync(join(work, 'export.fixed.csv'), 'utf8').split(/\r?\n/)[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);

  it('a CRM export ("Customer Number","Membership Tier","Age"): Fix and continue offered, Membership Tier highlighted for MEMBERSHIP → no errors', async () => {
    const work = tmp('pi-fix-name-crm-');
    const rows = Array.from({ length: 300 }, (_, i) => `"${String(i + 1).padStart(6, '0')}","${['Gold', 'Silver', 'Bronze'][i % 3]}","${18 + (i % 60)}","${['DE', 'AT'][i % 2]}"`);
    writeFileSync(join(work, 'crm_contacts.csv'), `"Customer Number","Membership Tier","Age","Country"\n${rows.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: work });
    await at(t, '❯ Continue');
    t.send('Enter');
    await at(t, '❯ sandbox-shop');
    t.send('Enter');
    await highlight(t, 'sandbox-shop-users [USERS]');
    t.send('Enter');
    await at(t, '❯ crm_contacts.csv');
    t.send('Enter');
    // before: "The file has errors; nothing was uploaded" with Pick another file first
    await at(t, /The fixer repairs every error once you say which column holds MEMBERSHIP\. What\s+now\?\n❯ Fix and continue/);
    t.send('Enter');
    await at(t, /Which column of crm_contacts\.csv holds MEMBERSHIP\?\n❯ Membership Tier/);
    t.send('Enter');
    const checked = await at(t, /✔ Validation +300 rows, no errors/, 60_000);
    expect(checked).toMatch(/✔ Columns +Membership Tier → MEMBERSHIP/);
    expect(readFileSync(join(work, 'crm_contacts.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,MEMBERSHIP,AGE,Country');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});

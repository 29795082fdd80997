// The CSV step's suggestions on the sandbox (steps-file.ts csvChoices): the user's own exports in the
// current folder come before the sandbox's sample — walked at 80×24, an own German export
// (Kunden-Nr;Artikel-Nr;…) in the folder and Enter at the CSV question checked the sample instead —
// unless a file's header says another dataset type (an items file, while the dataset is
// interactions): the sample leads those. Without the sandbox there is no sample.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csvChoices } from '../../src/flow/machine/index.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

describe('csvChoices: the CSV question\'s suggestions', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'pi-csv-choices-'));
  // an interactions export with names of its own, ; separated, a BOM and CRLF; an items file; a file whose header says nothing
  writeFileSync(join(cwd, 'export.csv'), '\uFEFFKunden-Nr;Artikel-Nr;Datum;Aktion;;;\r\nK1;A1;01.02.2025;Kauf;;;\r\n');
  writeFileSync(join(cwd, 'artikel.csv'), '"ITEM_ID","CATEGORY_L1","PRICE"\ni1,bags,9.5\n');
  writeFileSync(join(cwd, 'notes.csv'), 'a,b,c\n1,2,3\n');
  const ports = (sandbox: boolean) => ({ cwd, samplesDir: SAMPLES, context: { sandbox } as never, sandboxDefaults: undefined });

  it('sandbox, interactions: own files that fit (or do not say) first, then the sample, then the items file', () => {
    const { files, sample } = csvChoices(ports(true), 'INTERACTIONS');
    expect(sample).toMatch(/samples\/interactions\.csv$/);
    expect(files).toEqual(['export.csv', 'notes.csv', sample, 'artikel.csv']);
  });

  it('sandbox, items: the items file first; the interactions export after the sample', () => {
    const { files, sample } = csvChoices(ports(true), 'ITEMS');
    expect(sample).toMatch(/samples\/items\.csv$/);
    expect(files).toEqual(['artikel.csv', 'notes.csv', sample, 'export.csv']);
  });

  it('a folder with no CSV of its own: the sample alone (the demo: Enter through to ACTIVE)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pi-csv-choices-empty-'));
    const { files, sample } = csvChoices({ ...ports(true), cwd: empty }, 'INTERACTIONS');
    expect(files).toEqual([sample]);
  });

  it('no sandbox: no sample; the files that fit the dataset (or do not say) first, in name order', () => {
    expect(csvChoices(ports(false), 'INTERACTIONS')).toEqual({ files: ['export.csv', 'notes.csv', 'artikel.csv'] });
    // the items dataset: artikel.csv suggested, not export.csv (first by name, an interactions file)
    expect(csvChoices(ports(false), 'ITEMS')).toEqual({ files: ['artikel.csv', 'notes.csv', 'export.csv'] });
  });

  it('no sandbox, a shop\'s three exports: each dataset suggests its own file', () => {
    const shop = mkdtempSync(join(tmpdir(), 'pi-csv-choices-shop-'));
    writeFileSync(join(shop, 'customers_export.csv'), 'Customer ID,First Name,Last Name,Email,City,Country,Total Spent,Total Orders\n1001,Ann,Lee,a@x.test,Oslo,NO,12.50,1\n');
    writeFileSync(join(shop, 'orders_export.csv'), 'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Customer ID\n#1001,a@x.test,paid,2026-01-02 10:00:00 +0100,1,Tee,12.50,TEE-1,1001\n');
    writeFileSync(join(shop, 'products_export.csv'), 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Variant SKU,Variant Price\ntee,Tee,<p>Soft</p>,Acme,Shirts,,true,TEE-1,12.50\n');
    const at = { cwd: shop, samplesDir: SAMPLES, context: { sandbox: false } as never, sandboxDefaults: undefined };
    expect(csvChoices(at, 'INTERACTIONS').files[0]).toBe('orders_export.csv');
    expect(csvChoices(at, 'ITEMS').files[0]).toBe('products_export.csv');
    expect(csvChoices(at, 'USERS').files[0]).toBe('customers_export.csv');
  });
  it('a folder that gathers a monthly export: the newest suggested, not the oldest by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-csv-choices-monthly-'));
    const header = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1760000000,click\n';
    // written a month apart, oldest first (the order a name sort gives too)
    ['export-2026-09.csv', 'export-2026-10.csv', 'export-2026-11.csv'].forEach((f, k) => {
      writeFileSync(join(dir, f), header);
      const t = new Date(Date.UTC(2026, 8 + k, 30));
      utimesSync(join(dir, f), t, t);
    });
    // a file whose header says nothing, written after them all, and an items file: after the exports
    writeFileSync(join(dir, 'notes.csv'), 'a,b\n1,2\n');
    writeFileSync(join(dir, 'catalog.csv'), 'ITEM_ID,CATEGORY_L1\ni1,bags\n');
    const at = { cwd: dir, samplesDir: SAMPLES, context: { sandbox: false } as never, sandboxDefaults: undefined };
    expect(csvChoices(at, 'INTERACTIONS').files).toEqual(['export-2026-11.csv', 'export-2026-10.csv', 'export-2026-09.csv', 'notes.csv', 'catalog.csv']);
    // written at the same moment (a backfill exported at once): name order
    const same = new Date(Date.UTC(2026, 11, 1));
    for (const f of ['export-2026-09.csv', 'export-2026-10.csv', 'export-2026-11.csv']) utimesSync(join(dir, f), same, same);
    expect(csvChoices(at, 'INTERACTIONS').files.slice(0, 3)).toEqual(['export-2026-09.csv', 'export-2026-10.csv', 'export-2026-11.csv']);
    // seconds apart within one minute (one export run; a test writing its fixtures): name order too
    ['export-2026-11.csv', 'export-2026-10.csv', 'export-2026-09.csv'].forEach((f, k) => {
      const t = new Date(Date.UTC(2026, 11, 1, 12, 0, 5 + k * 20));
      utimesSync(join(dir, f), t, t);
    });
    expect(csvChoices(at, 'INTERACTIONS').files.slice(0, 3)).toEqual(['export-2026-09.csv', 'export-2026-10.csv', 'export-2026-11.csv']);
  });
});

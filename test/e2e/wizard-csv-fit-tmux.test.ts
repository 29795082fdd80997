// A shop's three exports in one folder, against an account reached through endpoint variables (not
// the embedded sandbox: no sample is offered), 80×24, Ink: the CSV question suggests the export whose
// header fits the dataset chosen. Walked before: the items dataset chosen, Enter at the CSV question
// took customers_export.csv (first by name) and checked it against the items schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI } from '../helpers/tmux.js';
import { at, highlight, terminal, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the CSV question in a folder of a shop\'s exports (80×24)', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('the items dataset: products_export.csv is suggested, listed first', async () => {
    const work = tmp('pi-csv-fit-');
    writeFileSync(join(work, 'customers_export.csv'), 'Customer ID,First Name,Last Name,Email,City,Country,Total Spent,Total Orders\n1001,Ann,Lee,a@x.test,Oslo,NO,12.50,1\n');
    writeFileSync(join(work, 'orders_export.csv'), 'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Customer ID\n#1001,a@x.test,paid,2026-01-02 10:00:00 +0100,1,Tee,12.50,TEE-1,1001\n');
    writeFileSync(join(work, 'products_export.csv'), 'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Variant SKU,Variant Price\ntee,Tee,<p>Soft</p>,Acme,Shirts,,true,TEE-1,12.50\n');
    const t = terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: { ...sb.env, AWS_PROFILE: undefined, NO_COLOR: '1', PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-csv-fit-cfg-') } });
    await at(t, '❯ Continue');
    t.send('Enter');
    await at(t, '❯ sandbox-shop');
    t.send('Enter');
    await at(t, /❯ sandbox-shop-interactions/);
    await highlight(t, 'sandbox-shop-items');
    t.send('Enter');
    const csv = await at(t, 'CSV files here');
    expect(csv).toMatch(/› products_export\.csv\n/);
    const list = csv.slice(csv.indexOf('CSV files here')).split('\n').slice(1, 4);
    expect(list).toEqual(['❯ products_export.csv', '  customers_export.csv', '  orders_export.csv']);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 90_000);
});

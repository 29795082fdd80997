// "Name the columns" in the Ink wizard (80×24, a brand-new account): a German shop's export
// (Kunde;Artikel;Zeitpunkt;Ereignis;Preis, epoch seconds) in the current folder. Enter at every
// question except the new group's name: the dataset type, then "Name the columns" (the default, since
// Create is blocked), each key field's column (the file's order: Kunde, Artikel, Zeitpunkt), Create,
// Fix and continue (the copy's header renamed) → the import ends ACTIVE; the account read back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughInk, newUserEnv, readAccount, startEmptySandbox, walkInk, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard: an export whose key columns have names of their own', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('Kunde;Artikel;Zeitpunkt → "Name the columns" → USER_ID, ITEM_ID, TIMESTAMP → created → Fix and continue → ACTIVE; only the group name typed', async () => {
    const env = startEmptySandbox('pi-sbx-ink-name-');
    const work = workFolder('pi-ink-name-', {});
    const rows = Array.from({ length: 1200 }, (_, i) => `k${i % 30};A-${i % 70};${1767225600 + i * 60};${i % 3 ? 'klick' : 'kauf'};${i % 50},${String(i % 100).padStart(2, '0')}`);
    writeFileSync(join(work, 'bestellungen.csv'), `Kunde;Artikel;Zeitpunkt;Ereignis;Preis\n${rows.join('\n')}\n`);
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens, typed } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const review = screens.find((x) => /Name the columns \(which one is USER_ID, …\)/.test(x));
    expect(review, screens.join('\n-----\n')).toBeDefined();
    // the new choice is the one highlighted (Create is disabled, its reason shown)
    expect(review!).toMatch(/❯ Name the columns/);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const asks = screens.filter((x) => /Which column holds/.test(x));
    expect(asks.map((x) => /Which column holds (\w+)\?/.exec(x)![1])).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
    expect(asks[2]).toMatch(/None of them \(create nothing\)/);
    // the ITEM_ID question no longer offers the column named USER_ID
    expect(asks[1]).not.toMatch(/^\W*Kunde\b/m);
    const history = t.history();
    expect(history).toMatch(/USER_ID: named by you/);
    expect(history.replace(/\s+/g, ' ')).toMatch(/renamed \(Kunde → USER_ID, Artikel → ITEM_ID, Zeitpunkt → TIMESTAMP\)/);
    // the summary of answers: the columns named, once
    expect(history).toMatch(/✔ Columns +Kunde → USER_ID, Artikel → ITEM_ID, Zeitpunkt → TIMESTAMP\n/);
    expect(readFileSync(join(work, 'bestellungen.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,Ereignis,Preis');

    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
  }, 300_000);

  it('an ECOMMERCE items export (Artikel-Nr;Kategorie;Preis, decimal commas): PRICE and CATEGORY_L1 named → created → Fix and continue → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ink-name-items-');
    const work = workFolder('pi-ink-name-items-', {});
    const cats = ['Küche', 'Garten', 'Bücher', 'Elektronik', 'Spielzeug'];
    const rows = Array.from({ length: 1500 }, (_, i) => `ART-${i};${cats[i % 5]};${(i % 90) + 1},${String(i % 100).padStart(2, '0')};Artikel ${i % 7}`);
    writeFileSync(join(work, 'artikel.csv'), `Artikel-Nr;Kategorie;Preis;Beschreibung\n${rows.join('\n')}\n`);
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    // Enter at every question but two: the group's name, and its kind (Domain ECOMMERCE, one down)
    const screens = await walkInk(t, (x) => (/Name of the new dataset group/.test(x) ? ['type:shop-de'] : /What kind of dataset group is/.test(x) ? ['Down'] : []));
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    const review = screens.find((x) => /Name the columns \(which one is PRICE, …\)/.test(x));
    expect(review, screens.join('\n-----\n')).toBeDefined();
    expect(review!).toMatch(/❯ Name the columns/);
    const asks = screens.filter((x) => /Which column holds/.test(x));
    expect(asks.map((x) => /Which column holds (\w+)\?/.exec(x)![1])).toEqual(['PRICE', 'CATEGORY_L1']);
    // the likeliest column is the one highlighted: Enter took Preis, then Kategorie
    expect(asks[0]).toMatch(/❯ Preis/);
    expect(asks[1]).toMatch(/❯ Kategorie/);
    expect(asks[0].replace(/\s+/g, " "), asks[0]).toMatch(/A Domain ECOMMERCE items dataset needs PRICE\./);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    expect(t.history()).toMatch(/✔ Columns +Preis → PRICE, Kategorie → CATEGORY_L1\n/);
    expect(readFileSync(join(work, 'artikel.fixed.csv'), 'utf8').split('\n').slice(0, 2)).toEqual(['ITEM_ID,CATEGORY_L1,PRICE,Beschreibung', 'ART-0,Küche,1.00,Artikel 0']);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['ITEMS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.find((f) => f.name === 'PRICE')).toEqual({ name: 'PRICE', type: 'float' });
  }, 300_000);
});

// "Keep one of the columns left out…" in the Ink wizard (80×24, a brand-new account, a new ECOMMERCE
// group), with a Shopify order export (test/helpers/shop-csv.ts): the review proposes leaving out the
// order number, the e-mail and the columns with one value in every row (Enter: all four); "Keep one of
// the columns left out…" lists each with why (personal data marked) and Back; Back returns to the review
// as it was; again, Billing Country (one value in this export, others next month) is picked; the review
// says it is kept; EVENT_TYPE purchase; created; “Fix and continue” writes the copy with it; ACTIVE.
// The account read back: the schema holds BILLING_COUNTRY. Every screen polled, no fixed sleeps.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { writeShopExports } from '../helpers/shop-csv.js';
import { CLI, ensureBuilt, newUserEnv, readAccount, startEmptySandbox, walkInk, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** Down until the highlighted choice (❯) is the one whose line holds `label`. */
function moveTo(screen: string, label: string): string[] {
  const lines = screen.split('\n');
  const at = lines.findIndex((l) => l.startsWith('❯ '));
  const to = lines.findIndex((l, i) => i >= at && /^[❯ ] /.test(l) && l.includes(label));
  if (at < 0 || to < 0) throw new Error(`no choice "${label}" below the highlighted one:\n${screen}`);
  return Array.from({ length: to - at }, () => 'Down');
}

describe('the Ink wizard: keeping one column of a shop\'s order export that the schema leaves out', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('leave out 4 → "Keep one of the columns left out…" → Back → again → Billing Country → shown kept → created with it → the fixed copy keeps it → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ink-keep-');
    const work = workFolder('pi-ink-keep-', {});
    const shop = writeShopExports(mkdtempSync(join(tmpdir(), 'pi-ink-keep-shop-')), { products: 40 });
    copyFileSync(shop.orders, join(work, 'orders_export.csv'));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const keeps: string[] = [];
    let kept = false;
    const screens = await walkInk(t, (s) => {
      if (/Name of the new dataset group/.test(s)) return ['type:my-shop'];
      if (/What kind of dataset group is/.test(s)) return ['Down'];
      if (/Which column should the schema keep\?/.test(s)) {
        keeps.push(s);
        if (keeps.length === 1) return moveTo(s, 'Back to the review (keep nothing more)');
        kept = true;
        return moveTo(s, 'Billing Country — one value in every row');
      }
      // the review, once the four are left out: to the new choice (until a column is kept)
      if (!kept && /Create schema my-shop-interactions and dataset/.test(s) && /Keep the columns left out \(/.test(s)) return moveTo(s, 'Keep one of the columns left out…');
      return [];
    });
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const all = screens.join('\n-----\n');
    // the first review: leaving out the four is the default, keeping one offered
    expect(screens.find((x) => /Create schema my-shop-interactions/.test(x)), all).toMatch(/❯ Leave out 4 columns Personalize cannot use[\s\S]*Keep one of the columns left out…/);
    // the choose step: what keeping means, how to get back; each column with its reason; personal data marked
    expect(keeps, all).toHaveLength(2);
    expect(keeps[0]).toMatch(/A column kept goes into the schema, and the copy “Fix and continue” writes keeps\s+it/);
    expect(keeps[0]).toMatch(/Back \(or Esc\) returns to the review as it was/);
    expect(keeps[0]).toMatch(/Email — ⚠ personal data/);
    expect(keeps[0]).toMatch(/Billing Country — one value in every row/);
    expect(keeps[0]).toMatch(/❯ Name — a different value in every row[\s\S]*e\.g\. "#1001"/);
    // Back: the same review, nothing kept; the second time the column is kept
    expect(keeps[1]).toMatch(/Billing Country — one value in every row/);
    // (polled: what the run printed last can reach the scrollback after the exit file)
    const said = (await t.historyWith((h) => /Kept in the schema at your word/.test(h.replace(/\s+/g, ' ')))).replace(/\s+/g, ' ');
    expect(said).toMatch(/Kept in the schema at your word \(“Keep one of the columns left out…”, or --keep; uploaded with the rest\): Billing Country: one value in every row/);
    expect(said).toMatch(/header: 7 renamed, 3 dropped \(Name, Email, Financial Status\), EVENT_TYPE added/);
    expect(said).toMatch(/✔ Kept Billing Country ✔ Event type Purchase in every row/);
    const copy = readFileSync(join(work, 'orders_export.fixed.csv'), 'utf8').split(/\r?\n/);
    expect(copy[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,BILLING_COUNTRY,EVENT_TYPE');
    expect(copy.join('\n')).not.toMatch(/@example\.(com|org)/);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'LINEITEM_QUANTITY', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'ITEM_ID', 'USER_ID', 'BILLING_COUNTRY', 'EVENT_TYPE']);
  }, 300_000);
});

// A Retailrocket events export (timestamp in ms, visitorid, event = view / addtocart / transaction,
// itemid, transactionid) into a new ECOMMERCE group in the Ink wizard, 80×24, a brand-new account
// (`sandbox --seed none`). ECOMMERCE's recommenders count "View" and "Purchase" events: "Fix and
// continue" writes view as View by itself; the copy's check still warns DOMAIN_EVENT_TYPES for
// transaction, and the fix step offers "Fix and continue: write transaction as Purchase" (not the
// default: it is the user's word that they are the same event), which is picked here → ACTIVE with
// View and Purchase in the imported copy. With --event-names transaction=Purchase (the Ink face once
// dropped it, and --event-type and --keep, on the way to the flow) the first Fix and continue writes
// both, and the question is not asked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, newUserEnv, readAccount, startEmptySandbox, walkInk } from './import-helpers.js';

beforeAll(() => ensureBuilt());

function events(n: number): string {
  const rows = ['timestamp,visitorid,event,itemid,transactionid'];
  for (let i = 0; i < n; i++) {
    const ev = i % 25 === 7 ? 'transaction' : i % 10 === 3 ? 'addtocart' : 'view';
    rows.push(`${1433221332117 + i * 61_000},${100 + (i % 300)},${ev},${400000 + ((i * 7) % 900)},${ev === 'transaction' ? 5000 + i : ''}`);
  }
  return `${rows.join('\n')}\n`;
}

/** the keys that move the ❯ of a choice screen onto the line matching `label` */
function moveTo(screen: string, label: RegExp): string[] {
  const lines = screen.split('\n');
  const at = lines.findIndex((l) => l.startsWith('❯'));
  const to = lines.findIndex((l) => label.test(l));
  if (at < 0 || to < 0) return [];
  return Array.from({ length: Math.abs(to - at) }, () => (to > at ? 'Down' : 'Up'));
}

describe('the Ink wizard: a Retailrocket events export into a new ECOMMERCE group (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('view written as View by Fix and continue; "write transaction as Purchase" offered and chosen → ACTIVE with View and Purchase', async () => {
    const env = startEmptySandbox('pi-sbx-events-');
    const work = mkdtempSync(join(tmpdir(), 'pi-events-user-'));
    writeFileSync(join(work, 'events.csv'), events(3000));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    let offered = '';
    const screens = await walkInk(t, (s) => {
      if (/Name of the new dataset group/.test(s)) return ['type:rocket'];
      if (/What kind of dataset group is rocket\?/.test(s)) return moveTo(s, /Domain: ECOMMERCE/);
      if (/Fix and continue: write transaction as Purchase/.test(s)) {
        offered = s;
        return moveTo(s, /Fix and continue: write transaction as Purchase/);
      }
      return [];
    });
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const flat = t.history().replace(/\s+/g, ' ');
    // the first copy: view → View by itself, said in its changes
    expect(flat).toMatch(/event types written as ECOMMERCE's recommenders count them: [\d,]+ values in [\d,]+ rows/);
    // then the question about transaction, whose default keeps the file as it is
    expect(offered.replace(/\s+/g, ' '), screens.join('\n-----\n')).toMatch(/the ECOMMERCE recommenders count event types it names otherwise \(transaction as Purchase\)/);
    expect(offered).toMatch(/❯ Continue with the file as it is/);
    expect(flat).toMatch(/event types renamed as asked \(--event-names\): [\d,]+ values in [\d,]+ rows/);
    expect(flat).toMatch(/Import job: arn:aws:personalize:us-east-1:\d+:dataset-import-job\/rocket-inter[a-z -]*\d{8}-\d{6} Status ACTIVE/);
    const copy = readFileSync(join(work, 'events.fixed.csv'), 'utf8').split('\n');
    const types = new Set(copy.slice(1).filter(Boolean).map((l) => l.split(',')[2]));
    expect([...types].sort()).toEqual(['Purchase', 'View', 'addtocart']);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
  }, 300_000);

  it('--event-names transaction=Purchase: the first Fix and continue writes View and Purchase, the question is not asked → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-events-flag-');
    const work = mkdtempSync(join(tmpdir(), 'pi-events-flag-'));
    writeFileSync(join(work, 'events.csv'), events(3000));
    term = new Terminal(['node', CLI, '--event-names', 'transaction=Purchase'], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const screens = await walkInk(t, (s) => {
      if (/Name of the new dataset group/.test(s)) return ['type:rocket2'];
      if (/What kind of dataset group is rocket2\?/.test(s)) return moveTo(s, /Domain: ECOMMERCE/);
      return [];
    });
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    // the copy already holds Purchase: its check does not ask about transaction
    expect(screens.some((x) => /names otherwise/.test(x)), screens.join('\n-----\n')).toBe(false);
    const flat = t.history().replace(/\s+/g, ' ');
    expect(flat).toMatch(/event types renamed as asked \(--event-names\): [\d,]+ values in [\d,]+ rows/);
    expect(flat).toMatch(/Status ACTIVE/);
    const copy = readFileSync(join(work, 'events.fixed.csv'), 'utf8').split('\n');
    expect([...new Set(copy.slice(1).filter(Boolean).map((l) => l.split(',')[2]))].sort()).toEqual(['Purchase', 'View', 'addtocart']);
  }, 300_000);
});

// The schema review of "＋ Create the dataset from my CSV" on a real 80×24 screen (built CLI, embedded
// sandbox), with a GA4 export where every user appears once: its header needs renames, so its users
// are counted only in the copy "Fix and continue" writes — tried on a copy before the review, that
// copy fails TOO_FEW_ACTIVE_USERS. Before, the review's default was Create, and the schema and dataset
// were made for a file that could never import; now the question says so, the findings and what
// helps are above it, and Enter picks another file — nothing created. Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** 1,300 events of a GA4 export (BigQuery's column names), every user_pseudo_id once */
function ga4Once(): string {
  const kinds = ['view_item', 'add_to_cart', 'purchase'];
  const lines = ['event_date,event_timestamp,event_name,user_pseudo_id,item_id'];
  for (let i = 0; i < 1300; i++) lines.push(`20260301,${(1772352000 + i * 60) * 1_000_000 + (i % 1000) * 997},${kinds[i % 3]},${1000000 + i}.${1650000000 + i},SKU_${i % 300}`);
  return `${lines.join('\n')}\n`;
}

describe('wizard: the schema review says a file would fail its import even fixed', () => {
  it('a GA4 export, every user once, at 80×24: the verdict in the question, the finding and what helps above it, Enter picks another file — nothing created', async () => {
    const cwd = tmp('pi-review-check-cwd-');
    writeFileSync(join(cwd, 'ga4-once.csv'), ga4Once());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'once-shop', 'ga4-once.csv');
    const review = await at(t, '❯ Pick another file', 60_000);
    // on the screen itself: the verdict (the question), the finding and what helps, the default and what it does
    expect(flat(review)).toContain('ga4-once.csv would fail its import even fixed. Create the schema and dataset anyway?');
    expect(flat(review)).toContain('TOO_FEW_ACTIVE_USERS: Only 0 users have 2 or more interactions; training needs at least 25.');
    expect(flat(review)).toContain('What helps: at least 25 users with 2 or more interactions each (the least Personalize trains on)');
    expect(review).toMatch(/❯ Pick another file\n {2}Create schema and interactions dataset anyway\n/);
    expect(flat(review)).toContain('back to the CSV question; no schema or dataset is created');
    const rows = review.replace(/\n+$/, '').split('\n');
    expect(rows.length, review).toBeLessThanOrEqual(24);
    expect(rows.every((l) => l.length <= 80), review).toBe(true);
    // the block's first line went to the scrollback with the schema table, above the question
    const verdict = '✗ Even after “Fix and continue”, ga4-once.csv would fail its import (tried on a copy in a temporary folder, deleted again). No schema or dataset has been created yet:';
    await t.historyWith((h) => flat(h).includes(verdict)); // throws, with the scrollback, when it never comes
    // Enter: back at the CSV question; nothing was created on the way
    t.send('Enter');
    await at(t, 'CSV files here');
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
    expect(t.history()).not.toMatch(/Creating the INTERACTIONS dataset|created arn:aws:personalize:[^\s]*:schema\//);
  }, 180_000);
});

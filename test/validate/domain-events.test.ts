// A Domain group's recommenders count events named as the developer guide names them (ECOMMERCE:
// View, Purchase; VIDEO_ON_DEMAND: Watch). A file that names them otherwise imports, and those use
// cases then have nothing to train on: a warning says which, and what the file calls them.
import { describe, expect, it } from 'vitest';
import { domainEventFinding, domainSpelling } from '../../src/validate/domain-events.js';
import { eventExamples, oneEventOf } from '../../src/schema/usable.js';
import { run, schema } from './helpers.js';

const inter = () => schema('interactions.json');

function rows(types: Record<string, number>): string {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
  let i = 0;
  for (const [t, n] of Object.entries(types)) for (let k = 0; k < n; k++, i++) s += `u${i % 50},i${i % 97},${1596238243 + i},${t},1.5\n`;
  return s;
}

describe('DOMAIN_EVENT_TYPES', () => {
  it('an ECOMMERCE file of view / addtocart / transaction: View and Purchase named, with what the file calls them', async () => {
    const r = await run(rows({ view: 900, addtocart: 70, transaction: 30 }), { schema: inter(), datasetType: 'INTERACTIONS', domain: 'ECOMMERCE' });
    const w = r.warnings.find((x) => x.code === 'DOMAIN_EVENT_TYPES')!;
    expect(w.column).toBe('EVENT_TYPE');
    expect(w.message).toContain('Most viewed and Customers who viewed X also viewed count "View" events (at least 1,000); the file has "view" (900) — write it "View"');
    expect(w.message).toContain('Best sellers and Frequently bought together count "Purchase" events (at least 1,000); the file has "transaction" (30)');
    expect(w.message).toContain("The file's event types: view 900, addtocart 70, transaction 30.");
    expect(r.valid).toBe(true);
  });

  it('no warning when View and Purchase are there; none in a Custom group', async () => {
    const ok = await run(rows({ View: 800, Purchase: 200 }), { schema: inter(), datasetType: 'INTERACTIONS', domain: 'ECOMMERCE' });
    expect(ok.warnings.map((w) => w.code)).not.toContain('DOMAIN_EVENT_TYPES');
    const custom = await run(rows({ view: 800, transaction: 200 }), { schema: inter(), datasetType: 'INTERACTIONS' });
    expect(custom.warnings.map((w) => w.code)).not.toContain('DOMAIN_EVENT_TYPES');
  });

  it('one of two missing, with no near name: "the file has none"', async () => {
    const r = await run(rows({ View: 990, like: 10 }), { schema: inter(), datasetType: 'INTERACTIONS', domain: 'ECOMMERCE' });
    const w = r.warnings.find((x) => x.code === 'DOMAIN_EVENT_TYPES')!;
    expect(w.message).toContain('count "Purchase" events (at least 1,000); the file has none');
    expect(w.message).not.toContain('"View" events');
  });

  it('VIDEO_ON_DEMAND: Watch, with play named as the near one', () => {
    const f = domainEventFinding('VIDEO_ON_DEMAND', [{ name: 'play', count: 5000 }, { name: 'rate', count: 40 }])!;
    expect(f.message).toContain('Because you watched X counts "Watch" events (at least 1,000); the file has "play" (5,000) — write it "Watch" if that is the same event');
    expect(domainEventFinding('VIDEO_ON_DEMAND', [{ name: 'Watch', count: 5 }])).toBeUndefined();
    expect(domainEventFinding('ECOMMERCE', [])).toBeUndefined();
  });
});

describe('the one event of a file without an event type column, in a Domain group', () => {
  it("is spelled as the domain's recommenders count it", () => {
    expect(oneEventOf(['order_id', 'customer', 'sku', 'quantity', 'date'], 'ECOMMERCE')).toEqual({ event: 'Purchase', what: 'an order export' });
    expect(oneEventOf(['order_id', 'customer', 'sku', 'quantity', 'date'])).toEqual({ event: 'purchase', what: 'an order export' });
    expect(oneEventOf(['profile_id', 'title_id', 'watched_at'], 'VIDEO_ON_DEMAND')).toEqual({ event: 'Watch', what: 'a watch log' });
    expect(oneEventOf(['visitor', 'article', 'viewed_at'], 'ECOMMERCE')).toEqual({ event: 'View', what: 'a view log' });
    // a listening log has no ECOMMERCE name: as it is
    expect(domainSpelling('listen', 'ECOMMERCE')).toBe('listen');
    expect(eventExamples('ECOMMERCE')).toBe("e.g. View, Purchase (the names ECOMMERCE's recommenders count)");
  });
});

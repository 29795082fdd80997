// Generates samples/*.csv deterministically (a fixed-seed PRNG, fixed dates), matching the sandbox's
// seeded "sandbox-shop" schemas. Run: node scripts/make-samples.mjs   (the output is committed;
// running it again must leave `git diff samples/` empty).
import { mkdirSync, writeFileSync } from 'node:fs';

const out = new URL('../samples/', import.meta.url);
mkdirSync(out, { recursive: true });

// mulberry32: small, fast, and the same everywhere
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USERS = 60;
const ITEMS = 80;
const START = 1767225600; // 2026-01-01T00:00:00Z, epoch seconds
const uid = (n) => `user-${String(n).padStart(3, '0')}`;
const iid = (n) => `item-${String(n).padStart(3, '0')}`;
const CATEGORIES = ['shoes', 'shirts', 'hats', 'bags', 'socks'];

function interactions(count, seed, { ms = false } = {}) {
  const r = rng(seed);
  const rows = [];
  for (let i = 0; i < count; i++) {
    // every user appears many times: user = i mod USERS guarantees ≥ 2 interactions each
    const user = uid((i % USERS) + 1);
    const item = iid(Math.floor(r() * ITEMS) + 1);
    const ts = START + i * 37 + Math.floor(r() * 30);
    const purchase = r() < 0.2;
    const value = purchase ? (Math.round(r() * 9900) / 100 + 1).toFixed(2) : '';
    // some values quoted, as exports from spreadsheets and databases often are
    const itemCell = i % 10 === 3 ? `"${item}"` : item;
    rows.push([user, itemCell, String(ms ? ts * 1000 + Math.floor(r() * 1000) : ts), purchase ? 'purchase' : 'click', value]);
  }
  return rows;
}

const csv = (header, rows) => [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
const H = ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE'];
const write = (name, text) => writeFileSync(new URL(name, out), text);

// valid
write('interactions.csv', csv(H, interactions(1200, 1)));

const ir = rng(2);
const items = [];
for (let n = 1; n <= ITEMS; n++) {
  const cat = CATEGORIES[Math.floor(ir() * CATEGORIES.length)];
  let desc = `"A ${cat.slice(0, -1)} for every day, size ${1 + Math.floor(ir() * 12)}, colour ${['red', 'blue', 'green', 'black'][Math.floor(ir() * 4)]}"`;
  if (n === 7) desc = '"The \\"classic\\" model, with a backslash \\\\ in its name"';
  if (n % 9 === 0) desc = ''; // DESCRIPTION is optional (["null","string"])
  items.push([iid(n), cat, desc, String(START - 86400 * (ITEMS - n))]);
}
write('items.csv', csv(['ITEM_ID', 'CATEGORY', 'DESCRIPTION', 'CREATION_TIMESTAMP'], items));

const ur = rng(3);
const users = [];
for (let n = 1; n <= USERS; n++) users.push([uid(n), ['free', 'silver', 'gold'][Math.floor(ur() * 3)], n % 7 === 0 ? '' : String(18 + Math.floor(ur() * 60))]);
write('users.csv', csv(['USER_ID', 'MEMBERSHIP', 'AGE'], users));

// typical mistakes
write('interactions-milliseconds.csv', csv(H, interactions(1200, 1, { ms: true })));
write('interactions-missing-column.csv', csv(H.filter((h) => h !== 'ITEM_ID'), interactions(1200, 1).map((r) => r.filter((_, i) => i !== 1))));
// no other quotes in this file, so nothing closes the stray one
const broken = interactions(1200, 1).map((r) => r.map((v) => v.replace(/"/g, '')));
broken[99][1] = `"${iid(5)}`; // opening quote never closed: swallows every following line into ITEM_ID
write('interactions-broken-quoting.csv', csv(H, broken));
write('interactions-too-few.csv', csv(H, interactions(400, 1)));
const longItems = items.map((r) => [...r]);
longItems[10][0] = 'item-' + 'x'.repeat(300);
write('items-long-id.csv', csv(['ITEM_ID', 'CATEGORY', 'DESCRIPTION', 'CREATION_TIMESTAMP'], longItems));

// the three files together, with the IDs written differently between them (issue #19's cross-file
// checks): every ITEM_ID of the items file has a `sku-` prefix the interactions lack, every USER_ID
// of the users file is in upper case while the interactions write it in lower case
write('items-sku-prefix.csv', csv(['ITEM_ID', 'CATEGORY', 'DESCRIPTION', 'CREATION_TIMESTAMP'], items.map((r) => [`sku-${r[0]}`, ...r.slice(1)])));
write('users-uppercase.csv', csv(['USER_ID', 'MEMBERSHIP', 'AGE'], users.map((r) => [r[0].toUpperCase(), ...r.slice(1)])));

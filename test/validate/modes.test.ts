// A report re-judged for the other import mode equals validating the file for that mode.
import { describe, expect, it } from 'vitest';
import { judgeForMode } from '../../src/validate/index.js';
import { comparable, run, schema } from './helpers.js';

const X = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';

function rows(n: number, users: number): string {
  let s = X;
  for (let i = 0; i < n; i++) s += `u${i % users},i${i % 50},${1596238243 + i},click,1\n`;
  return s;
}

describe('judgeForMode', () => {
  for (const [label, text] of [['20 active users', rows(1200, 20)], ['30 active users', rows(1200, 30)], ['a broken line too', `${rows(1100, 10)}u1,i1\n`]] as const) {
    it(`${label}: INCREMENTAL → FULL and back equals validating for that mode`, async () => {
      const inter = schema('interactions.json');
      const full = await run(text, { schema: inter, mode: 'FULL' });
      const incr = await run(text, { schema: inter, mode: 'INCREMENTAL' });
      const norm = (r: typeof full) => {
        const c = comparable(r);
        const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
        return { ...c, errors: [...c.errors].sort(byCode), warnings: [...c.warnings].sort(byCode) };
      };
      expect(norm(judgeForMode(incr, 'FULL'))).toEqual(norm(full));
      expect(norm(judgeForMode(full, 'INCREMENTAL'))).toEqual(norm(incr));
    });
  }

  it('SIZE_LIMIT: 2 GB is too much for INCREMENTAL, fine for FULL', async () => {
    const r = await run(rows(1200, 40), { schema: schema('interactions.json'), mode: 'FULL' });
    const big = { ...r, stats: { ...r.stats, bytes: 2 * 1024 ** 3 } };
    const incr = judgeForMode(big, 'INCREMENTAL');
    expect(incr.valid).toBe(false);
    expect(incr.errors.map((e) => e.code)).toEqual(['SIZE_LIMIT']);
    expect(incr.errors[0].message).toMatch(/2\.00 GB \([\d,]+ bytes\); one INCREMENTAL import job takes at most 1 GB \(1,073,741,824 bytes; 1 GB = 2³⁰ bytes\).*or import it with FULL/);
    expect(incr.stats.issueCounts.SIZE_LIMIT).toBe(1);
    const back = judgeForMode(incr, 'FULL');
    expect(back.valid).toBe(true);
    expect(back.stats.issueCounts.SIZE_LIMIT).toBeUndefined();
  });
});

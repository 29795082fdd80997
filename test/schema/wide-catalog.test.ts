// An items catalog of 130 columns (test/helpers/wide-catalog.ts): 29 metadata columns beyond the 100
// an items dataset takes. Each column left out said why by listing the 100 kept ones ("… and
// category, attr_0, attr_1, …, attr_98 say more"): 29 reasons of ~1,000 characters, some 500 lines
// at the wizard's review; and the ones as telling as those kept were said to "say more" less, and the
// TOO_MANY_FIELDS message called them "of no use to Personalize". Now the kept ones are counted
// past a few, a column later in the header is said to be so, and the review names the columns that
// share a reason on one line.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/index.js';
import { ordersChoices, ordersLines } from '../../src/flow/machine/steps-orders.js';
import type { FlowState } from '../../src/flow/machine/types.js';
import { explain } from '../../src/schema/explain.js';
import { wideCatalog } from '../helpers/wide-catalog.js';

const infer = () => inferSchema(Readable.from([Buffer.from(wideCatalog())]), {});

describe('an items catalog wider than an items dataset takes', () => {
  it('each column left out says why in a sentence, the 100 kept counted past a few', async () => {
    const r = await infer();
    expect(r.datasetType).toBe('ITEMS');
    const surplus = r.unusable.filter((u) => u.kind === 'surplus');
    expect(surplus.map((u) => u.column)).toEqual(['title', ...Array.from({ length: 28 }, (_, k) => `attr_${99 + k}`)]);
    expect(surplus.find((u) => u.column === 'title')!.reason).toBe("an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more say more than a product's name (the items dataset holds it)");
    // as telling as those kept, which come first: not "say more"
    expect(surplus.find((u) => u.column === 'attr_126')!.reason).toBe('an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more come first in the header');
    for (const u of surplus) expect(u.reason.length, u.reason).toBeLessThan(200);
  });

  it('TOO_MANY_FIELDS names a few and counts the rest, and says the columns beyond the limit are that, not of no use', async () => {
    const msg = (await infer()).problems.find((p) => p.code === 'TOO_MANY_FIELDS')!.message;
    expect(msg).toBe('Items datasets allow at most 100 metadata fields; the file has 129 (title, category, attr_0, attr_1, attr_2, attr_3, attr_4, attr_5, attr_6, attr_7, attr_8 and 118 more). Leave out title, attr_99, attr_100, attr_101, attr_102, attr_103, attr_104, attr_105, attr_106, attr_107, attr_108 and 18 more (the least telling beyond the 100).');
  });

  it('the review says each reason once, with the columns that share it', async () => {
    const lines = ordersLines(await infer()).map((l) => l.text);
    expect(lines).toEqual([
      '! 29 columns Personalize has no room for:',
      "  title: an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more say more than a product's name (the items dataset holds it)",
      `  ${Array.from({ length: 28 }, (_, k) => `attr_${99 + k}`).join(', ')}: an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more come first in the header`,
    ]);
  });

  // they are beyond the limit, not of no use: "Leave out 29 columns Personalize cannot use" and
  // "… cannot use, or should not get" said what is not true of them
  it('the heading and the leave-out choice say the columns are beyond what the dataset takes', async () => {
    const r = await infer();
    expect(ordersLines(r)[0].text).toBe('! 29 columns Personalize has no room for:');
    const { first } = ordersChoices(r, { answers: {} } as FlowState, ['ITEM_ID']);
    expect(first.find((c) => c.value === 'leave-out')!.label).toBe('Leave out 29 columns Personalize has no room for');
  });

  // schema infer on the command line printed one line per column left out: 28 lines of one reason
  it('schema infer says each reason once, with the columns that share it', async () => {
    const r = await inferSchema(Readable.from([Buffer.from(wideCatalog())]), { leaveOut: 'proposed' });
    const lines = explain(r, 'catalog.csv').split('\n');
    const at = lines.findIndex((l) => l.startsWith('Left out of the schema'));
    expect(at, lines.join('\n')).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      "  title: an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more say more than a product's name (the items dataset holds it)",
      `  ${Array.from({ length: 28 }, (_, k) => `attr_${99 + k}`).join(', ')}: an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more come first in the header`,
      '',
    ]);
  });
});

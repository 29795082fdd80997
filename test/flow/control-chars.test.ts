// Text from a file never reaches the terminal with its control characters: what the machine's models
// say of a folder or a file is escaped there, for every face (plain mode's safety net lets colour
// codes through; the Ink face escapes again).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderSuggestions } from '../../src/flow/machine/several-files.js';
import { writeShopExports } from '../helpers/shop-csv.js';

const EVIL = 'x\x1b[2J\x07\x1b[8my';
const RAW = /[\u0000-\u001f\u007f-\u009f]/;

describe('control characters in the models', () => {
  it('a folder of exports named with ESC [2J, a BEL and a colour code: its suggestion says it escaped, its value is the folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pi-flow-cc-'));
    writeShopExports(join(cwd, `shop${EVIL}`), { products: 4, orders: 20, customers: 5 });
    const [s] = await folderSuggestions(cwd, undefined);
    expect(s.label).toBe('shopx\\x1b[2J\\x07\\x1b[8my/ — interactions, items, users');
    expect(s.label).not.toMatch(RAW);
    expect(s.value).toBe(`shop${EVIL}/`);
  });
});

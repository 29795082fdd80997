// An interactions CSV whose only errors are rows to set aside (fix-aside.ts): `rows` data rows, USER_ID
// empty on line 702 and blank ("   ") on the lines `blank` names, and every 50th USER_ID padded (" u31").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ASIDE_HEADER = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE';

export function asideCsvText(rows = 1500, blank: number[] = []): string {
  let s = `${ASIDE_HEADER}\n`;
  for (let i = 0; i < rows; i++) {
    const line = i + 2;
    const user = line === 702 ? '' : blank.includes(line) ? '   ' : `${i % 50 === 29 ? ' ' : ''}u${i % 40}`;
    s += `${user},i${i % 90},${1_767_225_600 + i * 60},click,1\n`;
  }
  return s;
}

/** the file in a fresh folder, with where the fix writes its copy and rejects */
export function asideCsv(rows = 1500, blank: number[] = []): { dir: string; file: string; fixed: string; rejects: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-aside-'));
  const file = join(dir, 'events.csv');
  writeFileSync(file, asideCsvText(rows, blank));
  return { dir, file, fixed: join(dir, 'events.fixed.csv'), rejects: join(dir, 'events.rejects.csv') };
}

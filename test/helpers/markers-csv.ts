// A newcomer's items export with missing values written as markers (src/validate/markers.ts): PRICE
// is n/a, N/A or NULL in 122 rows and empty in 45 (1,500 items). Shared by the schema, fix and e2e tests.
const rows = (n: number, fn: (i: number) => string) => Array.from({ length: n }, (_, i) => fn(i)).join('\n');
/** PRICE of item i: empty, a marker or a number */
export const markerPrice = (i: number): string => (i % 37 === 0 ? '' : i % 12 === 0 ? ['n/a', 'N/A', 'NULL'][(i / 12) % 3] : `${(i % 97) + 0.26}`);
export const MARKER_ROWS = 1500;
export const markersCsv = `ITEM_ID,PRICE,CATEGORY,CREATION_TIMESTAMP\n${rows(MARKER_ROWS, (i) => `item${i},${markerPrice(i)},cat${i % 7},${1700000000 + i}`)}\n`;
/** rows whose PRICE is a marker, and whose PRICE is empty */
export const markerCount = Array.from({ length: MARKER_ROWS }, (_, i) => markerPrice(i)).filter((v) => /^[a-z/]+$/i.test(v)).length;
export const emptyCount = Array.from({ length: MARKER_ROWS }, (_, i) => markerPrice(i)).filter((v) => v === '').length;

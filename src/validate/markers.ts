// Missing-value markers: the words an export writes where a value is missing (NULL, n/a …). One set
// for the whole tool — schema inference counts them as missing in a typed column (inference's
// columns.ts, types.ts), the validator's message says a typed field's value is one (rows.ts), and
// the fixer writes one empty where the field allows null (src/fix/markers.ts). Personalize reads an
// empty value as null; these it reads as text, which a number, boolean or timestamp field refuses.
//
// The set, matched whole, in any letter case, spaces and tabs around it ignored — and only in a
// typed field (int, long, float, double, boolean, a timestamp), where none of them is a value. A
// string field keeps them: "NA" may be North America, "None" a category, "-" a size.
//   NULL   SQL exports, Excel/Access                NA    R, spreadsheets
//   N/A    spreadsheets, hand-written               #N/A  Excel's "no value" formula result
//   None   Python's str(None)                       NaN   pandas/numpy written as text
//   -      a report's dash for "nothing"
// Not in it: nil / undefined (rare in CSV exports), \N (MySQL; a backslash escape in this tool's
// dialect), "?", "0", "" (empty is empty already).

/** the markers, lower-cased (see above) */
export const MISSING_MARKERS: readonly string[] = ['null', 'n/a', 'na', '#n/a', 'none', 'nan', '-'];
const SET: ReadonlySet<string> = new Set(MISSING_MARKERS);
/** the longest marker's length */
const LONGEST = 4;

const space = (c: number) => c === 32 || c === 9;

/** whether text `v` is a missing-value marker (see above) */
export function isMissingMarker(v: string): boolean {
  if (v.length === 0 || v.length > 16) return false;
  let s = 0;
  let e = v.length;
  while (s < e && space(v.charCodeAt(s))) s++;
  while (e > s && space(v.charCodeAt(e - 1))) e--;
  return e - s > 0 && e - s <= LONGEST && SET.has(v.slice(s, e).toLowerCase());
}

/** whether bytes b[s..e) are a missing-value marker (the validator's and the fixer's slow paths) */
export function markerAt(b: Uint8Array, s: number, e: number): boolean {
  while (s < e && space(b[s])) s++;
  while (e > s && space(b[e - 1])) e--;
  const n = e - s;
  if (n === 0 || n > LONGEST) return false;
  // every marker starts with n, N, # or - (a number, true, false: one compare and out)
  const c = b[s];
  if ((c | 32) !== 110 && c !== 35 && !(c === 45 && n === 1)) return false;
  let t = '';
  for (let i = s; i < e; i++) t += String.fromCharCode(b[i] >= 65 && b[i] <= 90 ? b[i] + 32 : b[i]);
  return SET.has(t);
}

/** the marker as written, spaces around it removed (for a message or a summary) */
export const markerText = (v: string): string => v.replace(/^[ \t]+|[ \t]+$/g, '');

/** a spelling as shown: NULL, n/a; "-" quoted (no letter: alone in a sentence it reads as punctuation) */
export const spelled = (v: string): string => (/[a-z]/i.test(v) ? v : JSON.stringify(v));

/** spellings seen, most frequent first: "NULL, n/a, N/A" (at most `max`, then "…") */
export function spellingsText(seen: ReadonlyMap<string, number>, sep = ', ', max = 4): string {
  const all = [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => spelled(v));
  return all.length > max ? `${all.slice(0, max).join(sep)}${sep}…` : all.join(sep);
}

/** remembers a spelling (at most 8 kept: the count of the others goes on) */
export function addSpelling(seen: Map<string, number>, v: string): void {
  const t = markerText(v);
  const n = seen.get(t);
  if (n !== undefined) seen.set(t, n + 1);
  else if (seen.size < 8) seen.set(t, 1);
}

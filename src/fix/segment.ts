// Segment's warehouse exports (tracks, pages, identifies) have user_id — empty for a visitor who never
// signed in — and anonymous_id, Segment's ID for the browser, in every row. Fixed as they are, the
// anonymous visitors' rows are set aside (USER_ID is required). Asked (the wizard's "Fix and continue,
// anonymous visitors by their anonymous_id", FixOptions.anonymousIds), the fill-down pass writes a row's
// anonymous_id into its empty user_id before the fixer reads it: those visitors are users of their own.
// A visitor who later signs in is then two users to Personalize (the anonymous_id and the user_id).

/** the header cell as an export writes it: quotes, spaces and a byte-order mark aside, lower case */
const cell = (h: string) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim().toLowerCase();

/** user_id and anonymous_id (Segment's warehouse names; userId / anonymousId as its API writes them), when the header has both */
export function segmentColumns(header: string[]): { user: number; anonymous: number } | undefined {
  const names = header.map(cell);
  const user = names.findIndex((n) => n === 'user_id' || n === 'userid');
  const anonymous = names.findIndex((n) => n === 'anonymous_id' || n === 'anonymousid');
  return user >= 0 && anonymous >= 0 ? { user, anonymous } : undefined;
}

/** a record's fields (as the fill-down pass splits them): an empty user_id given the row's anonymous_id; true when it was */
export function anonymousInto(fields: string[], c: { user: number; anonymous: number }): boolean {
  if (!/^("?)\1$/.test(fields[c.user] ?? 'x')) return false;
  const anon = fields[c.anonymous] ?? '';
  if (/^("?)\1$/.test(anon)) return false;
  fields[c.user] = anon;
  return true;
}

/** the fixer's summary line for it */
export const anonymousLabel = "USER_ID empty (a visitor who never signed in, in Segment's export): the row's anonymous_id written instead, as asked";

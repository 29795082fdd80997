// Segment's warehouse exports (tracks, pages, identifies) have user_id — empty for a visitor who never
// signed in — and anonymous_id, Segment's ID for the browser, in every row. Fixed as they are, the
// anonymous visitors' rows are set aside (USER_ID is required). Asked (the wizard's "Fix and continue,
// anonymous visitors by their anonymous_id", FixOptions.anonymousIds), the fill-down pass writes a row's
// anonymous_id into its empty user_id before the fixer reads it: those visitors are users of their own.
// A visitor who later signs in is then two users to Personalize (the anonymous_id and the user_id).

/** the header cell as an export writes it: quotes, spaces and a byte-order mark aside, lower case */
const cell = (h: string) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim().toLowerCase();

/**
 * The column an export names a visitor by who never signed in, by its name: Segment's anonymous_id
 * (anonymousId as its API writes it); Google Analytics 4's user_pseudo_id (its BigQuery export: the
 * browser's ID in every row, user_id only once a visitor signs in — most rows of a shop's events).
 */
const ANONYMOUS: Record<string, string> = { anonymous_id: 'Segment', anonymousid: 'Segment', user_pseudo_id: 'Google Analytics', userpseudoid: 'Google Analytics' };

/** whose export names its anonymous visitors by `column` (Segment, Google Analytics) */
export const anonymousTool = (column: string): string => ANONYMOUS[cell(column)] ?? 'Segment';
/** "Segment's export", "Google Analytics' export" */
export const exportOf = (column: string): string => `${anonymousTool(column)}${anonymousTool(column).endsWith('s') ? "'" : "'s"} export`;

/** user_id and the anonymous visitor's column (anonymous_id, user_pseudo_id: ANONYMOUS), when the header has both */
export function segmentColumns(header: string[]): { user: number; anonymous: number } | undefined {
  const names = header.map(cell);
  const user = names.findIndex((n) => n === 'user_id' || n === 'userid');
  const anonymous = names.findIndex((n) => ANONYMOUS[n] !== undefined);
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
export const anonymousLabel = (column = 'anonymous_id'): string => `USER_ID empty (a visitor who never signed in, in ${exportOf(column)}): the row's ${column} written instead, as asked`;


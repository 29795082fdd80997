// Pasted error text is often retyped, not copied: "Insufficent privileges for accessing data in S3"
// from a chat message matched no catalogue entry, and the support engineer got "not in the
// catalogue" for the most common failure there is. This reads such a text again with each word that
// is not in the catalogue's vocabulary (the words of its example messages) replaced by the one
// vocabulary word it is a slip away from — one edit (a letter added, dropped, changed or two letters
// swapped) for words of 5–7 letters, two for longer ones — when exactly one word is that close.
// Words in capitals or joined to digits, "_" or "-" (exception names, column names, IDs) are never
// touched. The caller takes this reading only when it finds a more specific entry than the text as
// written (none, or a broader one), and says which words it read otherwise. Core module.

export interface Respelling {
  from: string;
  to: string;
}

/** a word that may be a slip: letters only, standing alone (not part of an identifier) */
const WORD = /(?<![A-Za-z0-9_\-./:@])[A-Za-z][a-z]{4,30}(?![A-Za-z0-9_\-@]|\.[A-Za-z0-9])/g;

/** Damerau–Levenshtein distance (optimal string alignment) of a and b, or max + 1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** a paste longer than this is not respelled (an error message is short; a log is not retyped) */
const MAX_TEXT = 20_000;
/** distinct unknown words looked up in one text */
const MAX_LOOKUPS = 400;

/** the edits a word of this length may be away from the word meant */
const allowed = (len: number) => (len >= 8 ? 2 : 1);

/**
 * `text` with its slips respelled against `vocabulary` (lower-case words), and which words were
 * respelled; `fixes` is empty when nothing was (the text is then returned as it was).
 */
export function respell(text: string, vocabulary: ReadonlySet<string>, keep: ReadonlySet<string> = new Set()): { text: string; fixes: Respelling[] } {
  const fixes: Respelling[] = [];
  if (text.length > MAX_TEXT) return { text, fixes };
  const seen = new Map<string, string | null>();
  const out = text.replace(WORD, (word) => {
    const lower = word.toLowerCase();
    if (vocabulary.has(lower) || keep.has(lower)) return word;
    let to = seen.get(lower);
    if (to === undefined) {
      // (a long paste: only its first distinct words are looked up)
      to = seen.size < MAX_LOOKUPS ? nearest(lower, vocabulary) : null;
      seen.set(lower, to);
    }
    if (to === null) return word;
    const spelled = word[0] === word[0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to;
    if (!fixes.some((f) => f.from === word)) fixes.push({ from: word, to: spelled });
    return spelled;
  });
  return fixes.length ? { text: out, fixes } : { text, fixes };
}

/** the one vocabulary word closest to `w` within its allowance, or null (none, or a tie) */
function nearest(w: string, vocabulary: ReadonlySet<string>): string | null {
  const max = allowed(w.length);
  let best: string | null = null;
  let bestD = max + 1;
  let tie = false;
  for (const v of vocabulary) {
    if (v.length < 5 || Math.abs(v.length - w.length) > max) continue;
    const d = editDistance(w, v, Math.min(max, allowed(v.length)));
    if (d < bestD) {
      best = v;
      bestD = d;
      tie = false;
    } else if (d === bestD && d <= max) tie = true;
  }
  return best !== null && bestD <= max && !tie ? best : null;
}

/** the lower-case words of 5 letters or more in `texts` (the catalogue's example messages) */
export function vocabularyOf(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/[A-Za-z]{5,}/g)) words.add(m[0].toLowerCase());
  return words;
}

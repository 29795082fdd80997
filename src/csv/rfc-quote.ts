// A comma file's quoted value that Personalize's backslash escapes leave broken — its quote open at
// the line end, or text after it — read as RFC 4180 instead (a backslash a plain character, "" a
// quote): an RFC 4180 export (pandas, Amplitude) whose JSON holds an escaped quote, \"" in the file
// (a backslash, then a quote). The validator names such a value (QUOTE_BACKSLASH_RFC) and the fixer
// reads it so, when the RFC 4180 reading closes the value before a separator or the line end and the
// value doubles its quotes (the file is RFC 4180, evidently).

const QUOTE = 34;

/** The index of the closing quote of the value whose opening quote is b[q], read as RFC 4180 up to the line end `e`; -1 when that does not close it there. */
export function rfcQuotedEnd(b: Uint8Array, q: number, e: number, sep: number): number {
  let doubled = false;
  for (let j = q + 1; j < e; j++) {
    if (b[j] !== QUOTE) continue;
    if (j + 1 < e && b[j + 1] === QUOTE) {
      doubled = true;
      j++;
    } else return doubled && (j + 1 === e || b[j + 1] === sep) ? j : -1;
  }
  return -1;
}

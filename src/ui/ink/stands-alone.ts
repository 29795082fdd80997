// Which characters are always a grapheme of their own, shared by text-width.ts and graphemes.ts (a
// module of its own: graphemes.ts is loaded by string-width in the built CLI, and text-width.ts loads
// string-width, so neither may import the other).

/** code points that are their own grapheme whatever surrounds them (Grapheme_Cluster_Break Other or Control, CR excluded) */
export function standsAlone(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0x2ff) ||
    (cp >= 0x2010 && cp <= 0x2027) ||
    (cp >= 0x2030 && cp <= 0x205e) ||
    (cp >= 0x2190 && cp <= 0x23ff) ||
    (cp >= 0x2500 && cp <= 0x27bf) ||
    (cp >= 0x2800 && cp <= 0x28ff)
  );
}

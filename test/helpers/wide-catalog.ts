// An items catalog wider than an items dataset takes (130 columns: item_id, title, category and 127
// attributes, as a PIM or marketplace feed exports them): 29 metadata columns beyond the 100.
export const WIDE_ATTRS = 127;

export function wideCatalog(rows = 300): string {
  const header = ['item_id', 'title', 'category', ...Array.from({ length: WIDE_ATTRS }, (_, k) => `attr_${k}`)];
  const out = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    // the attributes vary (no column has one value in every row) and are sometimes empty
    const attrs = Array.from({ length: WIDE_ATTRS }, (_, k) => ((i + k) % 4 === 0 ? '' : ['x', 'y', 'z'][(i * 7 + k) % 3]));
    out.push([`I${i}`, `Thing ${i}`, ['shoes', 'bags', 'hats'][i % 3], ...attrs].join(','));
  }
  return `${out.join('\n')}\n`;
}

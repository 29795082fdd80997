// The cross-file report as lines for a terminal (the CLI fits them to its width; values from the
// files are shown with their control characters escaped).
import { visible } from '../core/sanitize.js';
import type { CrossFileReport } from './check.js';
import { withCommas } from '../core/with-commas.js';

const fmt = (n: number) => withCommas(n);
function pct(x: number): string {
  const p = x * 100;
  return `${p === 0 ? '0' : p < 0.1 ? '< 0.1' : p >= 99.95 && p < 100 ? '> 99.9' : p.toFixed(p < 10 ? 1 : 0)} %`;
}

export function renderCrossFile(r: CrossFileReport): string {
  const lines: string[] = [];
  const n = r.findings.length;
  lines.push(`Across the files: ${n === 0 ? '✓ the IDs match' : `${n} warning${n === 1 ? '' : 's'}`} (${visible(r.interactions.file)}, ${fmt(r.interactions.rows)} interactions${r.items ? `; ${visible(r.items.file)}, ${fmt(r.items.distinct)} items` : ''}${r.users ? `; ${visible(r.users.file)}, ${fmt(r.users.distinct)} users` : ''})`);
  const facts: string[] = [];
  if (r.missingItems) facts.push(`ITEM_ID not in the items file: ${pct(r.missingItems.share)} of interactions`);
  if (r.missingUsers) facts.push(`USER_ID not in the users file: ${pct(r.missingUsers.share)}`);
  if (r.items) facts.push(`items without interactions: ${pct(r.items.withoutInteractionsShare)}`);
  if (r.users) facts.push(`users without interactions: ${pct(r.users.withoutInteractionsShare)}`);
  if (facts.length) lines.push(`  ${facts.join(' · ')}`);
  for (const note of r.notes) lines.push(`  note: ${visible(note)}`);
  for (const f of r.findings) lines.push(`  ${f.code} (${visible(f.file)}${f.line !== undefined ? `, line ${f.line}` : ''}): ${visible(f.message)}`);
  if (r.findings.length) {
    const t = r.thresholds;
    lines.push(`  (thresholds: any share above ${t.missingShareAbove} % is a warning — the console's data insights state no minimum; a likely cause recovers at least ${Math.round(t.likelyCauseShareOfMissing * 100)} % of the interactions not found)`);
  }
  return `${lines.join('\n')}\n`;
}

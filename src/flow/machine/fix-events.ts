// The fix step's EVENT_TYPE names (steps-fix.ts): a Domain group's interactions whose report warns
// DOMAIN_EVENT_TYPES. The fixer writes the domain's types in another letter case as the
// recommenders count them by itself (view → View: src/fix/event-names.ts); another name the warning
// names (transaction for Purchase) only when chosen — "Fix and continue: write view as View,
// transaction as Purchase" sets answers.eventNames, as `import --event-names` does.
import { caseOnly } from '../../fix/event-names.js';
import { alsoCalled, DOMAIN_EVENTS } from '../../validate/domain-events.js';
import type { ValidationReport } from '../../validate/index.js';
import type { Domain } from '../../core/resources.js';
import { visible } from '../../core/sanitize.js';

export interface EventRename {
  from: string;
  to: string;
  /** the fixer does it by itself (another letter case) */
  auto: boolean;
}

/**
 * The renames the report's DOMAIN_EVENT_TYPES warning points at: for each of the domain's types the
 * file lacks, the file's names for it — the same word in another case (auto), or a usual other name
 * (`alsoCalled`, as the warning reads them) — plus names already asked for (`asked`) the file has.
 */
export function eventRenames(report: ValidationReport | undefined, domain: Domain | undefined, asked: Record<string, string> | undefined): EventRename[] {
  if (!report || !domain || !report.warnings.some((w) => w.code === 'DOMAIN_EVENT_TYPES')) return [];
  const types = report.stats.eventTypes ?? [];
  const have = new Set(types.map((t) => t.name));
  const out: EventRename[] = [];
  for (const t of types) {
    if (asked?.[t.name] !== undefined) out.push({ from: t.name, to: asked[t.name], auto: false });
    else if (caseOnly(t.name, domain) && !have.has(caseOnly(t.name, domain)!)) out.push({ from: t.name, to: caseOnly(t.name, domain)!, auto: true });
  }
  for (const d of DOMAIN_EVENTS[domain]) {
    if (have.has(d.type)) continue;
    for (const t of types) {
      if (out.some((r) => r.from === t.name) || !alsoCalled(d, t.name)) continue;
      out.push({ from: t.name, to: d.type, auto: false });
    }
  }
  return out;
}

/** "view as View, transaction as Purchase" */
export const renamesText = (rs: readonly EventRename[]) => rs.map((r) => `${visible(r.from)} as ${visible(r.to)}`).join(', ');

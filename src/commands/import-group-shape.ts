// `import --csv <folder> --create`: what the schemas inferred for the new datasets do with a shop's
// exports (issue #19 with the order export's leave-out and --event-type). Each file's new schema leaves
// out the columns Personalize cannot use or should not get — personal data (e-mail addresses, names,
// phones, street addresses, notes), a different value in every interaction, one value in every row —
// said per file with why, and the fixed copy (--fix) drops them; the interactions file of a Domain
// group with no event type column gets EVENT_TYPE from --event-type, and without it the run stops
// before anything is created or uploaded, naming the flag (exit 2).
import { AppError, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { Domain } from '../core/resources.js';
import type { FileCheck } from '../flow/group-files.js';

const eventOnly = (p: { code: string; message: string }) => p.code === 'MISSING_REQUIRED' && / no column for EVENT_TYPE\./.test(p.message);

/** The interactions file whose new schema lacks only an EVENT_TYPE --event-type would give (and the value to offer); undefined otherwise. */
export function eventTypeMissing(checks: FileCheck[], eventType: string | undefined): { path: string; value: string } | undefined {
  if (eventType !== undefined) return undefined;
  const c = checks.find((x) => x.blocking?.some(eventOnly));
  return c ? { path: visible(c.file.path), value: c.eventTypeDefault ?? '<value>' } : undefined;
}

/** The usage error when a new interactions schema lacks only an EVENT_TYPE --event-type would give; undefined otherwise. */
export function shapeStop(checks: FileCheck[], eventType: string | undefined, domain: Domain | undefined): AppError | undefined {
  const m = eventTypeMissing(checks, eventType);
  if (!m) return undefined;
  return usageError(`import: ${m.path} has no event type column, which ${domain ?? 'Domain'} interactions need; nothing was created or uploaded.`,
    `Every row one event (an order export: a purchase)? Pass --event-type ${m.value} with --fix (or --fix-rejects): its new schema gets EVENT_TYPE, and its fixed copy the column with ${m.value} in every row.`);
}

/** Per file, the columns its new schema leaves out (with why), EVENT_TYPE added, and what else blocks the schema. */
export function leftOutLines(checks: FileCheck[], fixing: boolean): string[] {
  const out: string[] = [];
  for (const c of checks) {
    const path = visible(c.file.path);
    if (c.leftOut?.length) {
      out.push('', `Left out of the new schema of ${path} (${fixing ? 'its fixed copy drops them' : 'import … --fix drops them from a copy'}; keep one with --keep <column>):`);
      for (const u of c.leftOut) out.push(`  ${visible(u.column)}: ${visible(u.reason)}`);
    }
    for (const [field, value] of Object.entries(c.add ?? {})) out.push('', `${field} ${JSON.stringify(visible(value))} in every row of ${path} (--event-type): ${fixing ? 'its fixed copy gets the column' : 'import … --fix writes the column into a copy'}.`);
    for (const p of (c.blocking ?? []).filter((x) => !eventOnly(x))) out.push('', `✗ The schema inferred from ${path} cannot be created: ${visible(p.message)}`);
  }
  return out;
}

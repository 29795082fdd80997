// Import-mode rules from the dataset's job history: whether bulk data exists, what FULL would
// replace, why INCREMENTAL may be unavailable, and the typed confirmation FULL needs over existing
// data. Never a silent FULL when data exists: `defaultMode` is undefined then, the user must choose.
import type { ImportJob, ImportMode } from '../core/resources.js';

export interface ModeOption {
  mode: ImportMode;
  enabled: boolean;
  /** the consequence, in one or two sentences */
  description: string;
  /** why it cannot be picked */
  disabledReason?: string;
  /** FULL over existing bulk data: the dataset's name must be typed to confirm */
  needsConfirmation: boolean;
}

export interface ModeRules {
  /** an ACTIVE bulk import exists: the dataset holds bulk data */
  hasBulkData: boolean;
  lastActive?: { name: string; date?: Date; mode?: ImportMode };
  /** jobs still CREATE PENDING / IN_PROGRESS on this dataset */
  running: ImportJob[];
  options: ModeOption[];
  /** only when there is exactly one sensible choice (no bulk data → FULL) */
  defaultMode?: ImportMode;
}

export function formatDate(d: Date | undefined): string {
  if (!d) return 'an unknown date';
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function importModeRules(jobs: ImportJob[]): ModeRules {
  const newestFirst = [...jobs].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  const active = newestFirst.find((j) => j.status === 'ACTIVE');
  const running = newestFirst.filter((j) => j.status === 'CREATE PENDING' || j.status === 'CREATE IN_PROGRESS');
  const hasBulkData = Boolean(active);
  const last = active ? { name: active.name, date: active.updatedAt ?? active.createdAt, mode: active.importMode } : undefined;
  const full: ModeOption = hasBulkData
    ? {
        mode: 'FULL',
        enabled: true,
        needsConfirmation: true,
        description: `Replaces all bulk records imported so far (last: job ${last!.name} on ${formatDate(last!.date)}); records imported one by one are kept.`,
      }
    : { mode: 'FULL', enabled: true, needsConfirmation: false, description: 'The first bulk import into this dataset: its records become the dataset’s bulk data.' };
  const incremental: ModeOption = hasBulkData
    ? { mode: 'INCREMENTAL', enabled: true, needsConfirmation: false, description: 'Adds records; a record with an existing ID replaces it. At most 1 GB a job.' }
    : {
        mode: 'INCREMENTAL',
        enabled: false,
        needsConfirmation: false,
        description: 'Adds records to existing bulk data.',
        disabledReason: 'No bulk import has finished in this dataset yet, so there is nothing to add to: the first import is FULL.',
      };
  return { hasBulkData, lastActive: last, running, options: [full, incremental], defaultMode: hasBulkData ? undefined : 'FULL' };
}

/** The typed confirmation for FULL over existing data: the dataset's name, exactly (surrounding spaces ignored). */
export function fullConfirmationMatches(typed: string, datasetName: string): boolean {
  return typed.trim() === datasetName;
}

/** Is `mode` allowed by the rules? An error message when not. */
export function checkMode(rules: ModeRules, mode: ImportMode): string | undefined {
  const o = rules.options.find((x) => x.mode === mode);
  if (!o) return `Unknown import mode ${mode}.`;
  return o.enabled ? undefined : o.disabledReason;
}

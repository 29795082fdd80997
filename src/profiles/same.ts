// Whether a saved profile already holds the answers a run would save (issue #16 item 19: "Update
// profile" was offered when nothing had changed). Core: the machine's save step (plain mode,
// `import`) and the Ink wizard's Save screen both ask it.
import type { SavedProfile } from './store.js';

const KEPT = ['region', 'awsProfile', 'sandbox', 'datasetGroupArn', 'datasetArn', 'bucket', 'prefix', 'roleArn'] as const;

export function holdsSame(existing: Omit<SavedProfile, 'updatedAt'> | undefined, next: Omit<SavedProfile, 'updatedAt'>): boolean {
  if (!existing) return false;
  return KEPT.every((k) => (existing[k] || undefined) === (next[k] || undefined));
}

// Ordering of import jobs for `history`: newest first by creation time; undated last; ties keep
// the service's order (the sort is stable).
import type { ImportJob } from '../core/resources.js';

export function newestFirstJobs<T extends ImportJob>(jobs: T[]): T[] {
  return [...jobs].sort((a, b) => {
    const ta = a.createdAt?.getTime();
    const tb = b.createdAt?.getTime();
    if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
    if (ta === undefined && tb !== undefined) return 1;
    if (tb === undefined && ta !== undefined) return -1;
    return 0;
  });
}

// The order vitest starts test files in: the longest first, so the last files to run are short ones
// and both workers finish together. Vitest sorts by the durations of the previous run on this machine
// (node_modules/.vite/vitest); a clean clone (CI) has none, and vitest then starts the LARGEST files
// first, which put a 3 KB, 30-second property test near the end. So a file this run knows nothing
// about takes its seconds from the list below (measured on one suite, 2 workers, an idle machine;
// files under 3 s are left out and sort by size after these). The list only orders: a stale entry
// makes a run a little longer, never wrong.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { relative } from 'node:path';

const MEASURED = new Map<string, number>([
  ["test/e2e/wizard.test.ts", 77],
  ["test/validate/remote.test.ts", 22],
  ["test/flow/machine.test.ts", 44],
  ["test/validate/fastlane.test.ts", 4],
  ["test/e2e/import.test.ts", 35],
  ["test/e2e/wizard-create-tmux.test.ts", 34],
  ["test/validate/property.test.ts", 32],
  ["test/sandbox/create.test.ts", 28],
  ["test/e2e/fault-classes.test.ts", 28],
  ["test/e2e/plain.test.ts", 25],
  ["test/e2e/status-live.test.ts", 20],
  ["test/sandbox/aws-cli-create.test.ts", 19],
  ["test/commands/status.test.ts", 18],
  ["test/e2e/status-tmux.test.ts", 18],
  ["test/e2e/newcomer2-tmux.test.ts", 18],
  ["test/e2e/run-summary-tmux.test.ts", 16],
  ["test/ui/wizard.test.tsx", 15],
  ["test/e2e/import-group.test.ts", 14],
  ["test/e2e/import-group-terminal.test.ts", 13],
  ["test/e2e/s3-uri-flags.test.ts", 12],
  ["test/e2e/oneshot-json-failures.test.ts", 13],
  ["test/e2e/oneshot-flags-first.test.ts", 20],
  ["test/commands/create-check-segment.test.ts", 8],
  ["test/diagnose/filled-fixes.test.ts", 8],
  ["test/e2e/wizard-name-columns-tmux.test.ts", 10],
  ["test/e2e/wizard-wide-twice-tmux.test.ts", 10],
  ["test/e2e/wizard-color-twice-tmux.test.ts", 15],
  ["test/e2e/wizard-segment-tmux.test.ts", 9],
  ["test/e2e/wizard-keep-twice-tmux.test.ts", 9],
  ["test/e2e/wizard-keep-flag-twice-tmux.test.ts", 8],
  ["test/e2e/wizard-segment-small-tmux.test.ts", 11],
  ["test/e2e/wizard-mixpanel-tmux.test.ts", 11],
  ["test/e2e/import-exports.test.ts", 9],
  ["test/e2e/wizard-orders-tmux.test.ts", 10],
  ["test/e2e/wizard-keys-at-once-tmux.test.ts", 10],
  ["test/e2e/wizard-double-enter-tmux.test.ts", 5],
  ["test/e2e/wizard-shop-tmux.test.ts", 8],
  ["test/e2e/wizard-woo-tmux.test.ts", 16],
  ["test/e2e/wizard-cancelled-orders-tmux.test.ts", 17],
  ["test/flow/several-shop.test.ts", 7],
  ["test/e2e/import-shop.test.ts", 6],
  ["test/e2e/import-magento.test.ts", 4],
  ["test/e2e/aws-profile-env-keys.test.ts", 4],
  ["test/e2e/import-group-fix.test.ts", 6],
  ["test/commands/history.test.ts", 12],
  ["test/fix/validated-as-written.test.ts", 12],
  ["test/e2e/wizard-access-tmux.test.ts", 12],
  ["test/e2e/import-individually-create.test.ts", 12],
  ["test/ui/ink/machine-parity.test.tsx", 11],
  ["test/aws/aws-layer.test.ts", 10],
  ["test/commands/import-create-once.test.ts", 12],
  ["test/job/watcher.test.ts", 10],
  ["test/e2e/records.test.ts", 9],
  ["test/e2e/several-fix-tmux.test.ts", 17],
  ["test/e2e/findings-indent-tmux.test.ts", 7],
  ["test/e2e/wizard-signals.test.ts", 9],
  ["test/validate/shared-tables.test.ts", 9],
  ["test/sandbox/signals.test.ts", 8],
  ["test/access/propagation.test.ts", 8],
  ["test/fix/properties.test.ts", 8],
  ["test/records/import.test.ts", 8],
  ["test/e2e/import-create-terminal.test.ts", 8],
  ["test/e2e/plain-create-tmux.test.ts", 8],
  ["test/e2e/wizard-ga-export-tmux.test.ts", 9],
  ["test/e2e/wizard-ga4-visitors-tmux.test.ts", 9],
  ["test/e2e/upload-faults.test.ts", 7],
  ["test/validate/count-table.test.ts", 7],
  ["test/e2e/plain-multi-tmux.test.ts", 7],
  ["test/e2e/schema-change-tmux.test.ts", 7],
  ["test/e2e/wizard-fix-again-tmux.test.ts", 7],
  ["test/e2e/cli-rules.test.ts", 7],
  ["test/validate/engine.test.ts", 7],
  ["test/ui/job-watch.test.tsx", 7],
  ["test/e2e/fix-wizard-tmux.test.ts", 6],
  ["test/e2e/wizard-dates-tmux.test.ts", 6],
  ["test/flow/create.test.ts", 6],
  ["test/sandbox/protocol.test.ts", 6],
  ["test/e2e/import-create.test.ts", 6],
  ["test/sandbox/aws-cli.test.ts", 6],
  ["test/fix/parallel.test.ts", 6],
  ["test/flow/several-fix.test.ts", 5],
  ["test/e2e/plain-long-paths-tmux.test.ts", 5],
  ["test/flow/fix-again.test.ts", 4],
  ["test/crossfile/check.test.ts", 5],
  ["test/commands/fix.test.ts", 5],
  ["test/ui/watch.test.tsx", 5],
  ["test/aws/upload-guard.test.ts", 5],
  ["test/e2e/records-wizard.test.ts", 5],
  ["test/sandbox/aws-cli-kms.test.ts", 5],
  ["test/e2e/import-terminal.test.ts", 5],
  ["test/e2e/import-dry-run.test.ts", 5],
  ["test/commands/validate-with.test.ts", 5],
  ["test/e2e/import-fix.test.ts", 4],
  ["test/commands/validate.test.ts", 4],
  ["test/validate/sketch.test.ts", 4],
  ["test/validate/corpus.test.ts", 4],
  ["test/crossfile/memory.test.ts", 4],
  ["test/flow/group-jobs.test.ts", 4],
  ["test/e2e/sandbox-print-env.test.ts", 4],
  ["test/commands/validate-s3.test.ts", 4],
  ["test/e2e/access-terminal.test.ts", 3],
  ["test/ui/live-ticks.test.tsx", 3],
  ["test/commands/schema.test.ts", 3],
  ["test/ui/ink-trust.test.tsx", 3],
  ["test/validate/parallel-duplicates.test.ts", 3],]);

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const seconds = (f: TestSpecification): number => {
      const file = relative(config.root, f.moduleId);
      const last = cache.getFileTestResults(`${f.project.name}:${file}`);
      if (last) return last.duration / 1000;
      // not in the list: under 3 s; larger files first among them
      return MEASURED.get(file) ?? (cache.getFileStats(`${f.project.name}:${file}`)?.size ?? 0) / 1e6;
    };
    const known = new Map(files.map((f) => [f, seconds(f)]));
    return [...files].sort((a, b) => known.get(b)! - known.get(a)!);
  }
}

// The line printer for a job being watched: one line per status change with the elapsed time,
// passing notes dim, the failure reason beneath a failure. Used by `status`, by `import` and by
// plain mode (the Ink view draws the same snapshots as live rows instead).
import type { JobSnapshot } from './watcher.js';
import { clockDuration, paint, type Paint } from './format.js';
import { safeLine } from '../diagnose/escape.js';

export interface LinePrinterOptions {
  color?: boolean;
}

export interface LinePrinter {
  /** prints what this snapshot adds (nothing when the status did not change and there is no note) */
  print(s: JobSnapshot): void;
}

export function jobHeader(s: JobSnapshot, p: Paint = paint(false)): string {
  const j = s.job;
  const bits = [j.importMode, j.dataLocation].filter(Boolean).join(' from ');
  return `${p.bold(`Import job ${safeLine(j.name)}`)}${bits ? ` (${safeLine(bits)})` : ''}`;
}

export function statusLine(s: JobSnapshot, p: Paint = paint(false)): string {
  const t = `[${clockDuration(s.elapsedMs)}]`;
  const st = s.status === 'ACTIVE' ? p.green(s.status) : s.status === 'CREATE FAILED' ? p.red(s.status) : s.status;
  return `  ${p.dim(t)} ${st}`;
}

export function createLinePrinter(out: { write(s: string): unknown }, opts: LinePrinterOptions = {}): LinePrinter {
  const p = paint(Boolean(opts.color));
  let first = true;
  let lastNote: string | undefined;
  return {
    print(s) {
      if (first) {
        out.write(`${jobHeader(s, p)}\n`);
        first = false;
      }
      if (s.changed && s.status !== 'UNKNOWN') out.write(`${statusLine(s, p)}\n`);
      if (s.note && s.note !== lastNote) out.write(`  ${p.dim(`[${clockDuration(s.elapsedMs)}] ${s.note}`)}\n`);
      lastNote = s.note;
      if (s.done && s.status === 'CREATE FAILED') {
        out.write(`    ${p.red('reason:')} ${s.job.failureReason !== undefined ? safeLine(s.job.failureReason) : '(the service gave no failure reason)'}\n`);
      }
    },
  };
}

/** Drives a watch to its end through the line printer; returns the last snapshot. */
export async function printJobLines(snapshots: AsyncIterable<JobSnapshot>, out: { write(s: string): unknown }, opts: LinePrinterOptions = {}): Promise<JobSnapshot | undefined> {
  const printer = createLinePrinter(out, opts);
  let last: JobSnapshot | undefined;
  for await (const s of snapshots) {
    printer.print(s);
    last = s;
  }
  return last;
}

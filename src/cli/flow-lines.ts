// The step machine's events as lines (plain mode and `import`): the same stream the Ink wizard
// draws live, printed for logs, screen readers and pipes. No cursor movement, no redraws.
import { fittedWriter, writeFitted } from '../core/fit.js';
import type { Io } from '../core/ports.js';
import { matchCreateError } from '../diagnose/catalogue.js';
import { formatChecks, paintFor, statementBlocks, STATUS_LABEL } from '../diagnose/report.js';
import { formatBytes } from '../flow/run.js';
import type { FlowEvent, StepModel, Tone } from '../flow/machine/index.js';
import { useColor } from '../job/format.js';
import { createLinePrinter } from '../job/lines.js';
import { renderReport } from '../commands/validate-report.js';
import { visible } from '../core/sanitize.js';
import { failedFileLines } from '../flow/verdict.js';
import { issueTotal } from '../validate/issues.js';

export interface LinePrinterOptions {
  io: Io;
  /** human lines (stderr when stdout carries --json) */
  out: NodeJS.WritableStream;
  /** plain mode: step headings and answered-by-profile lines; `import`: only what happens */
  headings: boolean;
  /** the wording after a failed validation: plain mode goes on asking */
  interactive: boolean;
}

export function flowLinePrinter(o: LinePrinterOptions): { event(e: FlowEvent): void; line(text?: string, tone?: Tone): void; err(text: string): void; headed(m: StepModel): boolean } {
  const out = o.out;
  const isTTY = Boolean((out as { isTTY?: boolean }).isTTY);
  const p = paintFor(o.io.env, isTTY);
  const line = (text = '', tone: Tone = 'plain') => {
    const t = tone === 'dim' ? p.dim(text) : tone === 'bold' ? p.bold(text) : tone === 'ok' ? p.green(text) : tone === 'warn' ? p.yellow(text) : tone === 'error' ? p.red(text) : text;
    writeFitted(out, `${t}\n`);
  };
  const err = (text: string) => writeFitted(o.io.stderr, `${text}\n`);
  const jobs = createLinePrinter(fittedWriter(out), { color: useColor(o.io.env, isTTY) });
  let screen: string | undefined;
  /** the step whose 'step' event printed its screen's heading (the question asked next may be that title) */
  let headedStep: string | undefined;
  let nextPct = 25;
  let total = 0;
  return {
    line,
    err,
    /** whether `m`'s screen heading was printed for it, just before it is asked */
    headed: (m) => headedStep === m.id,
    event(e) {
      switch (e.type) {
        case 'step':
          headedStep = undefined;
          // a heading when the screen's title changes (run steps too: Validation, Import)
          if (o.headings && e.model.title !== screen) {
            screen = e.model.title;
            headedStep = e.model.id;
            line();
            line(e.model.title, 'bold');
            line(e.model.purpose, 'dim');
          }
          // a line about the choices (“Fix and continue” writes …) only where the question is asked
          if (e.model.kind !== 'run') for (const l of e.model.lines) if (o.interactive || !l.asked) line(l.text, l.tone);
          break;
        case 'answered':
          // only a preset answer (nothing was asked): a group the run made has its own ✔ line already
          if (o.headings && e.from) line(`✔ ${e.label}: ${e.value} (from ${e.from})`, 'dim');
          break;
        case 'note':
          if (e.stderr) err(e.text);
          else line(e.text, e.tone);
          break;
        case 'validating':
          line(`Validating ${e.source} against ${e.dataset}…`, 'dim');
          break;
        case 'validated': {
          // (the wizard has no --json: `import`'s report names it)
          const text = renderReport(e.report, e.source, [], { jsonHint: !o.interactive });
          // no "Validating …" line came before: the report was made earlier in the run
          if (e.checkedBefore) line(`${visible(e.source)} was checked ${e.checkedBefore}, against the schema it was created with; unchanged since, it was not read again:`, 'dim');
          if (e.report.valid) {
            writeFitted(out, e.report.warnings.length ? text : `${text.split('\n')[0]}\n`);
            if (e.otherFails) line(e.otherFails, 'warn');
          } else {
            writeFitted(out, text);
            // what the file would do as it is, not "Validation failed": that read as the run's end, and
            // what follows may be no end — plain mode asks what to do (fix and continue, another file,
            // quit), `import --fix` writes the fixed copy next; `import` without it ends at once, its
            // end saying what was (not) done and what to do
            const [verdict, next] = failedFileLines(visible(e.source), e.report.errors, issueTotal(e.report.errors, e.report.stats.issueCounts));
            err(o.interactive ? `${p.red(verdict)}\n${next}` : p.red(verdict));
          }
          break;
        }
        case 'validation-skipped':
          err(e.loud ? `${p.yellow('⚠ VALIDATION SKIPPED (--skip-validation):')} ${e.reason}` : `${p.yellow('⚠ Not validated:')} ${e.reason}`);
          break;
        case 'upload-start':
          total = e.bytes;
          nextPct = 25;
          line(`Uploading ${formatBytes(e.bytes)} to s3://${e.bucket}/${e.key} …`);
          break;
        case 'upload-progress': {
          const pct = e.total ? Math.floor((e.loaded / e.total) * 100) : 0;
          if (total >= 8 * 1024 * 1024 && pct >= nextPct && pct < 100) {
            line(`  ${pct}%  ${formatBytes(e.loaded)} of ${formatBytes(e.total)}${e.etaSeconds !== undefined ? `, about ${Math.ceil(e.etaSeconds)} s left` : ''}`, 'dim');
            nextPct = Math.floor(pct / 25) * 25 + 25;
          }
          break;
        }
        case 'uploaded':
          line(`Uploaded s3://${e.bucket}/${e.key} (${formatBytes(e.bytes)}) in ${(e.ms / 1000).toFixed(1)} s`);
          break;
        case 'preflight': {
          const pre = e.result;
          const counts = (['PASS', 'FAIL', 'CANT_CHECK'] as const).map((st) => [st, pre.checks.filter((c) => c.status === st).length] as const).filter(([, n]) => n > 0);
          line(`Preflight: ${counts.map(([st, n]) => `${n} ${STATUS_LABEL[st]}`).join(', ')}`);
          const shown = pre.checks.filter((c) => c.status !== 'PASS');
          if (shown.length) line(formatChecks(shown, p));
          if (e.blocked) {
            for (const b of statementBlocks(pre.checks, pre, 'preflight', e.roleArn)) {
              line(`  ${p.bold(b.title)}`);
              line(`  ${b.howTo}`);
              line(JSON.stringify(b.json, null, 2).split('\n').map((l) => `    ${l}`).join('\n'));
            }
          }
          break;
        }
        case 'creating':
          line(`Creating the import job (reading ${e.dataLocation}) …`, 'dim');
          break;
        case 'create-refused': {
          const m = matchCreateError(e.error);
          line(`${p.red('✗')} ${p.bold(m.title)}${m.known ? '' : ' (not in the catalogue)'}`);
          line(`  Cause: ${m.cause}`);
          line(`  Fix:   ${m.fix}`);
          if ('docs' in m && m.docs) line(`  Docs:  ${m.docs}`, 'dim');
          break;
        }
        case 'created':
          line(`Created import job ${p.bold(e.jobArn.split('/').pop() ?? e.jobArn)}: ${e.jobArn}`);
          break;
        case 'dry-run':
          line('Dry run: the CreateDatasetImportJob request that would be sent (nothing was uploaded or created):', 'bold');
          line(JSON.stringify(e.request, null, 2).split('\n').map((l) => `  ${l}`).join('\n'));
          break;
        case 'job':
          jobs.print(e.snapshot);
          break;
        case 'group-rows':
          // the rows are for a live view; a line says what changed
          if (e.line) line(e.line.text, e.line.tone);
          break;
        case 'finished':
          for (const [i, l] of e.lines.entries()) line(l, i === 0 ? (e.status === 'ACTIVE' ? 'ok' : 'error') : 'plain');
          break;
        default:
          break;
      }
    },
  };
}

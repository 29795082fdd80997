// `import --csv a --csv b … --fix [--fix-rejects]` (issue #19 with #14's fixer): a script or CI job
// importing a folder of exports fixes them in the same command. Each invalid file the fixer repairs
// gets a fixed copy beside it under the single-file path's name (fixPaths: never over a file that is
// there), fixed against the schema it was validated against; its summary a few lines a file; the
// copies then replace the files and import-group.ts validates again. The rules are the wizard's
// several-files fix (steps-several-fix.ts: fixOffer, copyOf, shortSummary), answered by the flags:
// a file the fixer cannot repair, or one with rows to set aside without --fix-rejects, stops the run
// before anything is created or uploaded — and before any copy is written when that is known from
// the validation; found only while fixing, the copies this run wrote are removed again, so a run
// again (with --fix-rejects) finds the folder as it was.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { visible } from '../core/sanitize.js';
import type { Domain, ImportMode } from '../core/resources.js';
import type { StorageApi } from '../core/ports.js';
import type { FileCheck, GroupFile } from '../flow/group-files.js';
import { evidenceFromRejects } from '../flow/date-order.js';
import { withCommas } from '../core/with-commas.js';

/** --json: per file, the single-file path's `fix` (plus `problem` when the fixer could not) */
export interface FixDoc {
  input: string;
  output: string | null;
  fixed: boolean;
  changes: unknown;
  rejected: number;
  rejects?: string;
  problem?: string;
}

export interface GroupFixOutcome {
  /** the files to validate again: each fixed one replaced by its copy */
  files: GroupFile[];
  /** by the absolute path of the file as it was given */
  docs: Map<string, FixDoc>;
  /** a copy's absolute path → its file's */
  origin: Map<string, string>;
  /** set when the run stops (exit 1): the lines saying which file, why, and the flag that would help */
  stop?: string[];
}

const n = (x: number) => withCommas(x);
const rows = (x: number) => `${n(x)} row${x === 1 ? '' : 's'}`;

/** Fixes the invalid files of `checks` (all of them, or none when one cannot be). */
export async function fixGroupFiles(files: GroupFile[], checks: FileCheck[], o: {
  rejects: boolean; domain?: Domain; mode: (f: GroupFile) => ImportMode; signal: AbortSignal;
  /** --dates: the order every file's dates in numbers only are read in (one system's exports write one order) */
  dates?: 'day-first' | 'month-first';
  /** --decimal: every file's decimal mark (a number written two ways, 1,234, is read with it) */
  decimal?: 'comma' | 'point';
  /** --event-names: the interactions file's EVENT_TYPE values written again */
  eventNames?: Record<string, string>;
  s3: Pick<StorageApi, 'read' | 'head'>; say: (s?: string) => void;
}): Promise<GroupFixOutcome> {
  const [{ fixOffer, copyOf, shortSummary, needsCopy, shapeOfCheck }, { runFix, summaryLines }] = await Promise.all([import('../flow/machine/steps-several-fix.js'), import('../flow/machine/steps-fix.js')]);
  const docs = new Map<string, FixDoc>();
  const offers = checks.filter(needsCopy).map((c) => fixOffer(c, undefined, o.dates, o.decimal));
  // what the validation already tells: nothing is written
  const stop: string[] = [];
  for (const f of offers) {
    const path = visible(f.check.file.path);
    if (f.why) {
      stop.push(`✗ ${path}: the fixer cannot repair it — ${visible(f.why)}. Fix it yourself (its report is above); --fix and --fix-rejects do not help with that.`);
      docs.set(f.check.file.abs, { input: f.check.file.path, output: null, fixed: false, changes: [], rejected: 0, problem: f.why });
    } else if (f.fix?.setAside && !o.rejects) {
      stop.push(`✗ ${path}: ${f.fix.setAside === 1 ? 'a row' : `about ${rows(f.fix.setAside)}`} the fixer cannot repair without guessing (the lines its report lists). Pass --fix-rejects to set ${f.fix.setAside === 1 ? 'it' : 'them'} aside in ${visible(basename(f.fix.rejects))} and import the rest.`);
      docs.set(f.check.file.abs, { input: f.check.file.path, output: null, fixed: false, changes: [], rejected: f.fix.setAside, problem: 'rows the fixer cannot repair: --fix-rejects sets them aside' });
    }
  }
  if (stop.length) return { files, docs, origin: new Map(), stop: [...stop, 'No fixed copy was written; nothing was created or uploaded.'] };

  const written: string[] = [];
  const replaced = new Map<GroupFile, GroupFile>();
  try {
    for (const f of offers) {
      const { file } = f.check;
      const { output, rejects } = f.fix!;
      o.say();
      o.say(`Fixing ${visible(file.path)} → ${visible(basename(output))}${o.rejects ? ` (rows that cannot be fixed → ${visible(basename(rejects))})` : ''} …`);
      const r = await runFix({ kind: 'local', path: file.abs }, o.s3, {
        schema: f.check.schema, output, ...shapeOfCheck(f.check), ...(o.rejects ? { rejects } : {}), ...(o.dates ? { dates: o.dates } : {}), ...(o.decimal ? { decimal: o.decimal } : {}), ...(o.eventNames && file.type === 'INTERACTIONS' ? { eventNames: o.eventNames } : {}), datasetType: file.type, domain: o.domain, mode: o.mode(file), signal: o.signal,
      });
      if (r.output) written.push(r.output);
      if (r.rejects.file) written.push(r.rejects.file);
      const doc: FixDoc = { input: file.path, output: r.output ?? null, fixed: r.fixed, changes: r.summary.changes, rejected: r.summary.rejected, ...(r.rejects.file ? { rejects: r.rejects.file } : {}), ...(r.problem ? { problem: r.problem } : {}) };
      for (const l of shortSummary(summaryLines(r))) o.say(l);
      if (r.problem) {
        docs.set(file.abs, doc);
        stop.push(`✗ ${visible(file.path)}: the fixer could not — ${visible(r.problem)}. Fix it yourself; --fix and --fix-rejects do not help with that.`);
        break;
      }
      // every row set aside would leave an empty copy; dates in numbers only need --dates
      const all = r.summary.rows > 0 && r.summary.rejected >= r.summary.rows;
      const dated = o.dates ? undefined : evidenceFromRejects(r.rejects.listed);
      const dates = dated ? ` Its dates are written in numbers only (${visible((dated.evidence.example ?? dated.evidence.dayFirst ?? dated.evidence.monthFirst)!.value)}): pass --dates day-first or --dates month-first (the order your system writes them in) with --fix.` : '';
      if (!r.output || all) {
        docs.set(file.abs, doc);
        const lines = r.rejects.listed.map((x) => x.line);
        const what = `✗ ${visible(file.path)}: ${all ? `every row (${n(r.summary.rejected)})` : rows(r.summary.rejected)} cannot be fixed without guessing (line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 20).join(', ')}${r.summary.rejected > lines.length ? ', …' : ''}).`;
        stop.push(`${what}${all ? ' Setting them aside would leave nothing to import.' : ''}${dates || (all ? '' : ` Pass --fix-rejects to set ${r.summary.rejected === 1 ? 'it' : 'them'} aside in ${visible(basename(rejects))} and import the rest.`)}`);
        break;
      }
      docs.set(file.abs, doc);
      replaced.set(file, copyOf(file, r.output));
    }
  } catch (e) {
    // a stop (Ctrl-C) or a read error: the copies of this run go too (the fixer leaves no partial one)
    for (const p of written) rmSync(p, { force: true });
    throw e;
  }
  if (stop.length) {
    for (const p of written) rmSync(p, { force: true });
    for (const d of docs.values()) {
      if (!d.output) continue;
      Object.assign(d, { output: null, fixed: false, problem: 'removed again: another file stopped the run' });
      delete d.rejects;
    }
    return { files, docs, origin: new Map(), stop: [...stop, `${written.length ? 'The fixed copies written for the other files were removed again; n' : 'N'}othing was created or uploaded.`] };
  }
  return { files: files.map((f) => replaced.get(f) ?? f), docs, origin: new Map([...replaced].map(([f, c]) => [c.abs, f.abs])) };
}

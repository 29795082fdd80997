// Step 5: the validation engine against the dataset's schema, with a progress bar; then the
// result. Errors block (the way out: pick another file, or quit and fix it); warnings need an
// explicit "continue"; a clean file goes straight on.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { validateCsv, type CsvSource as VSource, type ValidationReport } from '../../../validate/engine.js';
import { judgeBothModes, type ReportsByMode } from '../../../validate/modes.js';
import type { Issue } from '../../../validate/issues.js';
import { formatBytes } from '../../../flow/run.js';
import { errorVerdict } from '../../../flow/verdict.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import { useFindings } from './Findings.js';
import type { StepProps } from '../types.js';
import { visible, visibleText } from '../../../core/sanitize.js';
import { recordsOffered } from './RecordsStep.js';
import { fixOffered, fixPaths, runFix, summaryLines as fixSummaryLines } from '../../../flow/machine/steps-fix.js';
import type { FixResult } from '../../../fix/index.js';
import type { CsvSource } from '../../../flow/index.js';

/** "Fix and continue" (issue #14): the machine's fix step (src/flow/machine/steps-fix.ts) drawn here. */
type FixPhase =
  | { phase: 'running'; output: string }
  | { phase: 'rejects'; count: number; lines: number[]; output: string; rejects: string }
  | { phase: 'done'; r: FixResult; lines: string[] };

export function issueLine(i: Issue): string {
  const where = [i.file ? `${i.file.split('/').pop()}` : undefined, i.line !== undefined ? `line ${i.line}` : undefined, i.column ? `column ${i.column}` : undefined].filter(Boolean).join(', ');
  const more = i.count && i.count > 1 ? ` (${i.count.toLocaleString('en-US')} in all)` : '';
  // the engine's messages often name the line already
  const named = i.line !== undefined && new RegExp(`\\bline ${i.line}\\b`, 'i').test(i.message);
  // file names and messages quote the file's bytes: control characters escaped (src/core/sanitize.ts)
  return visibleText(`${where && !named ? `${where}: ` : ''}${i.message}${more}`);
}

/** Occurrences in all, per code counted once (the first kept issue carries the code's total). */
export function countIssues(issues: Issue[]): number {
  const byCode = new Map<string, Issue[]>();
  for (const i of issues) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i]);
  let total = 0;
  for (const list of byCode.values()) total += Math.max(list.length, ...list.map((i) => i.count ?? 0));
  return total;
}

/** One entry per code: the first occurrence in full, the other kept lines listed after it. */
export function groupIssues(issues: Issue[]): string[] {
  const byCode = new Map<string, Issue[]>();
  for (const i of issues) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i]);
  return [...byCode.values()].map((list) => {
    const first = list[0];
    const others = list.slice(1).filter((i) => i.line !== undefined).map((i) => i.line);
    const total = Math.max(first.count ?? list.length, list.length);
    const also = others.length ? ` Also line${others.length > 1 ? 's' : ''} ${others.slice(0, 6).join(', ')}${others.length > 6 ? ', …' : '.'}` : '';
    return `${issueLine({ ...first, count: undefined })}${also}${total > 1 ? ` (${total.toLocaleString('en-US')} in all)` : ''}`;
  });
}

export function statsLine(r: ValidationReport): string {
  const s = r.stats;
  const bits = [`${r.rows.toLocaleString('en-US')} rows`, formatBytes(s.bytes)];
  if (s.uniqueUsers !== undefined) bits.push(`${s.uniqueUsers.toLocaleString('en-US')} users`);
  if (s.uniqueItems !== undefined) bits.push(`${s.uniqueItems.toLocaleString('en-US')} items`);
  if (s.eventTypes?.length) bits.push(`event types ${s.eventTypes.slice(0, 3).map((e) => visible(e.name)).join(', ')}${s.eventTypes.length > 3 ? '…' : ''}`);
  if (s.timestamp) bits.push(`${s.timestamp.minIso.slice(0, 10)} → ${s.timestamp.maxIso.slice(0, 10)}`);
  // a bounded table filled up: say what the figures leave out
  if (s.approximateReasons?.length) bits.push(`approximate: ${s.approximateReasons.join(' ')}`);
  return bits.join(' · ');
}

export function ValidateStep({ conn, answers, loaded, done, back, exit, listLimit, columns, onInterrupt }: StepProps) {
  const [reportsByMode, setReportsByMode] = useState<ReportsByMode | undefined>(undefined);
  const [progress, setProgress] = useState<{ bytes: number; rows: number; total?: number }>({ bytes: 0, rows: 0 });
  const [report, setReport] = useState<ValidationReport | undefined>();
  const [error, setError] = useState<unknown>();
  const [skipped, setSkipped] = useState<string | undefined>();
  const last = useRef(0);
  const acRef = useRef<AbortController | undefined>(undefined);
  const [fix, setFix] = useState<FixPhase | undefined>();
  // the fixed copy, once written: the source from here on (re-validated, uploaded, named by the review)
  const [fixed, setFixed] = useState<CsvSource | undefined>();
  const fixPatch = fixed ? { source: fixed } : {};
  const where = useRef<{ output: string; rejects: string } | undefined>(undefined);

  const startFix = (withRejects: boolean) => {
    const src = answers.source!;
    where.current ??= fixPaths(src, true);
    const { output, rejects } = where.current;
    setFix({ phase: 'running', output });
    runFix(src, conn!.s3, {
      schema: loaded.details!.schema!, output, rejects: withRejects ? rejects : undefined,
      datasetType: answers.datasetType, domain: answers.domain, mode: answers.importMode ?? (loaded.details?.rules.hasBulkData ? 'INCREMENTAL' : 'FULL'), signal: acRef.current?.signal,
    }).then((r) => {
      if (acRef.current?.signal.aborted) return;
      if (r.problem) return setError(new Error(`The file cannot be fixed: ${r.problem}`));
      if (!r.output && r.summary.rejected > 0) return setFix({ phase: 'rejects', count: r.summary.rejected, lines: r.rejects.listed.map((x) => x.line), output, rejects });
      setFix({ phase: 'done', r, lines: fixSummaryLines(r) });
    }, (e) => !acRef.current?.signal.aborted && setError(e));
  };
  const continueFixed = (r: FixResult) => {
    const src: CsvSource = { kind: 'local', path: r.output! };
    setFixed(src);
    setFix(undefined);
    let shown = r.report!;
    let byMode: ReportsByMode | undefined;
    if (loaded.details?.rules.hasBulkData) ({ byMode, shown } = judgeBothModes(shown, answers.importMode ?? 'INCREMENTAL', Boolean(answers.importMode)));
    if (shown.valid && !shown.warnings.length) done({ source: src }, { report: shown, reportsByMode: byMode, acceptedWarnings: false });
    else {
      setReportsByMode(byMode);
      setReport(shown);
    }
  };

  useEffect(() => {
    const ac = new AbortController();
    acRef.current = ac;
    const schema = loaded.details?.schema;
    if (!schema) {
      setSkipped("The dataset's schema could not be read, so the file cannot be checked here; the import job will check it.");
      return;
    }
    (async () => {
      const src = answers.source!;
      let sources: VSource[];
      let total: number | undefined;
      if (src.kind === 'local') {
        total = statSync(src.path).size;
        // path: the engine may split a big file across threads, and read it again (sorted mode)
        sources = [{ name: src.path, path: src.path, size: total, open: () => createReadStream(src.path, { highWaterMark: 1 << 20 }) }];
      } else if (!src.key || src.key.endsWith('/')) {
        const objs = (await conn!.s3.list(src.bucket, src.key)).filter((o) => o.size > 0 && !o.key.endsWith('/'));
        total = objs.reduce((a, o) => a + o.size, 0);
        sources = objs.map((o) => ({ name: o.key, size: o.size, open: () => conn!.s3.read(src.bucket, o.key) }));
      } else {
        const h = await conn!.s3.head(src.bucket, src.key);
        total = h?.size;
        sources = [{ name: src.key, size: h?.size, open: () => conn!.s3.read(src.bucket, src.key) }];
      }
      setProgress({ bytes: 0, rows: 0, total });
      const r = await validateCsv(sources, {
        schema,
        datasetType: answers.datasetType,
        domain: answers.domain,
        // validated for the mode it will most likely be imported with (FULL's minimums are stricter)
        mode: loaded.details?.rules.hasBulkData ? 'INCREMENTAL' : 'FULL',
        totalBytes: total,
        // big local files are split at newlines and checked on two threads, as by `validate`
        workers: Math.min(2, availableParallelism()),
        signal: ac.signal,
        onProgress: (bytes, rows) => {
          const now = Date.now();
          if (now - last.current < 100) return;
          last.current = now;
          setProgress({ bytes, rows, total });
        },
      });
      if (ac.signal.aborted) return;
      // A dataset with bulk data takes FULL or INCREMENTAL, and two findings depend on which (the
      // size limit, too few active users): judge the file for both. It is stopped here only if it
      // fails for every mode open to it (or for the mode a profile or flag already chose).
      let shown = r;
      let byMode: ReportsByMode | undefined;
      if (loaded.details?.rules.hasBulkData) {
        ({ byMode, shown } = judgeBothModes(r, answers.importMode ?? 'INCREMENTAL', Boolean(answers.importMode)));
      }
      if (shown.valid && !shown.warnings.length) done({}, { report: shown, reportsByMode: byMode, acceptedWarnings: false }, { auto: true });
      else {
        setReportsByMode(byMode);
        setReport(shown);
      }
    })().catch((e) => !ac.signal.aborted && setError(e));
    onInterrupt(() => {
      ac.abort();
      exit(130, ['Stopped during validation. Nothing was uploaded or created.']);
    });
    return () => {
      ac.abort();
      onInterrupt(undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // every finding, each error with the warning that explains it; "a" expands the list (item 3 of #16)
  const findings = useFindings(report?.errors ?? [], report?.warnings ?? [], { lines: Math.max(4, listLimit), columns: columns ?? 80 }, Boolean(report) && !fix && !error && !skipped);
  // the other mode fails where this report does not (shown on the warnings screen)
  const otherFails = report && reportsByMode && report.valid ? (['FULL', 'INCREMENTAL'] as const).find((m) => m !== report.mode && !reportsByMode[m].valid) : undefined;

  if (skipped) {
    return (
      <Box flexDirection="column">
        <Text color="yellow" wrap="wrap">{skipped}</Text>
        <Select items={[{ label: 'Continue without validation', value: 'go' }, { label: 'Pick another file', value: 'back' }]} onBack={back} onSelect={(v) => (v === 'go' ? done({}, { report: undefined }) : back())} />
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (error) {
    return (
      <Box flexDirection="column">
        <ErrorBox error={error} title="The file could not be read" />
        <Select items={[{ label: 'Pick another file', value: 'back' }, { label: 'Quit', value: 'quit' }]} onBack={back} onSelect={(v) => (v === 'back' ? back() : exit(1))} />
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (!report) {
    const ratio = progress.total ? progress.bytes / progress.total : 0;
    return (
      <Box flexDirection="column">
        <Spinner label={`Checking ${progress.rows.toLocaleString('en-US')} rows against the ${answers.datasetType?.toLowerCase()} schema…`} />
        {progress.total ? <ProgressBar ratio={ratio} label={`${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}`} /> : null}
        <KeyHints hints={['Ctrl-C stop']} />
      </Box>
    );
  }
  if (fix?.phase === 'running') {
    return (
      <Box flexDirection="column">
        <Spinner label={`Writing the fixed copy ${fix.output} …`} />
        <KeyHints hints={['Ctrl-C stop']} />
      </Box>
    );
  }
  if (fix?.phase === 'rejects') {
    const { count, lines } = fix;
    return (
      <Box flexDirection="column">
        <Text color="red" wrap="wrap">{count.toLocaleString('en-US')} row{count === 1 ? '' : 's'} cannot be fixed without guessing (line{count === 1 ? '' : 's'} {lines.slice(0, 8).join(', ')}{count > Math.min(8, lines.length) ? ', …' : ''}). Nothing was written.</Text>
        <Select
          items={[
            { label: `Write ${count === 1 ? 'it' : 'them'} to ${fix.rejects.split('/').pop()} and continue with the rest`, value: 'rejects', hint: 'beside the fixed copy, with the original line numbers' },
            { label: 'Pick another file', value: 'back' },
          ]}
          onBack={back}
          onSelect={(v) => (v === 'rejects' ? startFix(true) : back())}
        />
        <KeyHints hints={['Enter choose', 'Esc pick another file', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (fix?.phase === 'done') {
    const r = fix.r;
    return (
      <Box flexDirection="column">
        {fix.lines.slice(0, Math.max(6, listLimit + 4)).map((l, i) => (
          <Text key={i} wrap="truncate-end" color={l.startsWith('✓') ? 'green' : l.startsWith('✗') ? 'red' : undefined} dimColor={l.startsWith('    e.g.')}>{l || ' '}</Text>
        ))}
        {r.output ? (
          <Select items={[{ label: 'Continue with the fixed file', value: 'go', hint: r.output }, { label: 'Pick another file', value: 'back' }]} onBack={back} onSelect={(v) => (v === 'go' ? continueFixed(r) : back())} />
        ) : (
          <Select items={[{ label: 'Pick another file', value: 'back' }]} onBack={back} onSelect={() => back()} />
        )}
        <KeyHints hints={['Enter choose', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  const errs = report.errors;
  const canFix = Boolean(conn) && fixOffered(report, loaded.details?.schema, answers.source, fixed?.kind === 'local' ? fixed.path : undefined) && !fixed;
  const warns = report.warnings;
  if (errs.length) {
    const totalErrors = countIssues(errs);
    return (
      <Box flexDirection="column">
        <Text color="red" bold wrap="wrap">✖ {errorVerdict(errs, totalErrors)}</Text>
        <Text dimColor wrap="wrap">{statsLine(report)}</Text>
        {findings.view}
        <Text wrap="wrap">{canFix ? `Every error is one the fixer repairs: “Fix and continue” writes a fixed copy${answers.source?.kind === 'local' ? ' beside the file' : ' in a temp folder'} (the file itself is not changed).` : 'Fix the file and run this again, or pick another file.'}</Text>
        <Select
          items={[
            ...(canFix ? [{ label: 'Fix and continue', value: 'fix', hint: 'shows what changed, checks the copy again' }] : []),
            { label: 'Pick another file', value: 'back' },
            { label: 'Quit (fix the file first)', value: 'quit' },
            // only bulk-job minimums failed (e.g. < 1000 interactions): records can still go in one by one
            ...(recordsOffered({ datasetType: answers.datasetType, report, hasBulkData: loaded.details?.rules.hasBulkData, local: answers.source?.kind === 'local', available: Boolean(conn?.records) }) ? [{ label: 'Import record by record instead', value: 'records', hint: 'no minimum, no S3' }] : []),
          ]}
          onBack={back}
          onSelect={(v) => (v === 'fix' ? startFix(false) : v === 'back' ? back() : v === 'records' ? done(fixPatch, { report, acceptedWarnings: true }) : exit(1, ['The CSV has errors; nothing was uploaded or created. Fix the lines listed above and run this again.']))}
        />
        <KeyHints hints={['Enter choose', findings.hint, 'Esc pick another file', 'Ctrl-C quit']} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text color="yellow" bold>! No errors, {warns.length} warning{warns.length > 1 ? 's' : ''}:</Text>
      <Text dimColor wrap="wrap">{statsLine(report)}</Text>
      {findings.view}
      {otherFails ? <Text color="yellow" wrap="wrap">An {otherFails} import would fail: {visibleText(reportsByMode![otherFails].errors.map((e) => e.message).join(' '))} The next steps offer {report.mode} only.</Text> : null}
      <Select items={[{ label: `Continue anyway (${warns.length} warning${warns.length > 1 ? 's' : ''})`, value: 'go' }, { label: 'Pick another file', value: 'back' }]} onBack={back} onSelect={(v) => (v === 'go' ? done(fixPatch, { report, reportsByMode, acceptedWarnings: true }) : back())} />
      <KeyHints hints={['↑↓ move', 'Enter choose', findings.hint, 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

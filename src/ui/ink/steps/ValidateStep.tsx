// The validation report, drawn under a finished validation (the machine's validate step emits it;
// the verdict / fix step under it asks what now): errors grouped by kind with their lines, the
// file's figures, warnings. The file keeps its name from when it was the whole validation screen.
import React from 'react';
import { Box, Text, useStdout } from 'ink';
import type { ValidationReport } from '../../../validate/engine.js';
import type { Issue } from '../../../validate/issues.js';
import { formatBytes } from '../../../flow/run.js';
import { errorVerdict } from '../../../flow/verdict.js';
import { visible, visibleText } from '../../../core/sanitize.js';
import { useFindings } from './Findings.js';
import { PER_COLUMN, namesColumn } from '../../../validate/findings.js';
import { withCommas } from '../../../core/with-commas.js';

export function issueLine(i: Issue): string {
  const where = [i.file ? `${i.file.split('/').pop()}` : undefined, i.line !== undefined ? `line ${i.line}` : undefined, i.column && !namesColumn(i) ? `column ${i.column}` : undefined].filter(Boolean).join(', ');
  const more = i.count && i.count > 1 ? ` (${withCommas(i.count)} in all)` : '';
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
  // (a code reported once a column — ID_DECIMAL, ID_SPACES — each column's finding whole: findings.ts)
  for (const i of issues) {
    const key = PER_COLUMN.has(i.code) ? `${i.code} ${i.column}` : i.code;
    byCode.set(key, [...(byCode.get(key) ?? []), i]);
  }
  return [...byCode.values()].map((list) => {
    const first = list[0];
    const others = list.slice(1).filter((i) => i.line !== undefined).map((i) => i.line);
    const total = Math.max(first.count ?? list.length, list.length);
    const also = others.length ? ` Also line${others.length > 1 ? 's' : ''} ${others.slice(0, 6).join(', ')}${others.length > 6 ? ', …' : '.'}` : '';
    return `${issueLine({ ...first, count: undefined })}${also}${total > 1 ? ` (${withCommas(total)} in all)` : ''}`;
  });
}

export function statsLine(r: ValidationReport): string {
  const s = r.stats;
  const bits = [`${withCommas(r.rows)} rows`, formatBytes(s.bytes)];
  if (s.uniqueUsers !== undefined) bits.push(`${withCommas(s.uniqueUsers)} users`);
  if (s.uniqueItems !== undefined) bits.push(`${withCommas(s.uniqueItems)} items`);
  if (s.eventTypes?.length) bits.push(`event types ${s.eventTypes.slice(0, 3).map((e) => visible(e.name)).join(', ')}${s.eventTypes.length > 3 ? '…' : ''}`);
  if (s.timestamp) bits.push(`${s.timestamp.minIso.slice(0, 10)} → ${s.timestamp.maxIso.slice(0, 10)}`);
  // a bounded table filled up: say what the figures leave out
  if (s.approximateReasons?.length) bits.push(`approximate: ${s.approximateReasons.join(' ')}`);
  return bits.join(' · ');
}

export function ValidationReportView({ report, otherFails, listLimit }: { report: ValidationReport; source: string; otherFails?: string; listLimit: number }) {
  const errs = report.errors;
  const warns = report.warnings;
  const columns = useStdout().stdout?.columns ?? 80;
  // every finding, each error with the warning that explains it; "a" expands the list (item 3 of #16)
  const findings = useFindings(errs, warns, { lines: Math.max(4, listLimit), columns }, errs.length > 0 || warns.length > 0);
  const hint = findings.hint ? <Text dimColor>{findings.hint}</Text> : null;
  if (errs.length) {
    const totalErrors = countIssues(errs);
    return (
      <Box flexDirection="column">
        <Text color="red" bold wrap="wrap">✖ {errorVerdict(errs, totalErrors)}</Text>
        <Text dimColor wrap="wrap">{statsLine(report)}</Text>
        {findings.view}
        {hint}
      </Box>
    );
  }
  if (!warns.length) return null;
  return (
    <Box flexDirection="column">
      <Text color="yellow" bold>! No errors, {warns.length} warning{warns.length > 1 ? 's' : ''}:</Text>
      <Text dimColor wrap="wrap">{statsLine(report)}</Text>
      {findings.view}
      {otherFails ? <Text color="yellow" wrap="wrap">{visibleText(otherFails)}</Text> : null}
      {hint}
    </Box>
  );
}

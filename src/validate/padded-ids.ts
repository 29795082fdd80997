// IDs with spaces or tabs around them (" 123", "123 ") and IDs of spaces only ("   "): a common
// artefact of spreadsheet and database exports (CHAR columns, cells typed with a space). Personalize
// takes an ID as written, so " 123" and "123" are two users (or items) — a history split silently —
// and "   " is an ID like any other, though nobody meant one. The engine reads a blank ID as a missing
// value (REQUIRED_VALUE_MISSING where the field needs one) and counts padded IDs per column, the first
// one kept (ID_SPACES, once the file is read). Only an ID whose first or last byte is a space or a tab
// is looked at (rows.ts; the fast lane hands such lines to the engine: one compare of each end).
// Core module.
import { fieldText } from '../csv/tokenizer.js';
import type { DotZeroCount } from './returns.js';
import { withCommas } from '../core/with-commas.js';

/** a space or a tab (the bytes an export pads a value with) */
export const isPad = (c: number): boolean => c === 32 || c === 9;

/** bytes [s, e) are spaces and tabs only */
export function isBlank(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  return true;
}

/**
 * An ID of column c at line `lineNo` whose first or last byte is a space or a tab: true when it is
 * blank (spaces and tabs only; judged as an empty value by the caller), else counted as padded.
 */
export function paddedId(r: { padded: Float64Array; paddedAt: ({ line: number; value: string } | undefined)[] }, b: Uint8Array, lineNo: number, c: number, s: number, e: number, flag: number): boolean {
  if (isBlank(b, s, e)) return true;
  if (r.padded[c]++ === 0) r.paddedAt[c] = { line: lineNo, value: fieldText(b, s, e, flag) };
  return false;
}

/** REQUIRED_VALUE_MISSING's words for a blank ID ("   ") where an empty value says "empty" */
export function blankWords(b: Uint8Array, s: number, e: number, flag: number): string {
  const v = fieldText(b, s, e, flag);
  return `blank (${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}: only ${/\t/.test(v) ? 'spaces and tabs' : 'spaces'}, which Personalize would import as an ID)`;
}

const n = (x: number) => withCommas(x);

/** where the spaces are in `v`: "a space before it", "tabs after it", "spaces before and after it" */
function where(v: string): string {
  const lead = /^[ \t]+/.exec(v)?.[0] ?? '';
  const trail = /[ \t]+$/.exec(v)?.[0] ?? '';
  const what = (p: string) => `${p.length === 1 ? 'a ' : ''}${/\t/.test(p) ? (/ /.test(p) ? 'spaces and tabs' : p.length === 1 ? 'tab' : 'tabs') : p.length === 1 ? 'space' : 'spaces'}`;
  if (lead && trail) return `${what(lead + trail).replace(/^a /, '')} before and after it`;
  return lead ? `${what(lead)} before it` : `${what(trail)} after it`;
}

/** ID_SPACES's message: a column's IDs with spaces or tabs around them */
export function paddedMessage(column: string, role: 'user' | 'item' | 'action' | 'record', d: Required<DotZeroCount>): string {
  const v = d.first.value;
  const trimmed = v.trim();
  const shown = JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  const who = role === 'record' ? 'records' : `${role}s`;
  return `Line ${d.first.line}, column ${column}: ${shown} has ${where(v)}, ${d.count === 1 ? 'the only such ID of the column' : `and so do ${n(d.count)} IDs of the column in all`}. Personalize takes an ID as written: imported as is, ${shown} and ${JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed)} are two different ${who}${role === 'user' ? ', and a user\'s history is split between them' : role === 'item' ? ', and an item\'s interactions are split between them' : ''}. The fixer trims the spaces in its copy (personalize-import fix, or the fix step in the wizard when it is offered).`;
}

/** from ID_SPACES's message: the example value, its trimmed form and how many such IDs the column has */
export function paddedExample(message: string): { value: string; trimmed: string; count: number } | undefined {
  const m = /column [^:]*: ("(?:[^"\\]|\\.)*") has .*?, (?:the only such ID of the column|and so do ([\d,]+) IDs)/.exec(message);
  if (!m) return undefined;
  const value = JSON.parse(m[1]) as string;
  return { value, trimmed: value.trim(), count: m[2] ? Number(m[2].replace(/,/g, '')) : 1 };
}

// A model's lines drawn in Ink (tone → colour), compacted when they would not fit the screen: a
// policy's JSON or a diff's added lines joined into one wrapped line (from the bucket check's view).
import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from '../../../flow/machine/types.js';
import { visible } from '../../../core/sanitize.js';
import { fitText } from '../../../core/fit.js';

export const COLOR: Partial<Record<NonNullable<Line['tone']>, string>> = { ok: 'green', warn: 'yellow', error: 'red' };

/**
 * A diff's added lines joined, as JSON that reads whole: a statement appended to a policy's list is
 * the diff's "+ }," "+ {" … (the closing brace of the statement before it, then the new one up to
 * its last line but its own closing brace, which the diff shows unmarked) — joined, it read
 * `}, { "Sid": … ]`. Closers with no opener before them are dropped (with their comma), and those
 * still open are closed.
 */
export function balancedJson(text: string): string {
  const open: string[] = [];
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') open.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (open.length === 0) {
        // a closer of what came before: left out, with the comma after it
        const m = /^\s*,\s*/.exec(text.slice(i + 1));
        if (m) i += m[0].length;
        continue;
      }
      open.pop();
    }
    out += c;
  }
  return `${out.trim().replace(/,$/, '')}${open.length ? ` ${[...open].reverse().join(' ')}` : ''}`;
}

/** Lines for a small screen: the JSON of a statement (dim) or a policy diff's added lines joined into one wrapped line. */
export function compact(lines: Line[]): Line[] {
  const out: Line[] = [];
  let json: string[] = [];
  let added = false;
  let kept = 0;
  const flush = () => {
    if (json.length) {
      const text = json.join(' ').replace(/\s+/g, ' ');
      out.push({ text: added ? balancedJson(text) : text, tone: 'dim' });
    }
    if (kept) out.push({ text: `(${kept} lines of the existing policy kept as they are)`, tone: 'dim' });
    json = [];
    added = false;
    kept = 0;
  };
  // inside a policy diff ("… unmarked lines kept as they are"), an unmarked line is one kept; a
  // change's own new document (a role, its policy) is JSON to join, never "kept" lines of a policy
  let diff = false;
  for (const l of lines) {
    const t = l.text.trim();
    if (/^\d+\/\d+ /.test(t)) diff = false;
    if (/kept as they are\):$/.test(t)) {
      diff = true;
      // compacted, only what is added is shown (no "+" marks): the heading says so
      flush();
      out.push({ ...l, text: l.text.replace(/The whole (bucket|key) policy afterwards \(\+ added, unmarked lines kept as they are\):/, 'Added to the $1 policy (its other lines kept as they are):') });
      continue;
    }
    if (l.tone === 'dim' || t.startsWith('+ ')) {
      if (t.startsWith('+ ')) added = true;
      json.push(t.replace(/^\+ /, ''));
    } else if (!diff && /^ {6}/.test(l.text) && /^[{}[\]"]/.test(t)) json.push(t);
    else if (/^ {6} {2}/.test(l.text)) kept++;
    else if (t.startsWith('$ ')) continue;
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

// a line's indent and its marks ("✗ ", "↳ ! ", "• ", a change's "1/2  "…): a wrapped row goes on under the text after them
const HANG = /^( *)((?:[✗✘✖✔!•↳→…?＋] |\d+\/\d+ {2})*)([^]*)$/;

/**
 * One line; with `width` (a line printed to the scrollback, as wide as the terminal) broken between
 * words there with a hanging indent (src/core/fit.ts). Without it, Ink wraps the line: its indent is
 * a margin and its marks a column of their own, so a wrapped row goes on under the text — a report's
 * "  ✗ Line 1: …" wrapped at column 0 (#16: wrapped lines lost their indent).
 */
export function LineText({ line, width }: { line: Line; width?: number }) {
  const text = visible(line.text);
  const style = { color: COLOR[line.tone ?? 'plain'], dimColor: line.tone === 'dim', bold: line.tone === 'bold' };
  if (!width) return <Hanging text={text} {...style} />;
  return (
    <Text {...style} wrap="wrap">
      {fitText(text, width) || ' '}
    </Text>
  );
}

/** Text Ink wraps with a hanging indent: its leading spaces a margin, its marks a column of their own. */
export function Hanging({ text, ...style }: { text: string; color?: string; dimColor?: boolean; bold?: boolean }) {
  const [, indent = '', marks = '', rest = ''] = HANG.exec(text) ?? [];
  if (!(indent || marks) || !rest) return <Text {...style} wrap="wrap">{text || ' '}</Text>;
  return (
    <Box marginLeft={indent.length}>
      {marks ? <Box flexShrink={0}><Text {...style}>{marks}</Text></Box> : null}
      <Box flexShrink={1}>
        <Text {...style} wrap="wrap">{rest}</Text>
      </Box>
    </Box>
  );
}

/**
 * The model's lines; compacted when more than `room` of them. With `width` (the terminal's) a line
 * wider than it goes on under its own text (a hanging indent), not at column 0 under an indented
 * column ("an item interactions" / "dataset" in the several-files list at 80 columns).
 */
export function Lines({ lines, room, width }: { lines: Line[]; room: number; width?: number }) {
  const shown = lines.length > room ? compact(lines) : lines;
  return (
    <>
      {shown.map((l, i) => (
        <LineText key={i} line={l} width={width} />
      ))}
    </>
  );
}

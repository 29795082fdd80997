// Text that came from outside (a pasted error, a failure reason, a file) is shown with every
// control character escaped: an ESC, an OSC 52 clipboard write, a carriage return that hides what
// came before, a bidi override that reorders the line — none of them reach the terminal.
// Core module: no dependencies.

// C0 controls except \n and \t, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const n = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Escapes control characters; keeps line breaks and tabs (for multi-line text). */
export function safeText(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** Escapes control characters including line breaks and tabs (for one line, a table cell, a value). */
export function safeLine(s: string): string {
  return s.replace(UNSAFE_ONE_LINE, escapeChar);
}

/** Every string in a plain-data value passed through safeLine (for captured values shown to a person). */
export function safeRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [safeLine(k), safeLine(v)]));
}

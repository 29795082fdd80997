// Text from a file, S3 or the service is shown with its control characters escaped, so a header
// named "\x1b]52;c;…\x07" (an OSC 52 clipboard write), a key holding "\x1b[2J" or a failureReason
// with a carriage return cannot drive the user's terminal. The escape is visible ("\x1b"), so the
// user sees what is really in the data.
//
// - `visible(s)`:      one value (a header name, an S3 key, a file name): every control character
//                      escaped, newlines and tabs too (one value stays on one line).
// - `visibleText(s)`:  a message that may hold line breaks and tabs (a service message): those kept.
// - `neutralize(s)`:   the safety net every human-readable line passes (src/core/fit.ts): our own
//                      colour codes (SGR, ESC [ … m) are kept, every other control character and
//                      escape sequence is escaped. A value someone forgot to pass through `visible`
//                      can then still colour text, but never move the cursor, clear the screen,
//                      retitle the window or write the clipboard.

/** C0 controls, DEL, C1 controls, and the invisible format characters that reorder or hide text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const CONTROL_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const SGR = /\x1b\[[0-9;:]*m/y;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\x1b' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const c = ch.codePointAt(0)!;
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/** One value, every control character escaped ("\x1b[31m" → "\\x1b[31m", a newline → "\\n"). */
export function visible(s: string): string {
  return s.replace(CONTROL, escapeChar);
}

/** A message: line breaks and tabs kept, every other control character escaped. */
export function visibleText(s: string): string {
  return s.replace(CONTROL_TEXT, escapeChar);
}

/** true when `s` holds a character `visible` would escape */
export function hasControl(s: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(s);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * The output safety net: SGR colour sequences, "\n" and "\t" pass; every other control character
 * (and so every other escape sequence: cursor moves, screen clears, OSC titles and clipboard
 * writes) is escaped visibly.
 */
export function neutralize(s: string): string {
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/.test(s)) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\x1b') {
      SGR.lastIndex = i;
      const m = SGR.exec(s);
      if (m) {
        out += m[0];
        i += m[0].length;
        continue;
      }
    }
    const c = ch.charCodeAt(0);
    if (ch !== '\n' && ch !== '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))) out += escapeChar(ch);
    else out += ch;
    i++;
  }
  return out;
}

/**
 * A word as a shell reads it, for a command printed to copy: as it is when it holds nothing the shell
 * would take, else in single quotes; a word with control characters (a file named "a\x1b[31m.csv") in
 * ANSI-C quotes (`$'a\x1b[31m.csv'`), so the terminal shows the escape and the pasted command still
 * names the same file (bash, zsh and ksh read $'…').
 */
export function shellWord(w: string): string {
  if (/^[\w@%+=:,./-]+$/.test(w)) return w;
  if (hasControl(w)) return `$'${w.replace(/[\\']/g, (c) => `\\${c}`).replace(CONTROL, escapeChar)}'`;
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

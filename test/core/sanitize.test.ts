import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hasControl, neutralize, shellWord, visible, visibleText } from '../../src/core/sanitize.js';
import { writeFitted } from '../../src/core/fit.js';
import { formatError, usageError } from '../../src/core/errors.js';

const OSC52 = '\x1b]52;c;aGVsbG8=\x07';
const RED = '\x1b[31m';

describe('sanitize (issue 18 item 8)', () => {
  it('visible escapes every control character, newlines and tabs too', () => {
    expect(visible(`${RED}USER_ID`)).toBe('\\x1b[31mUSER_ID');
    expect(visible(`click${OSC52}`)).toBe('click\\x1b]52;c;aGVsbG8=\\x07');
    expect(visible('a\nb\tc\rd\x00e\x7f\x9b')).toBe('a\\nb\\tc\\rd\\x00e\\x7f\\x9b');
    // bidi overrides and zero-width characters that hide or reorder text
    expect(visible('evil\u202Etxt.csv\u200b')).toBe('evil\\u202etxt.csv\\u200b');
    expect(visible('plain ünïcödé ✓ 日本')).toBe('plain ünïcödé ✓ 日本');
    expect(hasControl('ok')).toBe(false);
    expect(hasControl(`x${RED}`)).toBe(true);
  });
  it('visibleText keeps line breaks and tabs of a message', () => {
    expect(visibleText(`line 1\n\tline 2${OSC52}`)).toBe('line 1\n\tline 2\\x1b]52;c;aGVsbG8=\\x07');
  });
  it('neutralize keeps our colours, escapes every other sequence', () => {
    expect(neutralize(`${RED}error\x1b[39m`)).toBe(`${RED}error\x1b[39m`);
    expect(neutralize(`x${OSC52}y`)).toBe('x\\x1b]52;c;aGVsbG8=\\x07y');
    expect(neutralize('\x1b[2J\x1b[3J\x1b[1Aup')).toBe('\\x1b[2J\\x1b[3J\\x1b[1Aup');
    expect(neutralize('title\x1b]0;pwned\x07\r')).toBe('title\\x1b]0;pwned\\x07\\r');
    expect(neutralize('a\nb\tc')).toBe('a\nb\tc');
  });
  it('writeFitted (every human-readable command line): no escape sequence but colour gets through', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    // a value someone forgot to pass through visible(): the OSC 52 clipboard write, a screen clear,
    // a BEL and a carriage return are escaped; only an SGR colour could remain
    writeFitted(out, `event types: click${OSC52}\x1b[2J\r${RED}x\n`);
    expect(text.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(text).toContain('\\x1b]52;c;');
    expect(text).toContain('\\x1b[2J\\r');
    // and through visible() (what the commands do with values from files, S3 and the service) not even that
    text = '';
    writeFitted(out, `HEADER_UNKNOWN_COLUMN: column ${visible(`${RED}x`)} is not in the schema\n`);
    expect(text).not.toMatch(/\x1b/);
  });
  it('formatError escapes service messages and paths', () => {
    expect(formatError(usageError(`bad ${OSC52}`, `hint ${RED}`))).toBe('bad \\x1b]52;c;aGVsbG8=\\x07\n  → hint \\x1b[31m');
    expect(formatError(new Error(`boom${RED}`))).toMatch(/^Unexpected error: boom\\x1b\[31m/);
  });
});

describe('shellWord: a word of a command printed to copy', () => {
  it('as it is, in single quotes, or — with control characters — in $\'…\', shown escaped; bash reads each back as the word', () => {
    const words = ['events.csv', 'events export.csv', "it's.csv", 'bad\x1b[31mname.csv', 'two\nlines\\and\'quote.csv', 'zero\u200bwidth.csv'];
    expect(shellWord('events.csv')).toBe('events.csv');
    expect(shellWord('events export.csv')).toBe("'events export.csv'");
    expect(shellWord('bad\x1b[31mname.csv')).toBe("$'bad\\x1b[31mname.csv'");
    for (const w of words) {
      expect(hasControl(shellWord(w))).toBe(false);
      expect(execFileSync('bash', ['-c', `printf %s ${shellWord(w)}`], { encoding: 'utf8' })).toBe(w);
    }
  });
});

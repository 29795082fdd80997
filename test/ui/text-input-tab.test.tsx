// #16 item 18: Tab that finds nothing (an empty bucket) says so instead of doing nothing. A value or a
// candidate from a folder or S3 (a file named "ab\x1b[2J\x07cd.csv") is drawn escaped.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { TextInput } from '../../src/ui/ink/components/TextInput.js';

async function frameWith(r: ReturnType<typeof render>, what: RegExp): Promise<string> {
  const end = Date.now() + 5000;
  for (;;) {
    const f = r.lastFrame() ?? '';
    if (what.test(f)) return f;
    if (Date.now() > end) throw new Error(`never saw ${what}:\n${f}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

describe('TextInput Tab feedback', () => {
  it('Tab on an empty bucket says the bucket is empty; typing clears the note', async () => {
    let value = 's3://empty-bucket/';
    const r = render(<TextInput value={value} onChange={(v) => (value = v)} onSubmit={() => {}} complete={async () => []} />);
    await new Promise((res) => setTimeout(res, 20));
    r.stdin.write('\t');
    const f = await frameWith(r, /Tab: nothing/);
    expect(f).toContain('Tab: nothing under s3://empty-bucket/ to complete (the bucket is empty).');
    r.stdin.write('x');
    await frameWith(r, /^(?![\s\S]*Tab: nothing)/);
    r.unmount();
  });

  it('says so for S3://, the scheme in capitals, too', async () => {
    const r = render(<TextInput value="S3://empty-bucket/" onChange={() => {}} onSubmit={() => {}} complete={async () => []} />);
    await new Promise((res) => setTimeout(res, 20));
    r.stdin.write('\t');
    expect(await frameWith(r, /Tab: nothing/)).toContain('Tab: nothing under S3://empty-bucket/ to complete (the bucket is empty).');
    r.unmount();
  });

  it('a suggested or completed name with ESC [2J and a BEL is drawn escaped, never sent raw', async () => {
    const evil = 'ab\x1b[2J\x07cd.csv';
    let value = evil;
    const r = render(<TextInput value={value} selected onChange={(v) => (value = v)} onSubmit={() => {}} complete={async () => [`dir/${evil}`, 'dir/ab-other.csv']} />);
    const suggested = await frameWith(r, /›/);
    expect(suggested).toContain('› ab\\x1b[2J\\x07cd.csv');
    r.rerender(<TextInput value="dir/a" onChange={(v) => (value = v)} onSubmit={() => {}} complete={async () => [`dir/${evil}`, 'dir/ab-other.csv']} />);
    await frameWith(r, /› dir\/a/);
    r.stdin.write('\t');
    // the candidates listed under the field: the common start taken, each candidate's name escaped
    const listed = await frameWith(r, /ab-other\.csv/);
    expect(listed).toContain('ab\\x1b[2J\\x07cd.csv  ab-other.csv');
    for (const f of [suggested, listed]) {
      expect(f).not.toContain('\x1b[2J');
      expect(f).not.toContain('\x07');
    }
    r.unmount();
  });
});

// An input step's "→ …" line: what the answer makes, e.g. the upload step's whole s3:// key. Walked at
// 80×24: the folder question showed "→ s3://personalize-sandbox-data/personal…t/interactions-….csv",
// cut in the middle — the very folder being typed was what the ellipsis hid.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { InputView } from '../../../../src/ui/ink/face/InputView.js';
import type { StepModel } from '../../../../src/flow/machine/types.js';

describe('an input step’s “→” line', () => {
  it('an s3:// key wider than the terminal is wrapped at its “/”, whole, never cut with …', () => {
    const key = (p: string) => `s3://personalize-sandbox-data/${p}interactions-20261207-032142-28x4.csv`;
    const model = { kind: 'input', title: 'Upload', lines: [], question: 'Folder (prefix)', default: 'personalize-import/', describe: key } as unknown as StepModel;
    const r = render(<Box width={80} flexDirection="column"><InputView m={model} listLimit={8} columns={80} answer={() => {}} back={() => {}} cwd="/nonexistent" /></Box>);
    const f = r.lastFrame() ?? '';
    expect(f).not.toContain('…');
    const rows = f.split('\n');
    const at = rows.findIndex((l) => l.startsWith('→ s3://'));
    expect(at, f).toBeGreaterThanOrEqual(0);
    // the rows from the arrow on hold the key whole, broken only after a '/'
    const joined = rows.slice(at, at + 3).map((l) => l.trim()).join('').replace(/^→ ?/, '');
    expect(joined.startsWith(key('personalize-import/')), f).toBe(true);
    expect(rows[at].trimEnd().endsWith('/'), rows[at]).toBe(true);
    for (const l of rows) expect(l.length).toBeLessThanOrEqual(80);
    r.unmount();
  });

  it('a short one stays on one row', () => {
    const model = { kind: 'input', title: 'Upload', lines: [], question: 'Folder (prefix)', default: 'in/', describe: (p: string) => `s3://b/${p}f.csv` } as unknown as StepModel;
    const r = render(<Box width={80} flexDirection="column"><InputView m={model} listLimit={8} columns={80} answer={() => {}} back={() => {}} cwd="/nonexistent" /></Box>);
    expect(r.lastFrame()).toMatch(/^→ s3:\/\/b\/in\/f\.csv$/m);
    r.unmount();
  });
});

// #16 item 19: on the "could not list dataset groups" screen the key hints were above the Go back /
// Quit menu; they go under it, as on every other screen. The failing listing is a fake port (the
// sandbox does not refuse ListDatasetGroups); everything else is the real step.
import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { GroupStep } from '../../src/ui/ink/steps/GroupStep.js';
import { AppError } from '../../src/core/errors.js';
import type { StepProps } from '../../src/ui/ink/types.js';

describe('GroupStep when the groups cannot be listed', () => {
  it('draws the menu, then the key hints under it', async () => {
    const conn = { context: { region: 'eu-west-1' }, personalize: { listDatasetGroups: () => Promise.reject(new AppError('access-denied', 'Not allowed to list dataset groups.')) } };
    const props = { conn, answers: {}, loaded: {}, done: () => {}, back: () => {}, exit: () => {}, listLimit: 8, columns: 80, services: {}, setConn: () => {}, onInterrupt: () => {} } as unknown as StepProps;
    const r = render(<GroupStep {...props} />);
    let frame = '';
    for (let i = 0; i < 100 && !/Quit/.test(frame); i++) {
      await new Promise((res) => setTimeout(res, 10));
      frame = r.lastFrame() ?? '';
    }
    const rows = frame.split('\n');
    const menu = rows.findIndex((l) => l.includes('Quit'));
    const hints = rows.findIndex((l) => l.includes('Ctrl-C quit'));
    expect(menu, frame).toBeGreaterThan(0);
    expect(hints, frame).toBeGreaterThan(menu);
  });
});

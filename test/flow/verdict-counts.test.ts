// The counts of warnings the flow says are every warning, not the ones a report lists (at most 20 of
// a code): "✓ valid — 1,500 rows, 0 errors, 107 warnings" stood above "Continue with 21 warnings?".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { validatedText } from '../../src/flow/verdict.js';
import { issueTotal } from '../../src/validate/issues.js';
import { withSandbox } from '../helpers/sandbox.js';
import { portsFor, runHeadless, type TestPorts } from './harness.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

describe('warnings counted whole', () => {
  it('35 timestamps in the future (20 listed): the verdict, its choice and the answered line say 35 and more, as the report total does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-verdict-'));
    const file = join(dir, 'events.csv');
    const future = Math.floor(Date.now() / 1000) + 30 * 86400;
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${i < 35 ? future + i : 1767225600 + i},click`);
    writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`);
    let verdict: StepModel | undefined;
    const h = await runHeadless(ports, { csv: { type: file }, verdict: { pick: (m) => ((verdict = m), 'go') }, review: { pick: 'quit' } });
    const r = h.state.loaded.report!;
    const total = issueTotal(r.warnings, r.stats.issueCounts);
    expect(r.stats.issueCounts.TIMESTAMP_FUTURE).toBe(35);
    expect(r.warnings.length).toBeLessThan(total);
    expect(verdict!.question).toBe(`Continue with ${total} warnings?`);
    expect(verdict!.choices![0].label).toBe(`Continue anyway (${total} warnings)`);
    expect(validatedText(r)).toBe(`1,200 rows, no errors, ${total} warnings accepted`);
  });
});

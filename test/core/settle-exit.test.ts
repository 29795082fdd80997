// settleBeforeExit (src/core/settle-exit.ts) works around Node's exit deadlock (nodejs/node#54918):
// it must really make a full collection (a background compile job waiting for one is released by
// it) and leave the process able to exit with the code it set. Checked in a child Node process:
// a GC observer sees the major collection, and the exit code set before it is the one the process ends with.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('settleBeforeExit', () => {
  it('makes one full collection, then the process ends with the exit code set before it', () => {
    const mod = pathToFileURL(resolve(__dirname, '../../src/core/settle-exit.ts')).href;
    const script = `
      import { PerformanceObserver, constants } from 'node:perf_hooks';
      const { settleBeforeExit } = await import(${JSON.stringify(mod)});
      let major = 0;
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++; });
      obs.observe({ entryTypes: ['gc'] });
      process.exitCode = 7;
      settleBeforeExit();
      setTimeout(() => { obs.disconnect(); console.log('major', major); }, 50);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: resolve(__dirname, '../..') });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^major [1-9]/);
    expect(r.status).toBe(7);
  });
});

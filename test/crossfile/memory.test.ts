// The memory bound of the cross-file checks, measured: scripts/crossfile-memory.mjs generates the
// files, runs the check in a child process and fails (exit 1) when the child's peak RSS reaches
// 200 MB or a count is not exact. Here with 1 M distinct users and items (fast enough for the suite);
// the 5 M figure of issue #19 is the script's default run (figures in src/crossfile/README.md).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('cross-file checks: peak RSS of a child process', () => {
  it('1 M distinct users and items: exact counts, under 200 MB', async () => {
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(process.execPath, ['scripts/crossfile-memory.mjs'], { cwd: ROOT, env: { ...process.env, CROSS_IDS: '1000000' } }, (e, stdout, stderr) => resolve({ code: e ? (e as { code?: number }).code ?? 1 : 0, out: stdout + stderr }));
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/counts {18}exact/);
    const peak = Number(/cross-file check {8}peak RSS (\d+) MB/.exec(r.out)![1]);
    expect(peak).toBeLessThan(200);
  }, 180_000);
});

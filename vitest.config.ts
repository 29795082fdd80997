import { defineConfig } from 'vitest/config';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { fastlaneDefine } from './scripts/wasm.mjs';
import { SlowFirst } from './test/slow-first.js';

export default defineConfig({
  // the validation engine's fast lane, compiled from src/validate/wasm (as the build embeds it)
  define: await fastlaneDefine(),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // a temp folder of the run's own, removed at its end (test/global-tmp.ts)
    globalSetup: ['test/global-tmp.ts'],
    // PI_TEST_CPU_LOG=file: each test file's CPU, a JSON line each (test/helpers/cpu-log.ts)
    setupFiles: process.env.PI_TEST_CPU_LOG ? ['test/helpers/cpu-log.ts'] : [],
    // a test that runs the CLI several times (a whole create-and-import among them) takes 12–19 s in a
    // quiet CI run with both Node versions side by side, and over 30 s once with more load beside it
    // (session 34: import-create's day-first dates test failed so); a hang still fails, at 60 s
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // two cores: e2e (tmux, child processes) files are heavy; keep parallelism modest
    maxWorkers: 2,
    // a worker runs file after file in one process, modules loaded once (the SDK, Ink, the engine):
    // isolated, each of ~170 files started a process and loaded them again — over a second of CPU a
    // file. So a test file leaves no global state behind (process.env restored in place, listeners
    // removed) and a helper module registers no top-level hooks (test/helpers/after-test.ts).
    isolate: false,
    // the longest files first (test/slow-first.ts), so the run does not end on a long one
    sequence: { sequencer: SlowFirst },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

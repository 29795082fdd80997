import { defineConfig } from 'vitest/config';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { fastlaneDefine } from './scripts/wasm.mjs';

export default defineConfig({
  // the validation engine's fast lane, compiled from src/validate/wasm (as the build embeds it)
  define: await fastlaneDefine(),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // two cores: e2e (tmux, child processes) files are heavy; keep parallelism modest
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

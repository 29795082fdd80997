// The README's troubleshooting section is generated from the diagnosis catalogue; this keeps the
// two from drifting apart (regenerate with: npx tsx scripts/update-readme.ts).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { withTroubleshooting } from '../scripts/update-readme.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

it('README troubleshooting matches the diagnosis catalogue', () => {
  expect(withTroubleshooting(readme)).toBe(readme);
});

it('README quick start has exactly the two set-up commands', () => {
  const block = /## Quick start\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const lines = block.split('\n').filter((l) => l.trim());
  expect(lines.map((l) => l.replace(/\s+#.*$/, ''))).toEqual(['npm ci && npm run demo', 'npm test']);
});

it('README documents every command the CLI has', async () => {
  const cli = readFileSync(new URL('../src/cli.ts', import.meta.url), 'utf8');
  const commands = [...cli.matchAll(/^\s{2}(\w+): \{ summary:/gm)].map((m) => m[1]).filter((c) => c !== 'wizard');
  expect(commands.length).toBeGreaterThan(5);
  for (const c of commands) expect(readme, `README lacks a section for ${c}`).toMatch(new RegExp(`### \`${c}`));
});

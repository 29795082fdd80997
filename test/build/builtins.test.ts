// The bundle loads node:http by require, never as an ES module (scripts/build.mjs, httpByRequire):
// Node's ESM face of node:http reads every property, and on Node ≥ 22 its getters load undici (≈ 18 ms
// before `validate s3://…` sent its first request on Node 24). The SDK's handler and its EC2 metadata
// client import it dynamically and take Agent and request from it: the module they get exports them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

const DIST = resolve(__dirname, '../../dist');

it('node:http is required, not imported, and what import() of it gives has Agent and request', async () => {
  if (!existsSync(join(DIST, 'cli.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: resolve(__dirname, '../..') });
  const files = readdirSync(join(DIST, 'chunks')).map((f) => join(DIST, 'chunks', f));
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  for (const [f, text] of texts) expect(/from\s*["']node:http["']|import\(\s*["']node:http["']\s*\)/.test(text), f).toBe(false);
  expect([...texts.values()].some((t) => t.includes('require("node:http")'))).toBe(true);
  // the SDK's handler: `await import("./http-….js")` then `.default ?? it` for { Agent, request }
  const handler = [...texts].find(([, t]) => t.includes('httpAgentProvider'));
  const dyn = /import\("\.\/(http-[A-Z0-9]+\.js)"\)/.exec(handler?.[1] ?? '')?.[1];
  expect(dyn, 'the SDK handler imports the http module').toBeTruthy();
  const mod = await import(join(DIST, 'chunks', dyn!));
  expect(typeof mod.request).toBe('function');
  expect(typeof mod.Agent).toBe('function');
  expect(mod.default).toBe(require('node:http'));
});

// The Ink wizard's component-test harness (test/ui/wizard.test.tsx, test/ui/ink-trust.test.tsx):
// the whole <Wizard> rendered with ink-testing-library against the in-process sandbox through the
// real SDK-backed deps (no mocked clients), driven by keys; what a test made is undone after it.
import React from 'react';
import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { Wizard } from '../../src/ui/ink/Wizard.js';
import type { WizardServices, Connected } from '../../src/ui/ink/types.js';
import { createDeps } from '../../src/aws/deps.js';
import { runPreflight } from '../../src/diagnose/preflight.js';
import { openProfileStore } from '../../src/profiles/store.js';
import type { withSandbox } from './sandbox.js';
import { undoAfterTest } from './after-test.js';

export const ROOT = resolve(__dirname, '../..');
export const KEY = { enter: '\r', esc: '\x1b', up: '\x1b[A', down: '\x1b[B', ctrlU: '\x15', ctrlC: '\x03', tab: '\t' };

/** what a test made (folders, clients, renders), undone after it, last first */
export const cleanups = undoAfterTest();

export function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

export type Fixture = ReturnType<typeof withSandbox>;

/** The wizard's services against the in-process sandbox, through the real SDK-backed deps. */
export function servicesFor(sb: Fixture, over: Partial<WizardServices> = {}): WizardServices {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: {}, cwd: ROOT };
  return {
    cwd: ROOT,
    samplesDir: join(ROOT, 'samples'),
    profiles: openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-ui-cfg-') }).store,
    watch: { initialMs: 20, maxMs: 50 },
    async connect(): Promise<Connected> {
      const d = await createDeps({ sandbox: false, io: { ...io, env: { ...sb.env } } });
      cleanups.push(() => d.close());
      return {
        personalize: d.personalize,
        s3: d.s3,
        context: { ...d.context, sandbox: true, roleArn: sb.sandbox.roleArn, bucket: sb.sandbox.bucket },
        preflight: (opts) => runPreflight({ personalize: d.personalize, s3: d.s3 }, opts),
      };
    },
    ...over,
  };
}

/** The whole <Wizard> rendered, and how a test drives it: keys in, frames out. */
export function start(services: WizardServices, props: { profileName?: string; sandbox?: boolean } = {}) {
  let exited: { code: number; lines?: string[] } | undefined;
  const r = render(<Wizard services={services} initial={{ sandbox: props.sandbox ?? true }} profileName={props.profileName} onExit={(code, lines) => (exited = { code, lines })} />);
  cleanups.push(() => r.unmount());
  const frame = () => r.lastFrame() ?? '';
  /** polls the frame until it shows `what` (twice in a row: drawn and input handlers attached) */
  const see = async (what: string | RegExp, timeoutMs = 15_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    let streak = 0;
    let last = '';
    for (;;) {
      const f = frame();
      const ok = typeof what === 'string' ? f.includes(what) : what.test(f);
      // the same frame on 4 polls in a row: a screen still filling in (a step's details arriving)
      // re-renders its menu, and a key sent in that moment can miss the new handler
      streak = ok && f === last ? streak + 1 : ok ? 1 : 0;
      last = f;
      if (streak >= 4) return f;
      if (Date.now() > deadline) throw new Error(`never saw ${String(what)}; frame:\n${f}`);
      await new Promise((res) => setTimeout(res, 5));
    }
  };
  /** one key; two macrotasks later Ink has read it on its own (keys written together would arrive as one chunk) */
  const press = async (k: string) => {
    r.stdin.write(k);
    await new Promise((res) => setImmediate(res));
    await new Promise((res) => setImmediate(res));
  };
  const exit = async (timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!exited) {
      if (Date.now() > deadline) throw new Error(`no exit; frame:\n${frame()}`);
      await new Promise((res) => setTimeout(res, 5));
    }
    return exited;
  };
  /** Enter at each screen, once it shows its marker: the default answer of each step */
  const enterThrough = async (...markers: string[]) => {
    for (const m of markers) {
      await see(m);
      await press('\r');
    }
  };
  return { frame, see, press, exit, enterThrough, type: async (s: string) => { for (const ch of s) await press(ch); }, stdin: r.stdin, stdout: r.stdout };
}

/** the markers of Where, Group and Dataset (Enter at each reaches the CSV step) */
export const TO_CSV = ['❯ Continue', '2 dataset groups', 'Fields:'];

// Drives the step machine with scripted answers, the same script through several faces: headless
// (drive() with a scripted face), plain (numbered line prompts over a stdin the script writes to).
// Against the in-process sandbox through the real SDK-backed deps (no mocked clients).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createDeps } from '../../src/aws/deps.js';
import type { Io } from '../../src/core/ports.js';
import { runPreflight } from '../../src/diagnose/preflight.js';
import { drive, newState, type FaceAnswer, type FlowEnd, type FlowEvent, type FlowPorts, type FlowState, type StepModel } from '../../src/flow/machine/index.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { runPlainWizard } from '../../src/ui/plain/wizard.js';
import { afterAll, beforeAll } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';

export const ROOT = resolve(__dirname, '../..');
export const SAMPLES = join(ROOT, 'samples');
type Fixture = ReturnType<typeof withSandbox>;

/** One answer: Enter (the default), Esc (back), a choice by value, text typed, or Ctrl-C. */
export type Ans = 'enter' | 'back' | 'quit' | { pick: string | ((m: StepModel) => string) } | { type: string };
/** step id → the answers for its visits, in order; a step not in the script (or past its list) gets Enter. */
export type Script = Record<string, Ans | Ans[]>;

export function answerFor(script: Script, m: StepModel, visits: Map<string, number>): Ans {
  const n = visits.get(m.id) ?? 0;
  visits.set(m.id, n + 1);
  const a = script[m.id];
  if (a === undefined) return 'enter';
  if (!Array.isArray(a)) return n === 0 ? a : 'enter';
  return a[n] ?? 'enter';
}

export function toFaceAnswer(a: Ans, m: StepModel): FaceAnswer {
  if (a === 'enter') return { value: m.default ?? '' };
  if (a === 'back') return { back: true };
  if (a === 'quit') return { quit: true };
  if ('type' in a) return { value: a.type };
  const v = typeof a.pick === 'function' ? a.pick(m) : a.pick;
  const c = m.choices?.find((x) => x.value === v) ?? m.choices?.find((x) => v !== '' && x.label.startsWith(v));
  if (!c) throw new Error(`${v} is not a choice of ${m.id}: ${m.choices?.map((x) => x.value).join(', ')}`);
  if (c.disabled) throw new Error(`${v} is disabled at ${m.id}: ${c.disabled}`);
  return { value: c.value };
}

/** The line a user types in plain mode for an answer (a choice's number, text, "<"). */
export function toLine(a: Ans, m: StepModel): string {
  if (a === 'enter') return '';
  if (a === 'back') return '<';
  if (a === 'quit') throw new Error('quit is Ctrl-C, not a line');
  if ('type' in a) return a.type;
  const v = (toFaceAnswer(a, m) as { value: string }).value;
  return String(m.choices!.findIndex((c) => c.value === v) + 1);
}

export interface Run {
  end: FlowEnd;
  state: FlowState;
  asked: string[];
  events: FlowEvent[];
  text?: string;
}

export type TestPorts = FlowPorts & { close(): Promise<void>; records?: unknown };

export async function portsFor(sb: Fixture, over: Partial<FlowPorts> = {}): Promise<TestPorts> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: {}, cwd: ROOT };
  const d = await createDeps({ sandbox: false, io: { ...io, env: { ...sb.env } } });
  return {
    personalize: d.personalize, s3: d.s3,
    context: { ...d.context, sandbox: true, roleArn: sb.sandbox.roleArn, bucket: sb.sandbox.bucket },
    preflight: (opts) => runPreflight({ personalize: d.personalize, s3: d.s3 }, opts),
    recordsAvailable: true, cwd: ROOT, samplesDir: SAMPLES, now: () => new Date('2026-12-05T04:00:00Z'), watch: { initialMs: 20, maxMs: 50 },
    profiles: openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-flow-cfg-')) }).store,
    ...over,
    close: () => d.close(),
    records: d.records,
  };
}

export interface Start {
  answers?: FlowState['answers'];
  presetFrom?: FlowState['presetFrom'];
}

/** The machine with no face at all: the script answers every step. */
export async function runHeadless(ports: FlowPorts, script: Script, start: Start = {}): Promise<Run> {
  const state = newState({ region: 'us-east-1', ...start.answers }, start.presetFrom);
  const asked: string[] = [];
  const events: FlowEvent[] = [];
  const visits = new Map<string, number>();
  const end = await drive(state, ports, {
    event: (e) => events.push(e),
    async ask(m) {
      asked.push(m.id);
      return toFaceAnswer(answerFor(script, m, visits), m);
    },
  });
  return { end, state, asked, events };
}

function memIo(env: Record<string, string>, cwd = ROOT): Io & { text(): string; stdin: PassThrough } {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  err.on('data', (d) => (text += d));
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  return { stdout: out, stderr: err, stdin, isTTY: true, env: { ...env, NO_COLOR: '1' }, cwd, text: () => text };
}

/** Plain mode: the real numbered prompts, the script typed as lines. `cwd`: where it writes (the
 *  record-by-record report goes to the working folder). */
export async function runPlain(ports: TestPorts, script: Script, start: Start & { profileName?: string; cwd?: string } = {}): Promise<Run & { code: number }> {
  const io = memIo({}, start.cwd);
  const asked: string[] = [];
  const visits = new Map<string, number>();
  let result: { end: FlowEnd; state: FlowState } | undefined;
  const code = await runPlainWizard({
    io,
    answers: { region: 'us-east-1', ...start.answers, ...(start.profileName ? { profileName: start.profileName } : {}) },
    profiles: ports.profiles as never,
    connect: async () => ({ personalize: ports.personalize, s3: ports.s3, context: ports.context, preflight: ports.preflight, records: ports.records as never, ...(ports.accessSetup ? { accessSetup: ports.accessSetup } : {}) }),
    now: ports.now, watch: ports.watch, samplesDir: ports.samplesDir,
    onQuestion: (m) => {
      // a fresh start unless the script picks a saved profile
      if (m.id === 'where') return void io.stdin.write(`${toLine(script.where ? answerFor(script, m, visits) : { pick: '' }, m)}\n`);
      asked.push(m.id);
      io.stdin.write(`${toLine(answerFor(script, m, visits), m)}\n`);
    },
    onEnd: (end, state) => (result = { end, state }),
  });
  if (!result) throw new Error(`plain mode ended before the machine did (exit ${code}):\n${io.text()}`);
  return { ...result, asked, events: [], code, text: io.text() };
}

/** the choice whose label starts with `start` (a label the test names, whatever its place) */
export const pickLabel = (start: string): Ans => ({ pick: (m: StepModel) => m.choices!.find((c) => c.label.startsWith(start))!.value });

/**
 * An empty account (sandbox --seed none, creations ACTIVE after 0.2 s) and its ports, for the
 * describe it is called in: `ports()` once its beforeAll has run, `sandbox` the fixture itself. Hooks are registered here, inside
 * the caller's describe — never at a helper module's top level (test files share a worker).
 */
export function emptyAccount(): { sandbox: ReturnType<typeof withSandbox>; ports: () => TestPorts } {
  const empty = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.2 });
  let ports: TestPorts | undefined;
  beforeAll(async () => {
    ports = await portsFor(empty);
  });
  afterAll(() => ports?.close());
  return { sandbox: empty, ports: () => ports! };
}

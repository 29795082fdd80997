// An Io whose stdout/stderr are collected in memory, with an env of the test's choosing
// (e.g. an in-process sandbox's env): for calling commands and createDeps in-process.
import { PassThrough } from 'node:stream';
import type { Io } from '../../src/core/ports.js';

export interface TestIo extends Io {
  out(): string;
  err(): string;
}

export function testIo(env: Record<string, string | undefined>, opts: { isTTY?: boolean } = {}): TestIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const stdin = new PassThrough();
  return {
    stdout, stderr, stdin,
    isTTY: opts.isTTY ?? false,
    env: { ...env },
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

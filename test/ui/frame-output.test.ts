// src/ui/ink/frame-output.ts (what the built CLI uses in place of Ink's Output) against Ink's own
// Output: the same frame text for generated frames — styled text (chalk), wide characters, writes
// over each other, clipping, multi-line writes, transformers — drawn one after another, so rows
// remembered from an earlier frame are reused where they must be and rebuilt where they must not.
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import FrameOutput from '../../src/ui/ink/frame-output.js';

const chalk = new Chalk({ level: 3 });
const piece = fc.oneof(
  fc.constantFrom('Job ', 'arn:aws:personalize:us-east-1:1:dataset-import-job/x', '⠋', '✔', '界界', 'é', ' ', 'Elapsed 0:0', '• ', ''),
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')),
);
const style = fc.constantFrom<(s: string) => string>((s) => s, chalk.cyan, chalk.dim, chalk.bold.green, chalk.red.bold, chalk.inverse);
const text = fc.array(fc.tuple(piece, style), { minLength: 1, maxLength: 4 }).map((xs) => xs.map(([p, s]) => s(p)).join(''));
const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('write' as const), x: fc.integer({ min: 0, max: 30 }), y: fc.integer({ min: 0, max: 6 }), lines: fc.array(text, { minLength: 1, maxLength: 3 }), upper: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('clip' as const), x1: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), w: fc.integer({ min: 0, max: 30 }), y1: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), h: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function draw(O: new (o: { width: number; height: number }) => { write: Function; clip: Function; unclip: Function; get(): { output: string; height: number } }, width: number, height: number, ops: Op[]) {
  const out = new O({ width, height });
  let open = 0;
  for (const o of ops) {
    if (o.type === 'write') out.write(o.x, o.y, o.lines.join('\n'), { transformers: o.upper ? [(s: string, i: number) => (i === 0 ? s.toUpperCase() : s)] : [] });
    else if (o.type === 'clip') {
      open++;
      out.clip({ x1: o.x1, x2: o.x1 === undefined ? undefined : o.x1 + o.w, y1: o.y1, y2: o.y1 === undefined ? undefined : o.y1 + o.h });
    } else if (open > 0) {
      open--;
      out.unclip();
    }
  }
  return out.get();
}

describe("the built CLI's Ink Output", () => {
  it("gives Ink's frames, frame after frame", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 8 }), fc.array(fc.array(op, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (width, height, frames) => {
        // each frame drawn twice (the second from what the first remembered), then the next frame
        for (const ops of [...frames, ...frames]) expect(draw(FrameOutput, width, height, ops)).toEqual(draw(InkOutput, width, height, ops));
      }),
      { numRuns: 400 },
    );
  });

  it('a live view\'s second frame: only the changed row differs', () => {
    const frame = (t: string) => [
      { type: 'write' as const, x: 0, y: 0, lines: [`${chalk.dim('Job ')}arn:x`], upper: false },
      { type: 'write' as const, x: 2, y: 1, lines: [`${chalk.cyan('⠋')} Importing`], upper: false },
      { type: 'write' as const, x: 0, y: 2, lines: [chalk.dim(`Elapsed ${t}`)], upper: false },
    ];
    const a = draw(FrameOutput, 80, 3, frame('0:01')).output.split('\n');
    const b = draw(FrameOutput, 80, 3, frame('0:02')).output.split('\n');
    expect(b[0]).toBe(a[0]);
    expect(b[2]).not.toBe(a[2]);
    expect(b.join('\n')).toBe(draw(InkOutput, 80, 3, frame('0:02')).output);
  });

  it('a row remembered with the same text is not reused at another column or screen width', () => {
    const at = (x: number) => [{ type: 'write' as const, x, y: 0, lines: [chalk.cyan('⠋ Importing')], upper: false }];
    for (const [x, width] of [[2, 80], [4, 80], [2, 80], [15, 10], [15, 20]]) expect(draw(FrameOutput, width, 1, at(x))).toEqual(draw(InkOutput, width, 1, at(x)));
  });
});

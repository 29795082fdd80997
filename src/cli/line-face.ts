// The machine's steps asked as numbered line prompts: no arrow keys, no cursor movement, no
// redraws — for screen readers, TERM=dumb, pasted logs, and `import`'s questions on a terminal.
// The same models as the Ink wizard (src/flow/machine): same order, texts, choices and defaults.
// "<" goes back one step (the Ink wizard's Esc); an empty line takes the default.
import { createInterface } from 'node:readline';
import type { Io } from '../core/ports.js';
import { fitRow, visibleWidth, widthOf, writeFitted } from '../core/fit.js';
import { neutralize, visible } from '../core/sanitize.js';
import { AppError } from '../core/errors.js';
import type { FaceAnswer, StepModel } from '../flow/machine/index.js';

export const BACK = '<';

/** Reads whole lines from io.stdin; `null` at end of input. */
export function lineReader(io: Io): { next(): Promise<string | null>; close(): void } {
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, terminal: false });
  const queue: string[] = [];
  const waiting: ((l: string | null) => void)[] = [];
  let ended = false;
  rl.on('line', (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else queue.push(l);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });
  (io.stdin as { ref?: () => void }).ref?.();
  return {
    next() {
      if (queue.length) return Promise.resolve(queue.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((res) => waiting.push(res));
    },
    close() {
      rl.close();
    },
  };
}

export interface LineAsk {
  ask(m: StepModel): Promise<FaceAnswer>;
  close(): void;
}

export interface LineAskOptions {
  /**
   * Whether `m`'s screen heading was printed right before it is asked (plain mode's printer: `headed`).
   * A question that is its screen's title ("Dataset group", "Dataset", "Import mode") is then not
   * written again under it — as the Ink wizard, which draws it only when it differs from the title.
   * Without a heading (`import` on a terminal, the same screen asked again) the question says it.
   */
  headed?: (m: StepModel) => boolean;
}

/** Numbered prompts for a model, drawn on `out`; `signal` stops a pending question. */
export function lineAsker(io: Io, out: NodeJS.WritableStream, signal?: AbortSignal, o: LineAskOptions = {}): LineAsk {
  const reader = lineReader(io);
  const write = (text: string) => writeFitted(out, `${text}\n`);
  const writeQuestion = (m: StepModel) => {
    if (m.question !== m.title || !o.headed?.(m)) write(m.question);
  };
  // a choice's row: its label goes on under itself, a long path broken after a "/" or "-" (not cut by
  // the terminal at the edge, its number left alone on the line above)
  const row = (n: number, text: string) => out.write(`${fitRow(`${`${n})`.padStart(4)} `, neutralize(text), widthOf(out))}\n`);
  const prompt = (text: string) => out.write(text);
  const read = async (): Promise<string> => {
    let onAbort: (() => void) | undefined;
    const stop = new Promise<null>((res) => {
      onAbort = () => res(null);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const l = signal?.aborted ? null : await Promise.race([reader.next(), stop]);
      if (l === null) throw new AppError('interrupted', signal?.aborted ? 'Stopped.' : 'The input ended before the question was answered.');
      return l.trim();
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  };
  return {
    close: () => reader.close(),
    async ask(m) {
      const choices = m.choices ?? [];
      if (m.kind === 'choose' || m.kind === 'review') {
        writeQuestion(m);
        choices.forEach((c, i) => row(i + 1, c.disabled ? `${c.label} — not available: ${c.disabled}` : `${c.label}${c.description ? ` — ${c.description}` : ''}`));
        const d = choices.findIndex((c) => c.value === m.default);
        for (;;) {
          prompt(`Choose 1-${choices.length}${d >= 0 ? ` [${d + 1}]` : ''} (${BACK} back): `);
          const t = await read();
          if (t === BACK) return { back: true };
          if (t === '' && d >= 0) return { value: choices[d].value };
          const n = Number(t);
          const c = Number.isInteger(n) ? choices[n - 1] : choices.find((x) => x.value === t || x.label === t);
          if (!c) {
            write(`  Type a number from 1 to ${choices.length}${d >= 0 ? ', or Enter for ' + (d + 1) : ''}.`);
            continue;
          }
          if (c.disabled) {
            write(`  ${c.label} is not available: ${c.disabled}`);
            continue;
          }
          return { value: c.value };
        }
      }
      // input: free text; listed suggestions may be picked by number
      writeQuestion(m);
      choices.forEach((c, i) => row(i + 1, `${c.label}${c.description ? ` — ${c.description}` : ''}`));
      {
        // a default too long for the line (a path) is named by its number when it is one of the list's
        const d = m.default ? choices.findIndex((c) => c.value === m.default) : -1;
        const width = widthOf(out);
        // (a default is a file's or a folder's name: shown with its control characters escaped — the
        // safety net below lets colour codes through, and "\x1b[8m" would hide what follows)
        const dflt = m.default === undefined ? undefined : visible(m.default);
        const shown = d >= 0 && width && visibleWidth(`[${dflt}] (${BACK} back): `) > width ? `${d + 1}` : dflt;
        prompt(neutralize(`${shown ? `[${shown}] ` : ''}(${BACK} back): `));
        const t = await read();
        if (t === BACK) return { back: true };
        const n = Number(t);
        const v = t === '' ? (m.default ?? '') : choices.length && Number.isInteger(n) && n >= 1 && n <= choices.length ? choices[n - 1].value : t;
        // the driver checks the answer, says what is wrong and asks again
        return { value: v };
      }
    },
  };
}

/** A yes/no question as one line (`Apply these changes? [y/N]: `); Enter takes the default. */
export async function confirmLine(io: Io, out: NodeJS.WritableStream, question: string, dflt = false): Promise<boolean> {
  const reader = lineReader(io);
  try {
    for (;;) {
      out.write(`${question} ${dflt ? '[Y/n]' : '[y/N]'}: `);
      const l = await reader.next();
      if (l === null) throw new AppError('interrupted', 'The input ended before the question was answered.');
      const t = l.trim().toLowerCase();
      if (t === '') return dflt;
      if (t === 'y' || t === 'yes') return true;
      if (t === 'n' || t === 'no') return false;
      writeFitted(out, '  Type y or n.\n');
    }
  } finally {
    reader.close();
  }
}

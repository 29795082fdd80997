// Intl.Segmenter for Ink's text code, without ICU's start-up where it is not needed. Ink's frame
// builder (@alcalzone/ansi-tokenize), slice-ansi and string-width each build a grapheme segmenter
// when they load; the first one costs ~20 ms of CPU (ICU's break-iterator data), before the wizard's
// first frame (scripts/first-frame.mjs, issue #17) and again on each frame's lines. The built CLI
// gives them this one instead (scripts/build.mjs, plugin `ink-graphemes`): a line whose characters
// all stand alone — ESC and the characters of stands-alone.ts (printable ASCII, Latin,
// punctuation, arrows, box drawing, dingbats, braille: never joined to a neighbour into one
// grapheme) — is split into its UTF-16 code units, each its own grapheme, as ICU would split it;
// any other line goes to a real Intl.Segmenter, built on first need. test/ui/graphemes.test.ts
// holds it to Intl.Segmenter on generated text.
import { standsAlone } from './stands-alone.js';

interface Segment {
  segment: string;
  index: number;
  input: string;
}

/** every code unit is a grapheme of its own (CR and LF excluded: CR LF is one grapheme) */
function allStandAlone(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const cp = s.charCodeAt(i);
    if (cp !== 0x1b && !standsAlone(cp)) return false;
  }
  return true;
}

class CodeUnitSegments {
  constructor(private readonly input: string) {}

  containing(index = 0): Segment | undefined {
    const i = Math.trunc(Number(index)) || 0;
    if (i < 0 || i >= this.input.length) return undefined;
    return { segment: this.input[i]!, index: i, input: this.input };
  }

  *[Symbol.iterator](): IterableIterator<Segment> {
    const input = this.input;
    for (let i = 0; i < input.length; i++) yield { segment: input[i]!, index: i, input };
  }
}

/** what the built CLI's Ink, slice-ansi and string-width get for `new Intl.Segmenter(locales, options)` */
export class LazySegmenter {
  private real: Intl.Segmenter | undefined;
  private readonly graphemes: boolean;

  constructor(
    private readonly locales?: string | string[],
    private readonly options?: Intl.SegmenterOptions,
  ) {
    this.graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
  }

  private segmenter(): Intl.Segmenter {
    return (this.real ??= new Intl.Segmenter(this.locales, this.options));
  }

  segment(input: string): Intl.Segments | CodeUnitSegments {
    const s = String(input);
    return this.graphemes && allStandAlone(s) ? new CodeUnitSegments(s) : this.segmenter().segment(s);
  }

  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.segmenter().resolvedOptions();
  }
}

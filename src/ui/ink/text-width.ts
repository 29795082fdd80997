// string-width's answers, for less work: the built CLI gives this function to Ink, widest-line and
// cli-truncate in string-width's place (scripts/build.mjs, plugin `ink-text-width`). string-width
// reads any line that is not plain ASCII (a spinner's ⠋, a ✔, a ·, a styled title) by grapheme
// segmentation and a very large emoji pattern, whose first use alone cost ~190 ms of CPU before
// the wizard's first frame (and a live view's lines change every second). Here, a line made only
// of characters that always stand alone (never joined to a neighbour into one grapheme: no
// combining marks, joiners, variation selectors, Hangul jamo, regional indicators, emoji
// modifiers) is measured character by character, each character's width found once (string-width's
// rule for it) and remembered; colours and styles (SGR codes) count nothing, as string-width strips
// them; any other line, a line with other escape codes, or a call with options goes to string-width.
// test/ui/text-width.test.ts holds it to string-width on generated text.
import stringWidth from 'string-width';
import { eastAsianWidth } from 'get-east-asian-width';
import { standsAlone } from './stands-alone.js';


const visible = /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
const emoji = /\p{Emoji_Presentation}/u;

/**
 * string-width's rule for a grapheme of one such code point: 0 when it does not print, 2 for an
 * emoji, else its East Asian Width — without string-width's RGI_Emoji pattern, whose first use
 * costs tens of milliseconds (before the wizard's first frame); for one character of these ranges
 * it is Emoji_Presentation (the test checks every one of them against string-width).
 */
function charWidth(cp: number): number {
  const c = String.fromCharCode(cp);
  if (!visible.test(c)) return 0;
  return emoji.test(c) ? 2 : eastAsianWidth(cp);
}

const widths = new Map<number, number>();

export default function textWidth(input: string, options?: Parameters<typeof stringWidth>[1]): number {
  if (options !== undefined || typeof input !== 'string') return stringWidth(input, options);
  let width = 0;
  for (let i = 0; i < input.length; i++) {
    const cp = input.charCodeAt(i);
    if (cp >= 0x20 && cp <= 0x7e) {
      width++;
      continue;
    }
    if (cp === 0x1b && input.charCodeAt(i + 1) === 0x5b) {
      // a colour or style (SGR: ESC [ digits and ; m) prints nothing, as string-width strips it
      let j = i + 2;
      while (j < input.length && ((input.charCodeAt(j) >= 0x30 && input.charCodeAt(j) <= 0x39) || input.charCodeAt(j) === 0x3b)) j++;
      if (input.charCodeAt(j) === 0x6d) {
        i = j;
        continue;
      }
    }
    if (!standsAlone(cp)) return stringWidth(input);
    let w = widths.get(cp);
    if (w === undefined) {
      w = charWidth(cp);
      widths.set(cp, w);
    }
    width += w;
  }
  return width;
}

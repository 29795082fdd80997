// Colour for Ink screens. chalk (inside Ink) reads the environment once, when it loads, so a front
// end calls this BEFORE `await import('ink')`: NO_COLOR (or FORCE_COLOR=0 / TERM=dumb) then wins.
// No Ink or React here: importing this file must not load them.
import { useColor } from '../../job/format.js';

export function prepareInkColor(env: Record<string, string | undefined>): void {
  if (!useColor(env, true)) process.env.FORCE_COLOR = '0';
}

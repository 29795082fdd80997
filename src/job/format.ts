// Small text helpers shared by the job line printer and the status/history commands.

/** "0:07", "2:14", "1:03:09" — elapsed time as a clock reads it. */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "45 s", "3 min 20 s", "2 h 05 min" — for tables and sentences. */
export function humanDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} s`;
  const m = Math.floor(total / 60);
  if (m < 60) return `${m} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Whether to colour: NO_COLOR wins, then FORCE_COLOR, then "is it a terminal". */
export function useColor(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export interface Paint {
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  bold(s: string): string;
}

export function paint(color: boolean): Paint {
  const w = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { dim: w(2, 22), red: w(31, 39), green: w(32, 39), bold: w(1, 22) };
}

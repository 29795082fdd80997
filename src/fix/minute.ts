// The last date of the form YYYY-MM-DDThh:mm:ssZ that readTimestamp read, up to its minute (17
// bytes), and the epoch seconds of that minute: an export in time order has many dates a minute,
// each then its seconds away (readTimestamp's own result for it). RowFixer's one-pass path uses it;
// the fast lane (wasm/rewrite.ts) has its own.

export class MinuteCache {
  private readonly key = new Uint8Array(17);
  /** the epoch seconds of the remembered minute (-1: none yet) */
  start = -1;

  /** ss of the 20-byte date at b[s..s+20) when it is in the remembered minute (00 to 59, then Z); else -1 */
  seconds(b: Uint8Array, s: number): number {
    if (this.start < 0 || b[s + 19] !== 90) return -1;
    const key = this.key;
    for (let j = 16; j >= 0; j--) if (b[s + j] !== key[j]) return -1;
    const d1 = b[s + 17] - 48;
    const d2 = b[s + 18] - 48;
    if (d1 < 0 || d1 > 5 || d2 < 0 || d2 > 9) return -1;
    return d1 * 10 + d2;
  }

  /** after readTimestamp read b[s..s+20) as a zoned date: remembered when it is YYYY-MM-DDThh:mm:ssZ with ss below 60 */
  remember(b: Uint8Array, s: number, seconds: number): void {
    if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84 || b[s + 13] !== 58 || b[s + 16] !== 58 || b[s + 19] !== 90) return;
    const d1 = b[s + 17] - 48;
    const d2 = b[s + 18] - 48;
    if (d1 < 0 || d1 > 5 || d2 < 0 || d2 > 9) return;
    for (let j = 0; j < 17; j++) this.key[j] = b[s + j];
    this.start = seconds - (d1 * 10 + d2);
  }
}

// A newcomer's customers export for a Users dataset whose schema has USER_ID, MEMBERSHIP and AGE only
// (the sandbox's sandbox-shop-users): lower-case names, customer_id for USER_ID, AGE written
// "-", n/a or NULL when missing, and two columns the schema lacks whose missing values are markers
// too (signup_score "None", is_vip "N/A"). Shaped like the file of the tmux walk that found the fix
// not offered again after "Add signup_score, is_vip to the schema". Shared by the flow and e2e tests.
export const CUSTOMER_ROWS = 1200;
const age = (i: number) => (i % 29 === 0 ? '-' : i % 29 === 7 ? 'n/a' : i % 29 === 14 ? 'NULL' : i % 31 === 3 ? '' : `${18 + ((i * 7) % 60)}`);
const score = (i: number) => (i % 13 === 0 ? 'None' : (((i * 37) % 100) / 10).toFixed(1));
const vip = (i: number) => (i % 43 === 10 ? 'N/A' : i % 2 ? 'true' : 'false');
const row = (i: number) => `C${String(i).padStart(5, '0')},${age(i)},${['gold', 'silver', 'bronze'][i % 3]},${score(i)},${vip(i)}`;

/** the export; `extra` lines (written as they are) go after row `at` */
export function customersCsv(opts: { extra?: string[]; at?: number } = {}): string {
  const lines = Array.from({ length: CUSTOMER_ROWS }, (_, i) => row(i));
  if (opts.extra) lines.splice((opts.at ?? 100) + 1, 0, ...opts.extra);
  return `customer_id,age,membership,signup_score,is_vip\n${lines.join('\n')}\n`;
}

/** rows whose signup_score is None, whose is_vip is N/A */
export const noneCount = Array.from({ length: CUSTOMER_ROWS }, (_, i) => score(i)).filter((v) => v === 'None').length;
export const naCount = Array.from({ length: CUSTOMER_ROWS }, (_, i) => vip(i)).filter((v) => v === 'N/A').length;

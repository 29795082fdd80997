// The size from which a local file (or an S3 object) is split across worker threads: below it, the
// threads' start-up costs more than they save. PERSONALIZE_IMPORT_SPLIT_MIN_BYTES sets another (a
// tuning and test setting: the test suite runs the CLI's split paths on files of a few MB, not 94 MB).
const DEFAULT = 64 * 1024 * 1024;

export function splitMinBytes(): number {
  const v = process.env.PERSONALIZE_IMPORT_SPLIT_MIN_BYTES;
  if (v === undefined || !/^\d+$/.test(v.trim())) return DEFAULT;
  return Math.max(1, Number(v.trim()));
}

// What to say when an S3 object named on the command line is not there (HeadObject: 404). A HEAD
// cannot tell a missing bucket from a missing key (404, no body); a listing of the key's folder can,
// and shows what is there instead: the same key in another case (keys are case-sensitive), or the
// folder's CSV objects. Before, `validate s3://no-such-bucket/a.csv` said "no such object. Check the
// key" — of a bucket that does not exist. Keys from S3 are shown escaped.
import { isAppError } from '../core/errors.js';
import type { StorageApi } from '../core/ports.js';
import { visible } from '../core/sanitize.js';

/** objects of the folder read to find a near key (one page) */
const LOOK = 1000;
/** CSV objects named in the hint */
const NAMED = 3;

/** The message and hint for `s3://bucket/key` answering 404 to HeadObject. */
export async function missingObject(s3: Pick<StorageApi, 'list'>, bucket: string, key: string): Promise<{ message: string; hint: string }> {
  const uri = `s3://${visible(bucket)}/${visible(key)}`;
  const dir = key.slice(0, key.lastIndexOf('/') + 1);
  const plain = { message: `${uri}: no such object.`, hint: 'Check the key (keys are case-sensitive); for a folder, end it with /.' };
  let listed;
  try {
    listed = await s3.list(bucket, dir, { max: LOOK });
  } catch (e) {
    if (isAppError(e) && e.kind === 'not-found') return missingBucket(bucket);
    // no right to list (s3:ListBucket), a throttle…: what the HEAD said
    return plain;
  }
  const same = listed.find((o) => o.key !== key && o.key.toLowerCase() === key.toLowerCase());
  if (same) return { message: `${uri}: no such object.`, hint: `Keys are case-sensitive: s3://${visible(bucket)}/${visible(same.key)} is there.` };
  const csvs = listed.filter((o) => !o.key.slice(dir.length).includes('/') && /\.csv$/i.test(o.key));
  if (csvs.length) {
    const names = csvs.slice(0, NAMED).map((o) => visible(o.key.slice(dir.length))).join(', ');
    const more = csvs.length > NAMED ? ` and ${csvs.length - NAMED}${listed.length >= LOOK ? '+' : ''} more` : '';
    return { message: `${uri}: no such object.`, hint: `s3://${visible(bucket)}/${visible(dir)} holds ${names}${more}; check the key, or end a folder with /.` };
  }
  return plain;
}

/** The message and hint for a bucket that does not exist (NoSuchBucket). */
export function missingBucket(bucket: string): { message: string; hint: string } {
  return { message: `There is no bucket named ${visible(bucket)}.`, hint: 'Check the bucket\'s name (aws s3 ls lists yours); bucket names are global and lower-case.' };
}

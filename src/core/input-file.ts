// What a command may read as "the CSV": a regular file, or a pipe it was handed (/dev/stdin,
// /dev/fd/N from `<(…)`). Refused with a message naming the path, before anything waits on it:
// a named pipe (FIFO) nobody writes to (opening it would hang), a device (/dev/zero never ends,
// a terminal waits for typing), a socket, a folder, a path that cannot be opened (EACCES …).
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { fileError, usageError } from './errors.js';
import { visible } from './sanitize.js';

/** the paths through which a shell hands a process its pipes */
const HANDED = /^(\/dev\/stdin|\/dev\/fd\/\d+|\/proc\/self\/fd\/\d+)$/;

export interface InputInfo {
  /** bytes, or undefined for a pipe (unknown until read) */
  size?: number;
  /** a pipe handed by the shell: read once, front to back */
  stream: boolean;
  /** stdin is a socket (a parent process's spawn): read it as process.stdin (a socket cannot be opened by path) */
  stdinSocket?: boolean;
}

/**
 * Checks `path` can be read as a CSV; `what` names it in messages ("validate:", "--csv").
 * Throws the usage error (exit 2) naming the path.
 */
export async function checkInputFile(path: string, what: string): Promise<InputInfo> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw fileError(e, path, what, 'Check the path; it is relative to the folder you ran the command in.');
  }
  const shown = visible(path);
  if (st.isDirectory()) throw usageError(`${what} ${shown} is a folder, not a CSV file.`, 'Pass the path of a CSV file (or s3://bucket/prefix/ for a folder in S3).');
  if (st.isFIFO() && HANDED.test(path)) return { stream: true };
  // the socket a parent process hands as stdin (node's spawn does): read through process.stdin
  if (st.isSocket() && /^(\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(path)) return { stream: true, stdinSocket: true };
  if (st.isFIFO()) {
    throw usageError(`${what} ${shown} is a named pipe (FIFO), not a file: reading it would wait for a writer forever.`,
      'Pass a regular file, or pipe the data in: … | personalize-import validate /dev/stdin');
  }
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    const tty = HANDED.test(path) ? ' (the input is a terminal or a device, not a pipe)' : '';
    throw usageError(`${what} ${shown} is a device${tty}, not a file: it may never end (/dev/zero) or wait for typing.`, 'Pass a regular CSV file, or pipe one in: cat events.csv | personalize-import validate /dev/stdin');
  }
  if (st.isSocket()) throw usageError(`${what} ${shown} is a socket, not a file.`, 'Pass a regular CSV file.');
  if (!st.isFile()) throw usageError(`${what} ${shown} is not a regular file.`, 'Pass a regular CSV file.');
  // can it be opened? (EACCES for a file of another user; O_NONBLOCK so nothing here can wait)
  try {
    const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    await fh.close();
  } catch (e) {
    throw fileError(e, path, what);
  }
  return { size: st.size, stream: false };
}

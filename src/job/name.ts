// A job name the tool chose must never be the user's problem: three `import` runs started in the
// same second generate the same `<dataset>-<yyyymmdd-hhmmss>`, and two of them would fail with
// "already exists" (exit 2 for a name nobody typed). On that clash a generated name gets a short
// random suffix and the create is tried again; a name the user gave is never changed.
import { isAppError } from '../core/errors.js';
import { randomSuffix } from '../core/upload-key.js';

/** the longest job name the service takes */
const JOB_NAME_MAX = 63;

/** `name` with "-xxxx" (4 random characters) added, kept within 63 characters */
export function withRandomSuffix(name: string): string {
  const suffix = `-${randomSuffix()}`;
  return `${name.slice(0, JOB_NAME_MAX - suffix.length)}${suffix}`;
}

/** the service's "a job with this name exists" */
export function isNameClash(e: unknown): boolean {
  return isAppError(e) && e.kind === 'conflict' && (e.awsName === undefined || e.awsName === 'ResourceAlreadyExistsException');
}

/**
 * Calls `create(name)`; when `generated` and the name is taken, retries with a random suffix (up to
 * `tries` times in all). Returns the result and the name that was used.
 */
export async function createWithFreshName<T>(name: string, generated: boolean | undefined, create: (name: string) => Promise<T>, tries = 4): Promise<{ result: T; name: string }> {
  let current = name;
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await create(current), name: current };
    } catch (e) {
      if (!generated || attempt >= tries || !isNameClash(e)) throw e;
      current = withRandomSuffix(name);
    }
  }
}

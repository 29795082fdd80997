// Step 6 (local files only): the bucket Personalize may read, the key prefix, then the upload itself
// (a side effect: `import` runs it after the review, --dry-run never).
import { describeSource, normalisePrefix, s3KeyFor } from '../plan.js';
import { rm, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { visible } from '../../core/sanitize.js';
import { checkImportSize } from '../../core/size-limit.js';
import { bucketAnswerProblem, bucketOfFlag } from '../../core/s3-uri.js';
import { uploadCsv } from '../run.js';
import { FLAG_FOR, frame } from './base.js';
import type { FlowState, RunContext, StepDef } from './types.js';

const local = (s: FlowState) => s.answers.source?.kind === 'local';

export const bucketStep: StepDef = {
  id: 'bucket',
  screen: 'upload',
  kind: 'choose',
  applies: local,
  async model(s, p) {
    const a = s.answers;
    const from = s.presetFrom.bucket;
    const base = frame('bucket', 'upload', 'choose', 'Which bucket? Personalize reads the file from there, so its policy must let personalize.amazonaws.com read it.', { flag: FLAG_FOR.bucket });
    if (from && a.bucket) return { ...base, preset: { value: a.bucket, from } };
    const sandboxBucket = p.context.bucket ?? p.sandboxDefaults?.bucket;
    const unattended = sandboxBucket
      ? { value: sandboxBucket, note: `upload bucket: ${sandboxBucket} (the sandbox's bucket)` }
      : { error: `import: where should ${describeSource(a.source!)} be uploaded? Pass ${FLAG_FOR.bucket} <name> (and optionally --prefix).`, hint: 'Personalize reads the file from S3; pick a bucket its policy lets personalize.amazonaws.com read.' };
    let buckets: string[] = [];
    let note: string | undefined;
    try {
      buckets = await p.s3.listBuckets();
    } catch (e) {
      note = `Could not list buckets (${e instanceof Error ? e.message : String(e)}); type the bucket name instead.`;
    }
    const suggested = a.bucket ?? sandboxBucket;
    if (!buckets.length) {
      return {
        ...base, kind: 'input', question: 'Bucket name (Personalize must be allowed to read it)',
        lines: note ? [{ text: note, tone: 'warn' }] : [],
        default: suggested,
        check: bucketAnswerProblem,
        unattended,
      };
    }
    const ordered = suggested && buckets.includes(suggested) ? [suggested, ...buckets.filter((b) => b !== suggested)] : buckets;
    return {
      ...base,
      choices: ordered.map((b) => ({ value: b, label: b, ...(b === sandboxBucket ? { description: 'the sandbox bucket Personalize may read' } : b === a.bucket ? { description: 'chosen before' } : {}) })),
      default: ordered[0],
      unattended,
    };
  },
  async answer(s, v) {
    // a name or s3://bucket[/folder/], read as --bucket is (checked by bucketAnswerProblem when typed)
    const { bucket, prefix } = bucketOfFlag(v) ?? { bucket: v.trim(), prefix: '' };
    s.answers.bucket = bucket;
    // its folder: the next question's default (a folder from --prefix or a profile stays)
    if (prefix && !s.presetFrom.prefix) s.answers.prefix = prefix;
    s.loaded.upload = undefined;
    return undefined;
  },
};

export const prefixStep: StepDef = {
  id: 'prefix',
  screen: 'upload',
  kind: 'input',
  applies: local,
  async model(s) {
    const a = s.answers;
    const from = s.presetFrom.prefix;
    const base = frame('prefix', 'upload', 'input', `Folder (prefix) in s3://${a.bucket}/ for the file; empty for the top level`, { flag: FLAG_FOR.prefix });
    const preview = (v: string) => `s3://${a.bucket}/${s3KeyFor(v, (a.source as { path: string }).path)}`;
    if (from && a.prefix !== undefined) return { ...base, preset: { value: a.prefix, from }, describe: preview };
    return {
      ...base,
      default: a.prefix ?? 'personalize-import/',
      describe: preview,
      // `import` without --prefix uploads to the top level, as it always did
      unattended: { value: '' },
    };
  },
  async answer(s, v) {
    const a = s.answers;
    a.prefix = normalisePrefix(v);
    a.key = s3KeyFor(a.prefix, (a.source as { path: string }).path);
    s.loaded.upload = undefined;
    return undefined;
  },
};

export const uploadStep: StepDef = {
  id: 'upload',
  screen: 'upload',
  kind: 'run',
  sideEffect: true,
  applies: local,
  async model(s) {
    return frame('upload', 'upload', 'run', `Uploading to s3://${s.answers.bucket}/${s.answers.key}`, { cancel: 'Upload stopped; the partial upload was removed from S3.' });
  },
  async run(s, p, ctx) {
    const a = s.answers;
    // the mode's size limit, before a byte is uploaded (the file may have grown since it was
    // validated, or was not: --skip-validation): the mode when known (a flag, a profile), else the
    // dataset's only mode, else FULL's (the larger: the mode step then offers only what fits)
    const file = (a.source as { kind: 'local'; path: string }).path;
    checkImportSize(await stat(file).then((st) => st.size, () => 0), a.importMode ?? s.loaded.details?.rules.defaultMode ?? 'FULL', file);
    const u = await uploadCsv({ source: a.source as { kind: 'local'; path: string }, bucket: a.bucket!, key: a.key! }, p.s3, { signal: ctx.signal, onEvent: ctx.emit });
    s.loaded.upload = u;
    s.doc.upload = { bucket: u.bucket, key: u.key, bytes: u.bytes, ms: u.ms };
    await removeTempCopy(s, file, ctx.emit);
    return undefined;
  },
};

/**
 * An S3 file the fixer repaired was copied into a temp folder of its own (steps-fix.ts, fixPaths);
 * once that copy is in S3 it is the object the import reads, and the local one was a full-size
 * duplicate left in the temp dir for good. It is removed, the folder with it unless it holds the
 * rejects file (the screen named that one: it stays).
 */
async function removeTempCopy(s: FlowState, file: string, emit: RunContext['emit']) {
  const memo = (s as FlowState & { fix?: { tempMade?: boolean; output?: string } }).fix;
  if (!memo?.tempMade || memo.output !== file) return;
  await rm(file, { force: true });
  await rmdir(dirname(file)).catch(() => undefined);
  if (s.doc.fix && typeof s.doc.fix === 'object') Object.assign(s.doc.fix, { localCopyRemoved: true });
  emit({ type: 'note', text: `The fixed copy is in S3 now; its temporary local copy ${visible(file)} was removed.`, tone: 'dim' });
}

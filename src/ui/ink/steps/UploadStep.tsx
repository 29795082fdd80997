// Step 6 (local files only): bucket and prefix, then a multipart upload with bytes, MB/s and ETA.
// Esc or Ctrl-C during the upload aborts it (no parts are left in S3).
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { statSync } from 'node:fs';
import { isAppError } from '../../../core/errors.js';
import { checkImportSize } from '../../../core/size-limit.js';
import { visible } from '../../../core/sanitize.js';
import { normalisePrefix, s3KeyFor, uploadCsv, formatBytes, type ImportEvent } from '../../../flow/index.js';
import { Select } from '../components/Select.js';
import { TextInput } from '../components/TextInput.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Spinner } from '../components/Spinner.js';
import { KeyHints } from '../components/KeyHints.js';
import { ErrorBox } from './common.js';
import { BucketCheck } from './BucketCheck.js';
import type { StepProps } from '../types.js';

type Phase = 'bucket' | 'prefix' | 'checking' | 'uploading';

export function UploadStep({ conn, answers, loaded, done, back, exit, listLimit, onInterrupt }: StepProps) {
  const src = answers.source!;
  const fromProfile = loaded.presetFrom?.upload;
  const [phase, setPhase] = useState<Phase>(fromProfile && answers.bucket ? (conn?.accessSetup ? 'checking' : 'uploading') : 'bucket');
  const [buckets, setBuckets] = useState<string[] | undefined>();
  const [bucket, setBucket] = useState(answers.bucket ?? conn!.context.bucket ?? '');
  const [prefix, setPrefix] = useState(answers.prefix ?? 'personalize-import/');
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState<string | undefined>();
  const [prog, setProg] = useState<Extract<ImportEvent, { type: 'upload-progress' }> | undefined>();
  const ac = useRef<AbortController | undefined>(undefined);
  const exitAfterAbort = useRef(false);

  useEffect(() => {
    if (src.kind === 's3') done({}, { upload: undefined }, { auto: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (phase !== 'bucket' || buckets || src.kind === 's3') return;
    conn!.s3.listBuckets().then(setBuckets, (e) => {
      setBuckets([]);
      setNote(`Could not list buckets (${isAppError(e) ? e.message : String(e)}); type the bucket name instead.`);
    });
  }, [phase, buckets, conn, src.kind]);

  useEffect(() => {
    if (phase !== 'uploading' || src.kind !== 'local') return;
    const controller = new AbortController();
    ac.current = controller;
    exitAfterAbort.current = false;
    const key = s3KeyFor(prefix, src.path);
    // the mode's size limit before a byte is sent (the file may have grown since it was validated,
    // or was not validated): the mode when known, else FULL's (the mode step then offers only what fits)
    try {
      checkImportSize(statSync(src.path).size, answers.importMode ?? loaded.details?.rules.defaultMode ?? 'FULL', src.path);
    } catch (e) {
      setError(e);
      setPhase('bucket');
      return;
    }
    onInterrupt(() => {
      exitAfterAbort.current = true;
      controller.abort();
    });
    uploadCsv({ source: src, bucket, key }, conn!.s3, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'upload-progress') setProg(e);
      },
    }).then(
      (u) => {
        onInterrupt(undefined);
        done({ bucket, prefix: normalisePrefix(prefix), key }, { upload: { ...u, source: src.path } }, { auto: Boolean(fromProfile) });
      },
      (e) => {
        onInterrupt(undefined);
        if (exitAfterAbort.current) {
          exit(130, ['Upload stopped: the multipart upload was aborted, so no parts are left in S3. Nothing was created in Personalize.']);
          return;
        }
        // SIGTERM / SIGHUP (the S3 adapter aborted the multipart upload): end as Ctrl-C does, saying what it did
        if (isAppError(e) && e.kind === 'interrupted' && !controller.signal.aborted) {
          exit(130, [e.message, ...(e.hint ? [e.hint] : [])]);
          return;
        }
        if (controller.signal.aborted) {
          setNote('Upload stopped; the partial upload was removed from S3.');
          setPhase('bucket');
          return;
        }
        setError(e);
        setPhase('bucket');
      },
    );
    return () => {
      controller.abort();
      onInterrupt(undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);

  useInput((_i, key) => {
    if (phase === 'uploading' && key.escape) ac.current?.abort();
  }, { isActive: phase === 'uploading' });

  if (src.kind === 's3') return null;

  if (phase === 'checking') {
    // the bucket checked before anything is uploaded (the machine's bucket-check / bucket-fix steps)
    return (
      <BucketCheck conn={conn} answers={answers} loaded={loaded} listLimit={listLimit} bucket={bucket} prefix={prefix}
        onReady={() => setPhase('uploading')}
        onOther={() => { setNote(`s3://${bucket}/ was not changed; choose another bucket.`); setPhase('bucket'); }}
        onBack={() => setPhase('prefix')} />
    );
  }

  if (phase === 'uploading') {
    const total = prog?.total;
    const mbps = prog?.bytesPerSecond ? `${(prog.bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s` : '… MB/s';
    const eta = prog?.etaSeconds !== undefined ? `ETA ${Math.ceil(prog.etaSeconds)} s` : 'ETA …';
    return (
      <Box flexDirection="column">
        <Spinner label={visible(`Uploading to s3://${bucket}/${s3KeyFor(prefix, src.path)}`)} />
        <ProgressBar ratio={total ? (prog?.loaded ?? 0) / total : 0} label={total ? `${formatBytes(prog?.loaded ?? 0)} of ${formatBytes(total)} · ${mbps} · ${eta}` : 'starting…'} />
        {fromProfile ? <Text dimColor>Bucket and prefix from {fromProfile}.</Text> : null}
        <KeyHints hints={['Esc stop the upload and go back', 'Ctrl-C stop and quit (no parts are left in S3)']} />
      </Box>
    );
  }

  const problem = error ? <ErrorBox error={error} title="Upload failed" /> : note ? <Text color="yellow" wrap="wrap">{note}</Text> : null;

  if (phase === 'prefix') {
    return (
      <Box flexDirection="column">
        {problem}
        <Text>Folder (prefix) in s3://{bucket}/ for the file:</Text>
        <TextInput value={prefix} onChange={setPrefix} onSubmit={() => { setError(undefined); setPhase(conn?.accessSetup ? 'checking' : 'uploading'); }} onBack={() => setPhase('bucket')} placeholder="(top level)" />
        <Text dimColor wrap="truncate-end">Will upload to {visible(`s3://${bucket}/${s3KeyFor(prefix, src.path)}`)}</Text>
        <KeyHints hints={['Enter upload', 'Esc back to the bucket', 'Ctrl-C quit']} />
      </Box>
    );
  }
  if (!buckets) return <Spinner label="Listing your S3 buckets…" />;
  const suggested = answers.bucket ?? conn!.context.bucket;
  const ordered = suggested && buckets.includes(suggested) ? [suggested, ...buckets.filter((b) => b !== suggested)] : buckets;
  if (!ordered.length) {
    return (
      <Box flexDirection="column">
        {problem}
        <Text>Bucket name (Personalize must be allowed to read it):</Text>
        <TextInput value={bucket} onChange={setBucket} onSubmit={(b) => b.trim() && setPhase('prefix')} onBack={back} placeholder="my-personalize-bucket" />
        <KeyHints hints={['Enter next', 'Esc back', 'Ctrl-C quit']} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {problem}
      <Text>Which bucket? Personalize reads the file from there, so its policy must let personalize.amazonaws.com read it.</Text>
      <Select
        items={ordered.map((b) => ({ label: b, value: b, hint: b === conn!.context.bucket && conn!.context.sandbox ? 'the sandbox bucket Personalize may read' : b === answers.bucket ? 'from the profile' : undefined }))}
        limit={listLimit}
        onBack={back}
        onSelect={(b) => {
          setBucket(b);
          setPhase('prefix');
        }}
      />
      <KeyHints hints={['↑↓ move', 'Enter choose', ordered.length > listLimit && 'type to filter', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

// Step 4: the CSV — a typed local path (Tab completes), one of the *.csv files here (↑↓), or an
// s3:// object or folder (Tab browses buckets and prefixes). In the sandbox the shipped sample
// interactions file is the default for an Interactions dataset.
import React, { useMemo, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { describeSource, parseCsvSource, type CsvSource } from '../../../flow/index.js';
import { checkSource, csvChoices } from '../../../flow/machine/index.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import { Spinner } from '../components/Spinner.js';
import type { StepProps } from '../types.js';
import type { StorageApi } from '../../../core/ports.js';

function csvFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /\.csv$/i.test(d.name)).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

// the sample default and the source check are the machine's (src/flow/machine/steps-file.ts): one
// source with plain mode and `import`
export { sampleFor, checkSource } from '../../../flow/machine/index.js';

/** Tab completion for local paths and s3:// URIs. */
export async function completePath(value: string, cwd: string, s3?: Pick<StorageApi, 'listBuckets' | 'list'>): Promise<string[]> {
  if (value.startsWith('s3://') || (value.length < 5 && 's3://'.startsWith(value) && value.length >= 2)) {
    if (!s3) return [];
    const rest = value.startsWith('s3://') ? value.slice(5) : '';
    const slash = rest.indexOf('/');
    if (slash < 0) return (await s3.listBuckets()).filter((b) => b.startsWith(rest)).map((b) => `s3://${b}/`);
    const bucket = rest.slice(0, slash);
    const key = rest.slice(slash + 1);
    const dir = key.slice(0, key.lastIndexOf('/') + 1);
    const objects = await s3.list(bucket, dir);
    const next = new Set<string>();
    for (const o of objects) {
      if (!o.key.startsWith(key)) continue;
      const tail = o.key.slice(dir.length);
      const i = tail.indexOf('/');
      next.add(`s3://${bucket}/${dir}${i >= 0 ? tail.slice(0, i + 1) : tail}`);
    }
    return [...next].sort();
  }
  const expanded = value.startsWith('~/') ? join(process.env.HOME ?? '', value.slice(2)) : value;
  const abs = resolve(cwd, expanded || '.');
  const dir = value === '' || value.endsWith('/') ? abs : dirname(abs);
  const start = value === '' || value.endsWith('/') ? '' : basename(abs);
  const shownDir = value === '' ? '' : value.endsWith('/') ? value : value.slice(0, value.length - basename(value).length);
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.name.startsWith(start) && (!d.name.startsWith('.') || start.startsWith('.')))
      .filter((d) => d.isDirectory() || /\.csv$/i.test(d.name))
      .map((d) => `${shownDir}${d.name}${d.isDirectory() ? sep : ''}`)
      .sort();
  } catch {
    return [];
  }
}

export function CsvStep({ services, conn, answers, done, back }: StepProps) {
  const cwd = services.cwd;
  const { files: choices, sample } = useMemo(
    () => (conn ? csvChoices({ cwd, samplesDir: services.samplesDir, context: conn.context }, answers.datasetType) : { files: csvFiles(cwd), sample: undefined }),
    [cwd, conn, services.samplesDir, answers.datasetType],
  );
  const initial = answers.source ? describeSource(answers.source) : (choices[0] ?? '');
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const idx = choices.indexOf(value);

  useInput((_i, key) => {
    if (!choices.length || checking) return;
    if (key.upArrow) setValue(choices[(idx <= 0 ? choices.length : idx) - 1]);
    if (key.downArrow) setValue(choices[(idx + 1) % choices.length]);
  });

  const submit = async (v: string) => {
    const src = parseCsvSource(v);
    setChecking(true);
    try {
      const problem = await checkSource(src, cwd, conn!.s3);
      if (problem) {
        setError(problem);
        return;
      }
      // paths are read relative to where the wizard was started; keep what was typed when that is this process's folder
      const stored: CsvSource = src.kind === 'local' && resolve(cwd) !== process.cwd() ? { kind: 'local', path: resolve(cwd, src.path) } : src;
      done({ source: stored }, { report: undefined, upload: undefined });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Box flexDirection="column">
      <Text dimColor>A local file (uploaded in step 6) or s3://bucket/key — a folder ends in “/”.</Text>
      <TextInput
        value={value}
        onChange={(v) => {
          setValue(v);
          setError(undefined);
        }}
        onSubmit={(v) => void submit(v)}
        onBack={back}
        placeholder="path/to/file.csv or s3://bucket/key"
        complete={(v) => completePath(v, cwd, conn?.s3)}
        isActive={!checking}
      />
      {checking ? <Spinner label="Checking…" /> : null}
      {error ? <Text color="red" wrap="wrap">✖ {error}</Text> : null}
      {choices.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>CSV files here (↑↓ to pick):</Text>
          {choices.slice(0, 5).map((c) => (
            <Text key={c} wrap="truncate-end">
              {c === value ? <Text color="cyan">❯ {c}</Text> : `  ${c}`}
              {c === sample ? <Text dimColor>  (the sandbox’s sample {answers.datasetType?.toLowerCase()})</Text> : null}
            </Text>
          ))}
          {choices.length > 5 ? <Text dimColor>  … {choices.length - 5} more (type or Tab)</Text> : null}
        </Box>
      ) : (
        <Text dimColor>No .csv files in {cwd}.</Text>
      )}
      <KeyHints hints={['Enter use this file', 'Tab complete', choices.length > 1 && '↑↓ pick', 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

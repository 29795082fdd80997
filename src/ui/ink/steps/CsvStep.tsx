// Step 4: the CSV — a typed local path (Tab completes), one of the *.csv files here (↑↓), or an
// s3:// object or folder (Tab browses buckets and prefixes). In the sandbox the shipped sample
// interactions file is the default for an Interactions dataset.
import React, { useMemo, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { describeSource, parseCsvSource, type CsvSource } from '../../../flow/index.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import { Spinner } from '../components/Spinner.js';
import type { StepProps } from '../types.js';
import type { StorageApi } from '../../../core/ports.js';
import type { DatasetType } from '../../../core/resources.js';

function csvFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /\.csv$/i.test(d.name)).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

const SAMPLE_HINT: Partial<Record<DatasetType, RegExp>> = { INTERACTIONS: /interaction/i, ITEMS: /item/i, USERS: /user/i, ACTIONS: /^actions?[^_-]*\.csv|actions\.csv/i };

/** The shipped sample for this dataset type (sandbox only), shown relative to cwd when it is under it. */
export function sampleFor(samplesDir: string | undefined, type: DatasetType | undefined, cwd: string): string | undefined {
  if (!samplesDir || !type || !SAMPLE_HINT[type]) return undefined;
  // the plain one (interactions.csv), not the deliberately broken variants (interactions-too-few.csv …)
  const files = csvFiles(samplesDir).filter((f) => SAMPLE_HINT[type]!.test(f)).sort((a, b) => a.length - b.length);
  if (!files.length) return undefined;
  const abs = join(samplesDir, files[0]);
  const rel = relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel;
}

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

export async function checkSource(src: CsvSource, cwd: string, s3: Pick<StorageApi, 'head' | 'list'>): Promise<string | undefined> {
  if (src.kind === 'local') {
    if (!src.path) return 'Type a path to a CSV file (Tab completes), or pick one with ↑↓.';
    const abs = resolve(cwd, src.path);
    if (!existsSync(abs)) return `${src.path} does not exist (looked in ${dirname(abs)}).`;
    if (!statSync(abs).isFile()) return `${src.path} is a folder; pick a .csv file in it (Tab lists them).`;
    if (statSync(abs).size === 0) return `${src.path} is empty.`;
    return undefined;
  }
  if (!src.key || src.key.endsWith('/')) {
    const objs = (await s3.list(src.bucket, src.key)).filter((o) => o.size > 0 && !o.key.endsWith('/'));
    return objs.length ? undefined : `Nothing to import under ${describeSource(src)}.`;
  }
  const h = await s3.head(src.bucket, src.key);
  if (!h) return `${describeSource(src)} does not exist. Tab lists what is there.`;
  if (h.size === 0) return `${describeSource(src)} is empty.`;
  return undefined;
}

export function CsvStep({ services, conn, answers, done, back }: StepProps) {
  const cwd = services.cwd;
  const choices = useMemo(() => {
    const here = csvFiles(cwd);
    const sample = conn?.context.sandbox ? sampleFor(services.samplesDir, answers.datasetType, cwd) : undefined;
    return [...(sample ? [sample] : []), ...here.filter((f) => f !== sample)];
  }, [cwd, conn, services.samplesDir, answers.datasetType]);
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

  const sample = choices[0] && conn?.context.sandbox && sampleFor(services.samplesDir, answers.datasetType, cwd) === choices[0] ? choices[0] : undefined;
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

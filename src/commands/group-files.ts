// Several CSVs of one dataset group at once (issue #19), shared by `validate --with` and `import
// --csv TYPE=FILE …`: which file is which dataset type (given as TYPE=FILE, or guessed from its
// columns as schema inference guesses), each validated against its schema (the dataset's, a given
// one, or inferred from the file), then the cross-file checks (src/crossfile). Loaded lazily by the
// commands; the SDK comes in through the ports only.
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createReadStream } from 'node:fs';
import { usageError, isAppError, errnoCode, fileError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { ValidationReport } from '../validate/engine.js';
import type { SchemaModel } from '../validate/schema.js';
import type { CrossFileReport } from '../crossfile/index.js';

export interface GroupFile {
  /** as given (shown in messages) */
  path: string;
  /** resolved against the working folder */
  abs: string;
  size: number;
  type: DatasetType;
  /** why this type: "given (items=…)" or the columns' reason */
  typeReason: string;
  /** the flag that named it (--with, --csv, the positional) */
  flag: string;
}

const TYPES: Record<string, DatasetType> = { interactions: 'INTERACTIONS', items: 'ITEMS', users: 'USERS', actions: 'ACTIONS', 'action-interactions': 'ACTION_INTERACTIONS', action_interactions: 'ACTION_INTERACTIONS' };

/** "items=b.csv" → type and path; "b.csv" → path (a path may hold "=": only a known type before it counts) */
export function splitSpec(spec: string): { type?: DatasetType; path: string } {
  const i = spec.indexOf('=');
  if (i > 0) {
    const t = TYPES[spec.slice(0, i).toLowerCase()];
    if (t) return { type: t, path: spec.slice(i + 1) };
  }
  return { path: spec };
}

async function headerOf(abs: string): Promise<string[]> {
  const { readSample } = await import('../schema/sample.js');
  const s = await readSample(createReadStream(abs, { highWaterMark: 1 << 16 }), () => {}, 1 << 16);
  return s.header;
}

/**
 * The files named by `specs` (TYPE=FILE, FILE, or a folder: its .csv files), each with its dataset
 * type. Usage errors name the flag and the file: no such file, a folder without CSVs, a type the
 * columns do not tell, two files of one type.
 */
export async function resolveGroupFiles(specs: { spec: string; flag: string }[], cwd: string): Promise<GroupFile[]> {
  const { checkInputFile } = await import('../core/input-file.js');
  const { guessDatasetType } = await import('../schema/infer.js');
  const out: GroupFile[] = [];
  for (const { spec, flag } of specs) {
    const { type, path } = splitSpec(spec);
    if (path === '') throw usageError(`${flag} ${visible(spec)}: no file after '='.`, `Write it as ${flag} items=items.csv.`);
    if (path.startsWith('s3://')) throw usageError(`${flag} ${visible(spec)}: several files at once are local files for now.`, 'Download them, or import each S3 object on its own (import --data-location).');
    const abs = resolve(cwd, path);
    let isDir = false;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      throw fileError(e, path, `${flag}`, 'Check the path; it is relative to the folder you ran the command in.');
    }
    const paths: string[] = [];
    if (isDir) {
      if (type) throw usageError(`${flag} ${visible(spec)}: a folder holds several files; name one file per type.`, `Write ${flag} <folder> (each file's type from its columns) or ${flag} items=<file>.`);
      const names = (await readdir(abs)).filter((n) => /\.csv$/i.test(n)).sort();
      if (names.length === 0) throw usageError(`${flag} ${visible(path)}: the folder holds no .csv file.`, 'Put the interactions, items and users CSVs in it, or name the files.');
      for (const n of names) paths.push(join(path, n));
    } else paths.push(path);
    for (const p of paths) {
      const a = resolve(cwd, p);
      const info = await checkInputFile(a, flag);
      if (info.stream) throw usageError(`${flag} ${visible(p)}: a pipe cannot be read twice, and the cross-file checks read each file more than once.`, 'Save it to a file first.');
      let t = type;
      let reason = type ? `given as ${flag} ${spec.slice(0, spec.indexOf("="))}=…` : "";
      if (!t) {
        const header = await headerOf(a);
        const g = guessDatasetType(header);
        if (!g) {
          throw usageError(`${flag} ${visible(p)}: cannot tell which dataset it is from its columns (${header.map(visible).join(', ') || 'no header'}).`, `Name its type: ${flag} items=${p} (interactions, items, users, actions, action-interactions).`);
        }
        t = g.type;
        reason = `from its columns: ${g.reason}`;
      }
      out.push({ path: p, abs: a, size: info.size ?? 0, type: t, typeReason: reason, flag });
    }
  }
  const seen = new Map<DatasetType, GroupFile>();
  for (const f of out) {
    const other = seen.get(f.type);
    if (other) {
      throw usageError(`${visible(other.path)} and ${visible(f.path)} are both ${f.type} files: a dataset group has one dataset of each type.`, `Import one of them, or name their types if one was guessed wrong (e.g. ${f.flag} users=${f.path}).`);
    }
    seen.set(f.type, f);
  }
  return out;
}

export interface FileCheck {
  file: GroupFile;
  /** where the schema came from: "the dataset arn:…", "--schema x.json", "inferred from the file" */
  schemaFrom: string;
  report: ValidationReport;
}

/** a schema per file: the group's dataset of its type when known, else inferred from the file */
export type SchemaSource = (f: GroupFile) => Promise<{ schema: SchemaModel; from: string } | undefined>;

/** The schema inferred from the file's columns (as `import --create` would create it). */
export async function inferredSchema(f: GroupFile, domain?: Domain): Promise<{ schema: SchemaModel; from: string }> {
  const { inferSchema } = await import('../schema/infer.js');
  const { parseSchema } = await import('../validate/schema.js');
  const r = await inferSchema(createReadStream(f.abs, { highWaterMark: 1 << 20 }), { datasetType: f.type, domain });
  return { schema: parseSchema(JSON.stringify(r.schema), `the schema inferred from ${f.path}`), from: 'inferred from its columns (no dataset yet)' };
}

/** Validates each file against its schema, one after the other. */
export async function validateGroupFiles(files: GroupFile[], o: { schemaFor: SchemaSource; domain?: Domain; mode: ImportMode; signal?: AbortSignal; onFile?: (f: GroupFile) => void }): Promise<FileCheck[]> {
  const { validateCsv } = await import('../validate/engine.js');
  const { availableParallelism } = await import('node:os');
  const out: FileCheck[] = [];
  for (const f of files) {
    o.onFile?.(f);
    const known = await o.schemaFor(f);
    const { schema, from } = known ?? (await inferredSchema(f, o.domain));
    let report: ValidationReport;
    try {
      report = await validateCsv([{ name: f.path, path: f.abs, size: f.size, open: () => createReadStream(f.abs, { highWaterMark: 1 << 20 }) }], {
        schema, datasetType: f.type, domain: o.domain, mode: o.mode, totalBytes: f.size, signal: o.signal, workers: Math.min(2, availableParallelism()),
      });
    } catch (e) {
      if (!isAppError(e) && errnoCode(e)) throw fileError(e, f.path, 'reading');
      throw e;
    }
    out.push({ file: f, schemaFrom: from, report });
  }
  return out;
}

/** The cross-file checks of the group's files; undefined (with the reason) without an interactions file or a catalog. */
export async function crossCheckFiles(files: GroupFile[], signal?: AbortSignal): Promise<{ report?: CrossFileReport; skipped?: string }> {
  const by = (t: DatasetType) => files.find((f) => f.type === t);
  const interactions = by('INTERACTIONS');
  const items = by('ITEMS');
  const users = by('USERS');
  if (!interactions) return { skipped: 'no interactions file: the cross-file checks compare the interactions with the items and users files.' };
  if (!items && !users) return { skipped: 'no items or users file to compare the interactions with.' };
  const { crossCheck, fileSource } = await import('../crossfile/index.js');
  const src = (f: GroupFile) => fileSource(f.abs, f.path, signal);
  const report = await crossCheck({ interactions: src(interactions), ...(items ? { items: src(items) } : {}), ...(users ? { users: src(users) } : {}), signal });
  return { report };
}

/** "interactions.csv" → shown name for a file (its base name when the path is long) */
export function shortName(f: GroupFile): string {
  return f.path.length > 40 ? basename(f.path) : f.path;
}

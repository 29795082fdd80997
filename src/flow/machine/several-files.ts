// Several CSVs picked at the CSV step (issue #19): a folder, or files separated by commas (TYPE=FILE
// names a type). Each file is typed by its columns, as `import --csv <folder>` types them
// (src/commands/group-files.ts: the same guess); a folder holding two files of one type (the
// sandbox's samples/ holds variants) uses the plainest name (items.csv before items-sku-prefix.csv)
// and lists the others as not used, with how to pick one instead. Also the folder suggestions the
// CSV step offers: the current folder, or a folder in it (a store's exports kept together), when it holds
// the files of several datasets, and the sandbox's samples/ folder.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { relative, resolve, join } from 'node:path';
import type { DatasetType } from '../../core/resources.js';
import { visible } from '../../core/sanitize.js';
import { guessDatasetType, guessFromSample, TYPING_BYTES } from '../../schema/guess-type.js';
import type { GroupFile } from '../group-files.js';
import { splitSpec } from '../group-files.js';

export const TYPE_WORD: Record<DatasetType, string> = { INTERACTIONS: 'interactions', ITEMS: 'items', USERS: 'users', ACTIONS: 'actions', ACTION_INTERACTIONS: 'action-interactions' };

export interface Picked {
  files: GroupFile[];
  /** CSVs of the folder not used (several of a type on one entry), and why */
  unused: { path: string; why: string }[];
}

const HEADER_BYTES = 1 << 16;

/** typeOf's answers by file, while the file is as it was (its size, time and inode) */
const typedBefore = new Map<string, { as: string; typed: ReturnType<typeof guessFromSample> }>();
const TYPED_KEPT = 256;

/**
 * A file's header and type: its ID columns, and how they repeat in its first MiB (a users table has
 * one row per user). Kept for the file as it is: the CSV step lists the folders worth offering each
 * time it is shown (Esc back to it, another file after an error), reading up to 20 files a folder in
 * the current folder, its folders and samples/ — a MiB each, parsed, every time (a flow test read
 * 509 of them, 5.7 s). A file changed since (size, time or inode) is read again.
 */
export function typeOf(abs: string): ReturnType<typeof guessFromSample> {
  let as: string | undefined;
  try {
    const st = statSync(abs);
    as = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    // (read below, which says why it cannot be)
  }
  const before = typedBefore.get(abs);
  if (as !== undefined && before?.as === as) return before.typed;
  const typed = guessFromSample(createReadStream(abs, { highWaterMark: HEADER_BYTES }), undefined, TYPING_BYTES);
  if (as === undefined) return typed;
  if (typedBefore.size >= TYPED_KEPT) typedBefore.clear();
  typedBefore.set(abs, { as, typed });
  // a file that could not be read is tried again next time
  typed.catch(() => typedBefore.get(abs)?.typed === typed && typedBefore.delete(abs));
  return typed;
}

function isDir(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function csvNames(abs: string): string[] {
  try {
    return readdirSync(abs, { withFileTypes: true }).filter((d) => d.isFile() && /\.csv$/i.test(d.name)).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

/** The parts of a CSV-step answer that names several files; undefined when it names one file (or S3). */
export function severalParts(value: string, cwd: string): string[] | undefined {
  const v = value.trim();
  if (!v || /^s3:/i.test(v)) return undefined;
  const whole = resolve(cwd, v);
  if (isDir(whole)) return [v];
  if (!v.includes(',')) return undefined;
  // a file whose name holds a comma is one file
  try {
    if (statSync(whole).isFile()) return undefined;
  } catch {
    /* not one file: a list */
  }
  const parts = v.split(',').map((x) => x.trim()).filter(Boolean);
  return parts.length > 1 ? parts : undefined;
}

/**
 * The files named (folders expanded), each typed by its columns or its TYPE=. Throws a message (a
 * string) naming the file when something is wrong: missing, empty, a type the columns do not tell.
 */
export async function pickFiles(parts: string[], cwd: string): Promise<Picked> {
  const candidates: { path: string; abs: string; size: number; type?: DatasetType; given?: string; fromFolder: boolean }[] = [];
  for (const part of parts) {
    const { type, path } = splitSpec(part);
    const abs = resolve(cwd, path);
    if (isDir(abs)) {
      const names = csvNames(abs);
      if (!names.length) throw `${visible(path)} holds no .csv file.`;
      for (const n of names) candidates.push({ path: join(path, n), abs: join(abs, n), size: statSync(join(abs, n)).size, fromFolder: true });
      continue;
    }
    let size: number;
    try {
      const st = statSync(abs);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      throw `${visible(path)} does not exist (looked in ${visible(resolve(cwd))}).`;
    }
    candidates.push({ path, abs, size, fromFolder: false, ...(type ? { type, given: part.slice(0, part.indexOf('=')) } : {}) });
  }
  const typed: (GroupFile & { fromFolder: boolean })[] = [];
  const unused: Picked['unused'] = [];
  for (const c of candidates) {
    if (c.size === 0) {
      if (c.fromFolder) unused.push({ path: c.path, why: 'empty' });
      else throw `${visible(c.path)} is empty.`;
      continue;
    }
    if (c.type) {
      typed.push({ path: c.path, abs: c.abs, size: c.size, type: c.type, typeReason: `given as ${c.given}=…`, flag: 'csv', fromFolder: false });
      continue;
    }
    let header: string[] = [];
    let g: ReturnType<typeof guessDatasetType>;
    try {
      ({ header, guess: g } = await typeOf(c.abs));
    } catch {
      if (c.fromFolder) {
        unused.push({ path: c.path, why: 'could not be read' });
        continue;
      }
      throw `${visible(c.path)} could not be read.`;
    }
    if (!g) {
      const why = `its columns (${header.slice(0, 6).map(visible).join(', ') || 'no header'}) do not say which dataset it is for`;
      if (c.fromFolder) unused.push({ path: c.path, why: `${why}; name it as items=${visible(c.path)}` });
      else throw `${visible(c.path)}: ${why}. Name its type: items=${visible(c.path)} (interactions, items, users, actions).`;
      continue;
    }
    typed.push({ path: c.path, abs: c.abs, size: c.size, type: g.type, typeReason: `from its columns: ${g.reason}`, flag: 'csv', fromFolder: c.fromFolder });
  }
  // one file per type: a file named on its own wins, then the plainest name of a folder
  const files: GroupFile[] = [];
  for (const t of Object.keys(TYPE_WORD) as DatasetType[]) {
    const of = typed.filter((f) => f.type === t);
    if (!of.length) continue;
    const named = of.filter((f) => !f.fromFolder);
    if (named.length > 1) throw `${named.map((f) => visible(f.path)).join(' and ')} are all ${TYPE_WORD[t]} files: a dataset group has one ${TYPE_WORD[t]} dataset.`;
    const pick = named[0] ?? [...of].sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0];
    const { fromFolder: _, ...file } = pick;
    files.push(file);
    const others = of.filter((f) => f !== pick);
    if (others.length) unused.push({ path: others.map((o) => o.path).join(', '), why: `other ${TYPE_WORD[t]} files; ${visible(pick.path)} is used` });
  }
  if (!files.length) throw `None of the files tells by its columns which dataset it is for.`;
  return { files, unused };
}

/** The current folder's folders (not hidden; at most 20, by name) */
function subfolders(cwd: string): string[] {
  try {
    return readdirSync(cwd, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules').map((d) => d.name).sort().slice(0, 20);
  } catch {
    return [];
  }
}

/** How a folder is shown and typed at the CSV step: relative to cwd when under it, ending in "/". */
function folderValue(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return './';
  return `${rel.startsWith('..') ? abs : rel}/`;
}

/** The types of the CSVs a folder holds (at most 20 headers read) — the suggestions' descriptions. */
export async function folderTypes(abs: string): Promise<DatasetType[]> {
  const out = new Set<DatasetType>();
  for (const n of csvNames(abs).slice(0, 20)) {
    try {
      const { guess: g } = await typeOf(join(abs, n));
      if (g) out.add(g.type);
    } catch {
      /* unreadable: not suggested for it */
    }
  }
  // in the order the types are named everywhere (interactions, items, users), not the files'
  return (Object.keys(TYPE_WORD) as DatasetType[]).filter((t) => out.has(t));
}

export interface FolderSuggestion {
  value: string;
  label: string;
  description: string;
  /** the current folder (the user's own files) */
  own: boolean;
}

/** The folders worth offering: the current one when it holds files of 2+ datasets, the sandbox's samples/. */
export async function folderSuggestions(cwd: string, samplesDir: string | undefined): Promise<FolderSuggestion[]> {
  const out: FolderSuggestion[] = [];
  const here = await folderTypes(cwd);
  if (here.length >= 2) {
    out.push({ value: './', label: `./ — this folder: ${here.map((t) => TYPE_WORD[t]).join(', ')}`, description: 'every CSV here, each into its dataset (several at once)', own: true });
  }
  // a folder here holding a store's exports (shop/: orders, products, customers) — a newcomer's
  // three downloads kept together were not offered, only the sandbox's samples
  for (const d of subfolders(cwd)) {
    if (samplesDir && resolve(samplesDir) === resolve(cwd, d)) continue;
    const types = await folderTypes(join(cwd, d));
    if (types.length >= 2) out.push({ value: `${d}/`, label: `${visible(d)}/ — ${types.map((t) => TYPE_WORD[t]).join(', ')}`, description: 'every CSV in it, each into its dataset (several at once)', own: true });
  }
  if (samplesDir && resolve(samplesDir) !== resolve(cwd)) {
    const types = await folderTypes(samplesDir);
    if (types.length >= 2) {
      const v = folderValue(samplesDir, cwd);
      // the types in the description, not the label: after a long path (the installed package's
      // samples/) the label was cut at 80 columns in the middle of its list of types
      out.push({ value: v, label: `${visible(v)} — the sandbox’s samples`, description: `${types.map((t) => TYPE_WORD[t]).join(', ')}: several files at once, each into its dataset (the plain samples; the variants are listed, not used)`, own: false });
    }
  }
  return out;
}

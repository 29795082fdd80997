// Several CSVs of one dataset group at once (issue #19), shared by `validate --with` and `import
// --csv TYPE=FILE …`: which file is which dataset type (given as TYPE=FILE, or guessed from its
// columns as schema inference guesses), each validated against its schema (the dataset's, a given
// one, or inferred from the file), then the cross-file checks (src/crossfile). Loaded lazily by the
// commands; the SDK comes in through the ports only. The core half (a file's validation, the
// cross-file checks) is src/flow/group-files.ts, shared with the wizard's several-files steps.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createReadStream } from 'node:fs';
import { errnoCode, usageError, fileError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import { isS3Text } from '../core/s3-uri.js';
import type { DatasetType } from '../core/resources.js';
import type { GroupFile } from '../flow/group-files.js';
export { splitSpec, inferredSchema, validateGroupFiles, crossCheckFiles, type GroupFile, type FileCheck, type SchemaSource } from '../flow/group-files.js';
import { splitSpec } from '../flow/group-files.js';

/**
 * The dataset type a CSV's columns say (USER_ID and ITEM_ID: interactions …), as the wizard and a
 * group import guess it; undefined when they say nothing. A file that is not there, is empty or
 * cannot be read is a usage error naming it (`shown`: the --csv path as given), as the CSV step
 * words it: its columns cannot tell a type, and "missing --dataset-type" or "the columns of
 * nope.csv do not tell it" sent the user after a flag when the path was what to fix.
 */
export async function typeOfColumns(abs: string, shown: string, map?: Record<string, string>): Promise<{ type: DatasetType; reason: string } | undefined> {
  const st = await stat(abs).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT' ? usageError(`${visible(shown)} does not exist (looked in ${visible(dirname(abs))}).`, 'Check --csv.') : fileError(e, shown, 'import: --csv');
  });
  if (st.isFile() && st.size === 0) throw usageError(`${visible(shown)} is empty.`, 'Check --csv.');
  try {
    const { mappedFields } = await import('../schema/infer.js');
    return (await typeOfFile(abs, (h) => mappedFields(h, map))).guess;
  } catch (e) {
    if (errnoCode(e)) throw fileError(e, shown, 'import: reading --csv');
    return undefined;
  }
}

/**
 * import --map: a column its header lacks is a usage error naming it and listing the columns, before
 * anything is asked or created (a file that cannot be read is left to the step that reads it).
 */
export async function checkMapColumns(abs: string, map: Record<string, string>): Promise<void> {
  const { mappedFields } = await import('../schema/infer.js');
  let header: string[];
  try {
    header = await headerOf(abs);
  } catch {
    return;
  }
  mappedFields(header, map);
}

/** x.fixed.csv, x.fixed-2.csv, x.rejects.csv …: what fix / Fix and continue write beside x.csv (steps-fix.ts fixPaths) */
const FIXER_FILE = /^(.+)\.((?:fixed|rejects)(?:-\d+)?)\.csv$/i;

/** The file's header and its type, from the header and how its ID columns repeat in its first MiB (guess-type.ts). */
async function typeOfFile(abs: string, mapped?: (header: string[]) => (string | undefined)[]): ReturnType<typeof import('../schema/guess-type.js').guessFromSample> {
  const { guessFromSample, TYPING_BYTES } = await import('../schema/guess-type.js');
  return guessFromSample(createReadStream(abs, { highWaterMark: 1 << 16 }), mapped, TYPING_BYTES);
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
export async function resolveGroupFiles(specs: { spec: string; flag: string }[], cwd: string, onSkip?: (line: string) => void): Promise<GroupFile[]> {
  const { checkInputFile } = await import('../core/input-file.js');
  const out: GroupFile[] = [];
  // a file named on its own (TYPE=FILE or FILE) wins over the same file met in a folder: so
  // `--csv exports/ --csv items=exports/catalog.csv` types that one file and takes the rest from the folder
  const named = new Set(specs.map(({ spec }) => splitSpec(spec).path).filter((p) => p && !isS3Text(p)).map((p) => resolve(cwd, p)));
  for (const { spec, flag } of specs) {
    const { type, path } = splitSpec(spec);
    if (path === '') throw usageError(`${flag} ${visible(spec)}: no file after '='.`, `Write it as ${flag} items=items.csv.`);
    if (isS3Text(path)) throw usageError(`${flag} ${visible(spec)}: several files at once are local files for now.`, 'Download them, or import each S3 object on its own (import --data-location).');
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
      for (const n of names) {
        if (named.has(resolve(abs, n))) continue;
        // the fixer's own files beside their original (x.fixed.csv, x.rejects-2.csv: an earlier run
        // with --fix): not a second file of x's type, nor a file of no type — left out, and said so
        const of = FIXER_FILE.exec(n);
        const original = of && names.find((o) => o.toLowerCase() === `${of[1]}.csv`.toLowerCase());
        if (original) {
          onSkip?.(`Not used: ${visible(join(path, n))} (the fixer's ${of![2].startsWith('fixed') ? 'copy' : 'rejected rows'} of ${visible(original)}, from an earlier run; to use it instead, name it: ${flag.startsWith('-') ? `${flag} ` : ''}TYPE=${visible(join(path, n))}).`);
          continue;
        }
        paths.push(join(path, n));
      }
      if (paths.length === 0) continue;
    } else paths.push(path);
    for (const p of paths) {
      const a = resolve(cwd, p);
      const info = await checkInputFile(a, flag);
      if (info.stream) throw usageError(`${flag} ${visible(p)}: a pipe cannot be read twice, and the cross-file checks read each file more than once.`, 'Save it to a file first.');
      let t = type;
      let reason = type ? `given as ${flag} ${spec.slice(0, spec.indexOf("="))}=…` : "";
      if (!t) {
        const { header, guess: g } = await typeOfFile(a);
        if (!g) {
          const { shellQuote } = await import('../access/render.js');
          throw usageError(`${flag} ${visible(p)}: cannot tell which dataset it is from its columns (${header.map(visible).join(', ') || 'no header'}).`,
            `Name its type: ${flag} ${shellQuote(`items=${p}`)} (interactions, items, users, actions, action-interactions)${isDir ? `, added to ${flag} ${shellQuote(path)}; or, if it is no dataset's file, move it out of ${visible(path)}` : ''}.`);
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
    if (other && other.abs === f.abs) {
      const as = (g: GroupFile) => (g.flag.startsWith('-') ? `${g.flag} ${visible(g.path)}` : `${visible(g.path)} (the file to ${g.flag})`);
      throw usageError(`${visible(f.path)} is the same file as ${as(other)}: it is named twice.`, 'Name each file once: one file per dataset type.');
    }
    if (other) {
      throw usageError(`${visible(other.path)} and ${visible(f.path)} are both ${f.type} files: a dataset group has one dataset of each type.`, `Import one of them, or name their types if one was guessed wrong (e.g. ${f.flag} users=${f.path}).`);
    }
    seen.set(f.type, f);
  }
  return out;
}

/** "interactions.csv" → shown name for a file (its base name when the path is long) */
export function shortName(f: GroupFile): string {
  return f.path.length > 40 ? basename(f.path) : f.path;
}

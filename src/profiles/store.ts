// Saved profiles: the answers of a finished wizard run (region, AWS profile name, group, dataset,
// bucket, prefix, role) kept in a conf-backed JSON file so the next import is a few keys.
// - a JSON schema for the stored shape (unknown keys rejected: nothing else, and no credential,
//   can be stored) and a version with migrations;
// - file mode 0600 in a folder created 0700; PERSONALIZE_IMPORT_CONFIG_DIR relocates them (tests);
// - content that is not a profile store (not JSON, or JSON of another shape such as `[1,2,3]`) is
//   moved aside and reported in one line; a file that cannot be READ (permissions after `sudo`, an
//   I/O error) is reported as such, naming it, and nothing is moved: the profiles are not lost;
// - one lookup (`findProfile`) for every command, so `--profile X` and `profiles show X` agree;
//   names are own keys only (`constructor`, `__proto__` are not profiles).
import { existsSync, renameSync, chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { errnoCode, fileError, usageError, type AppError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { DatasetType } from '../core/resources.js';
import { PROFILE_NAME } from './name.js';

export const STORE_VERSION = '2.0.0';

export interface SavedProfile {
  name: string;
  region?: string;
  /** the AWS named profile (a name, never a key) */
  awsProfile?: string;
  /** this profile points at the local sandbox */
  sandbox?: boolean;
  datasetGroupArn: string;
  datasetGroupName?: string;
  datasetArn: string;
  datasetName?: string;
  datasetType?: DatasetType;
  bucket?: string;
  prefix?: string;
  roleArn?: string;
  /** ISO time of the last save */
  updatedAt: string;
}

interface StoreShape {
  profiles: Record<string, SavedProfile>;
}

const str = { type: 'string', maxLength: 2048 } as const;
const PROFILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'datasetGroupArn', 'datasetArn', 'updatedAt'],
  properties: {
    name: str, region: str, awsProfile: str, sandbox: { type: 'boolean' }, datasetGroupArn: str, datasetGroupName: str, datasetArn: str,
    datasetName: str, datasetType: str, bucket: str, prefix: str, roleArn: str, updatedAt: str,
  },
} as const;

export { PROFILE_NAME };
/** values that look like secrets are refused even in a known field (e.g. a key pasted as a name) */
const ACCESS_KEY_ID = /(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)|aws_secret_access_key/i;
function looksSecret(v: string): boolean {
  if (ACCESS_KEY_ID.test(v)) return true;
  // a secret access key: exactly 40 base64-ish characters mixing upper, lower and digits
  return /^[A-Za-z0-9/+]{40}$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9]/.test(v);
}

export interface ProfileStore {
  /** the config file */
  readonly path: string;
  list(): SavedProfile[];
  get(name: string): SavedProfile | undefined;
  save(p: Omit<SavedProfile, 'updatedAt'> & { updatedAt?: string }): SavedProfile;
  delete(name: string): boolean;
  /** where this opening moved an unreadable file aside (its profiles are there, not here) */
  readonly movedAside?: string;
}

export interface OpenResult {
  store: ProfileStore;
  /** one line for the user when something was repaired (corrupted file moved aside) */
  notice?: string;
}

export function configDir(env: NodeJS.ProcessEnv): string | undefined {
  return env.PERSONALIZE_IMPORT_CONFIG_DIR || undefined;
}

function makeConf(env: NodeJS.ProcessEnv): Conf<StoreShape> {
  return new Conf<StoreShape>({
    projectName: 'personalize-import',
    projectSuffix: '',
    cwd: configDir(env),
    configName: 'config',
    projectVersion: STORE_VERSION,
    configFileMode: 0o600,
    clearInvalidConfig: false,
    defaults: { profiles: {} },
    schema: { profiles: { type: 'object', additionalProperties: PROFILE_SCHEMA } } as never,
    // the schema is ours and constant: checking it against JSON Schema's meta-schema (ajv compiles
    // that meta-schema first) cost ~26 ms of every start, a fifth of the wizard's first frame
    ajvOptions: { validateSchema: false, meta: false },
    migrations: {
      // 1.x stored the upload folder as `s3Prefix` and the role as `role`.
      '2.0.0': (store) => {
        const profiles = (store.get('profiles') ?? {}) as unknown as Record<string, Record<string, unknown>>;
        const next: Record<string, SavedProfile> = {};
        for (const [name, p] of Object.entries(profiles)) {
          const { s3Prefix, role, ...rest } = p;
          const out = { ...rest, name, updatedAt: typeof rest.updatedAt === 'string' ? rest.updatedAt : new Date(0).toISOString() } as Record<string, unknown>;
          if (s3Prefix !== undefined && out.prefix === undefined) out.prefix = s3Prefix;
          if (role !== undefined && out.roleArn === undefined) out.roleArn = role;
          for (const k of Object.keys(out)) if (!(k in PROFILE_SCHEMA.properties)) delete out[k];
          next[name] = out as unknown as SavedProfile;
        }
        store.set('profiles', next);
      },
    },
  });
}

function wrap(conf: Conf<StoreShape>, movedAside?: string): ProfileStore {
  // a copy without a prototype: `all()['constructor']` is undefined, never Object's
  const all = (): Record<string, SavedProfile> => Object.assign(Object.create(null) as Record<string, SavedProfile>, conf.get('profiles') ?? {});
  const has = (cur: Record<string, SavedProfile>, name: string) => Object.prototype.hasOwnProperty.call(cur, name);
  const write = (next: Record<string, SavedProfile>) => {
    try {
      conf.set('profiles', { ...next });
    } catch (e) {
      throw storeFileError(e, conf.path, 'Could not save to the saved-profiles file');
    }
  };
  return {
    path: conf.path,
    ...(movedAside ? { movedAside } : {}),
    list: () => Object.values(all()).sort((a, b) => (b.updatedAt < a.updatedAt ? -1 : b.updatedAt > a.updatedAt ? 1 : 0)),
    get: (name) => {
      const cur = all();
      return has(cur, name) ? cur[name] : undefined;
    },
    save(p) {
      if (!PROFILE_NAME.test(p.name)) throw usageError(`Profile name '${p.name}' is not allowed.`, 'Use letters, digits, "-" and "_" (up to 64), starting with a letter or digit.');
      const clean: SavedProfile = { ...p, updatedAt: p.updatedAt ?? new Date().toISOString() } as SavedProfile;
      for (const k of Object.keys(clean) as (keyof SavedProfile)[]) {
        if (clean[k] === undefined) delete clean[k];
        else if (!(k in PROFILE_SCHEMA.properties)) throw usageError(`A profile cannot hold '${k}'.`);
        else if (typeof clean[k] === 'string' && looksSecret(clean[k] as string)) {
          throw usageError(`The ${k} of profile ${p.name} looks like an AWS secret; profiles never store credentials.`);
        }
      }
      const cur = all();
      cur[p.name] = clean;
      write(cur);
      return clean;
    },
    delete(name) {
      const cur = all();
      if (!has(cur, name)) return false;
      delete cur[name];
      write(cur);
      return true;
    },
  };
}

/** The saved profile `name`, or the usage error every command gives (naming the file it looked in). */
export function findProfile(store: ProfileStore, name: string, command?: string): SavedProfile {
  const p = store.get(name);
  if (p) return p;
  const names = store.list().map((x) => x.name);
  // a name that differs only in case, or in '-' against '_' (both allowed, easily mixed up): every one of them
  const key = (n: string) => n.trim().toLowerCase().replace(/_/g, '-');
  const near = names.filter((n) => key(n) === key(name)).join(' or ');
  // the file was just moved aside: the profile is most likely in it, not gone
  const aside = store.movedAside
    ? ` The file as it was is in ${store.movedAside} (it could not be read): a profile saved before may be there — repair its JSON and move it back to ${store.path}.`
    : '';
  throw usageError(`${command ? `${command}: ` : ''}No saved profile named '${visible(name)}' (looked in ${store.path}).`,
    ((near ? `Did you mean ${near}? Names are compared exactly (case, '-' and '_').` : names.length ? `Saved profiles: ${names.join(', ')}.` : aside ? '' : 'There are no saved profiles yet; the wizard offers to save one at the end of an import.') + aside).trim());
}

/** What `--profile X` of a sandbox profile does without --sandbox, said before it happens. */
export function sandboxProfileNotice(p: SavedProfile): string | undefined {
  if (!p.sandbox) return undefined;
  return `Profile ${p.name} is for the local sandbox: starting an embedded sandbox for this run (its data is fresh and ends with the command; nothing goes to AWS).`;
}

/** A file-system error on the store, naming the file; EACCES says whose file it probably is. */
function storeFileError(e: unknown, path: string, what: string): AppError {
  const code = errnoCode(e);
  const hint = code === 'EACCES' || code === 'EPERM'
    ? `Nothing was changed. If it was created with sudo, give it back: sudo chown -R "$USER" "${path.replace(/\/config\.json$/, '')}". Or point PERSONALIZE_IMPORT_CONFIG_DIR at another folder.`
    : code === 'EROFS' ? 'The folder is on a read-only file system: point PERSONALIZE_IMPORT_CONFIG_DIR at a writable folder.' : undefined;
  return fileError(e, path, what, hint);
}

/** why the text of a config file is not a profile store, or undefined when it is one */
function shapeProblem(text: string): 'not valid JSON' | 'not a profile store this version understands' | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const isObject = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObject(v)) return 'not a profile store this version understands';
  const profiles = (v as { profiles?: unknown }).profiles;
  if (profiles !== undefined && !isObject(profiles)) return 'not a profile store this version understands';
  return undefined;
}

/**
 * Opens the store. Content that is not a profile store is moved aside with a one-line notice; a
 * file or folder that cannot be read or written throws the usage error naming it (exit 2), and
 * nothing is moved.
 */
export function openProfileStore(env: NodeJS.ProcessEnv = process.env): OpenResult {
  const dir = configDir(env) ?? envConfigDir();
  const path = join(dir, 'config.json');
  try {
    // 0700 whatever the umask (mkdir's mode is masked by the umask, which only removes bits)
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw storeFileError(e, dir, 'Could not create the saved-profiles folder');
  }
  let problem: ReturnType<typeof shapeProblem>;
  if (existsSync(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw storeFileError(e, path, 'Cannot read the saved-profiles file');
    }
    problem = shapeProblem(text);
  }
  let aside: string | undefined;
  if (problem) aside = moveAside(path);
  try {
    const conf = makeConf(env);
    tighten(conf.path);
    return { store: wrap(conf, aside), ...(aside ? { notice: `Saved profiles: ${path} was ${problem}; moved it to ${aside} and started a new one.` } : {}) };
  } catch (e) {
    // cannot write (read-only folder, disk full): say so, move nothing
    if (errnoCode(e)) throw storeFileError(e, path, 'Cannot use the saved-profiles file');
    if (aside || !existsSync(path)) throw e;
    // valid JSON the schema refuses: when only some profiles are broken (a field missing or of the
    // wrong type, edited by hand), those go and the others stay; the original is kept beside it
    const kept = keepGoodProfiles(path, env);
    if (kept) return kept;
    // otherwise the whole file is set aside
    const moved = moveAside(path);
    const conf = makeConf(env);
    tighten(conf.path);
    return { store: wrap(conf, moved), notice: `Saved profiles: ${path} was not a profile store this version understands; moved it to ${moved} and started a new one.` };
  }
}

/** why a stored profile does not fit PROFILE_SCHEMA, or undefined when it does */
function profileProblem(name: string, p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'not an object';
  const props = PROFILE_SCHEMA.properties as Record<string, { type: string; maxLength?: number }>;
  for (const k of PROFILE_SCHEMA.required) if (!(k in p)) return `no ${k}`;
  for (const [k, v] of Object.entries(p)) {
    const t = props[k];
    if (!t) return `an unknown field ${visible(k)}`;
    if (typeof v !== t.type || (t.maxLength !== undefined && (v as string).length > t.maxLength)) return `${k} is not a ${t.type}`;
  }
  if ((p as SavedProfile).name !== name) return 'its name differs from its key';
  return undefined;
}

/** A store of this version with some broken profiles: the good ones kept (the original copied aside), or undefined. */
function keepGoodProfiles(path: string, env: NodeJS.ProcessEnv): OpenResult | undefined {
  let doc: { profiles?: Record<string, unknown>; __internal__?: { migrations?: { version?: string } } };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  // an older version migrates first (its fields are not this version's): not judged here
  if (doc.__internal__?.migrations?.version !== STORE_VERSION || !doc.profiles) return undefined;
  const bad = Object.entries(doc.profiles).map(([n, p]) => [n, profileProblem(n, p)] as const).filter(([, why]) => why);
  if (!bad.length || bad.length === Object.keys(doc.profiles).length) return undefined;
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    copyFileSync(path, aside);
    for (const [n] of bad) delete doc.profiles[n];
    writeFileSync(path, `${JSON.stringify(doc, null, '\t')}\n`, { mode: 0o600 });
    const conf = makeConf(env);
    tighten(conf.path);
    const which = bad.map(([n, why]) => `${visible(n)} (${why})`).join(', ');
    return { store: wrap(conf, aside), notice: `Saved profiles: ${bad.length === 1 ? 'profile' : 'profiles'} ${which} in ${path} could not be read and ${bad.length === 1 ? 'was' : 'were'} left out; the others are kept, and the file as it was is in ${aside}.` };
  } catch (e) {
    if (errnoCode(e)) throw storeFileError(e, path, 'Cannot use the saved-profiles file');
    return undefined;
  }
}

function moveAside(path: string): string {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    throw storeFileError(e, path, 'Could not move aside the unreadable saved-profiles file');
  }
  return aside;
}

function tighten(path: string): void {
  try {
    if (existsSync(path)) chmodSync(path, 0o600);
  } catch {
    /* not ours to fix */
  }
}

function envConfigDir(): string {
  // where conf puts it without PERSONALIZE_IMPORT_CONFIG_DIR (env-paths, no suffix)
  const home = process.env.HOME ?? '';
  if (process.platform === 'darwin') return join(home, 'Library', 'Preferences', 'personalize-import');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? home, 'personalize-import', 'Config');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'personalize-import');
}

/** "group → dataset, bucket/prefix, role" for menus. */
export function describeProfile(p: SavedProfile): string {
  const group = p.datasetGroupName ?? p.datasetGroupArn.split('/').pop();
  const ds = p.datasetName ?? p.datasetArn.split('/').pop();
  const bucket = p.bucket ? `s3://${p.bucket}/${p.prefix ?? ''}` : 'no bucket';
  const role = p.roleArn ? p.roleArn.split('/').pop() : 'no role';
  return `${group} → ${ds}, ${bucket}, role ${role}`;
}

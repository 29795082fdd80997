// Saved profiles: the answers of a finished wizard run (region, AWS profile name, group, dataset,
// bucket, prefix, role) kept in a conf-backed JSON file so the next import is a few keys.
// - a JSON schema for the stored shape (unknown keys rejected: nothing else, and no credential,
//   can be stored) and a version with migrations;
// - file mode 0600; PERSONALIZE_IMPORT_CONFIG_DIR relocates the file (tests use it);
// - a corrupted file is moved aside and reported in one line, never a crash.
import { existsSync, renameSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { usageError } from '../core/errors.js';
import type { DatasetType } from '../core/resources.js';

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

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
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

function wrap(conf: Conf<StoreShape>): ProfileStore {
  const all = () => conf.get('profiles') ?? {};
  return {
    path: conf.path,
    list: () => Object.values(all()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    get: (name) => all()[name],
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
      conf.set('profiles', { ...all(), [p.name]: clean });
      return clean;
    },
    delete(name) {
      const cur = all();
      if (!(name in cur)) return false;
      const { [name]: _gone, ...rest } = cur;
      conf.set('profiles', rest);
      return true;
    },
  };
}

/** Opens the store; a file that cannot be read as a profile store is moved aside with a one-line notice. */
export function openProfileStore(env: NodeJS.ProcessEnv = process.env): OpenResult {
  try {
    const conf = makeConf(env);
    tighten(conf.path);
    return { store: wrap(conf) };
  } catch (e) {
    const path = join(configDir(env) ?? envConfigDir(), 'config.json');
    if (!existsSync(path)) throw e;
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, aside);
    const conf = makeConf(env);
    tighten(conf.path);
    const why = e instanceof SyntaxError ? 'not valid JSON' : 'not a profile store this version understands';
    return { store: wrap(conf), notice: `Saved profiles: ${path} was ${why}; moved it to ${aside} and started a new one.` };
  }
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

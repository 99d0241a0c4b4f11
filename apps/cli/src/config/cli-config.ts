import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError, EXIT, UsageError } from '../exit-codes.js';

/**
 * Where the CLI finds the API and its key, parsed once per run. Precedence: `--api-url`, then the
 * environment (AURA_API_URL, AURA_API_KEY), then the profile file's profile (`--profile`,
 * AURA_PROFILE, the file's `default`, or `default`). The key is never taken from a flag: flags
 * show up in process lists and shell history.
 */
export interface CliEnv {
  AURA_API_URL?: string | undefined;
  AURA_API_KEY?: string | undefined;
  AURA_PROFILE?: string | undefined;
  AURA_CONFIG_FILE?: string | undefined;
  XDG_CONFIG_HOME?: string | undefined;
  HOME?: string | undefined;
}

export interface Profile {
  apiUrl: string;
  apiKey: string;
}

export interface ProfileFile {
  default?: string;
  profiles: Record<string, Partial<Profile>>;
}

export interface ResolvedConfig extends Profile {
  /** Where each value came from, for messages. */
  source: string;
}

/** The profile file: AURA_CONFIG_FILE, else $XDG_CONFIG_HOME/aura/profiles.json, else ~/.config/aura/profiles.json. */
export function profileFilePath(env: CliEnv): string {
  if (env.AURA_CONFIG_FILE) return path.resolve(env.AURA_CONFIG_FILE);
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'aura', 'profiles.json');
}

/** Reads the profile file (undefined if there is none). Refuses one that others may read, as ssh does. */
export async function readProfileFile(file: string): Promise<ProfileFile | undefined> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read the profile file ${file}: ${(error as Error).message}`, EXIT.auth);
  }
  if ((mode & 0o077) !== 0) {
    throw new CliError(
      `the profile file ${file} holds API keys but others may read it (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
      EXIT.auth,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`the profile file ${file} is not valid JSON: ${(error as Error).message}`, EXIT.auth);
  }
  const profiles = (parsed as ProfileFile | null)?.profiles;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new CliError(`the profile file ${file} has no "profiles" object (see docs/cli.md)`, EXIT.auth);
  }
  return parsed as ProfileFile;
}

/** Writes (or updates) one profile, the file 0600 in a 0700 directory, replaced atomically. */
export async function saveProfile(file: string, name: string, profile: Profile, makeDefault: boolean) {
  const current = (await readProfileFile(file)) ?? { profiles: {} };
  const next: ProfileFile = {
    ...current,
    ...(makeDefault || !current.default ? { default: name } : {}),
    profiles: { ...current.profiles, [name]: profile },
  };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

function checkUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${source} is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${source} must be an http(s) URL: ${value}`);
  }
  return value.replace(/\/$/, '');
}

/** The API URL and key for this run, or exit 3 saying what is missing and how to set it. */
export async function resolveConfig(
  env: CliEnv,
  flags: { apiUrl?: string | undefined; profile?: string | undefined },
): Promise<ResolvedConfig> {
  const file = profileFilePath(env);
  const profileName = flags.profile ?? env.AURA_PROFILE;
  const needsFile = !(flags.apiUrl || env.AURA_API_URL) || !env.AURA_API_KEY || profileName !== undefined;
  const profiles = needsFile ? await readProfileFile(file) : undefined;
  const name = profileName ?? profiles?.default ?? 'default';
  const profile = profiles?.profiles[name];
  if (profileName !== undefined && !profile) {
    throw new CliError(
      profiles
        ? `no profile "${name}" in ${file}`
        : `no profile file at ${file} (profile "${name}" asked for)`,
      EXIT.auth,
    );
  }
  // A profile named on purpose wins over the environment; otherwise the environment wins.
  const chosen = profileName !== undefined;
  const apiUrl = flags.apiUrl ?? (chosen ? profile?.apiUrl : (env.AURA_API_URL ?? profile?.apiUrl));
  const apiKey = chosen ? (profile?.apiKey ?? env.AURA_API_KEY) : (env.AURA_API_KEY ?? profile?.apiKey);
  if (!apiUrl || !apiKey) {
    const missing = [
      !apiUrl && 'the API URL (AURA_API_URL or --api-url)',
      !apiKey && 'an API key (AURA_API_KEY)',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new CliError(
      `aura needs ${missing}, or a profile: run \`aura configure --api-url URL\` with AURA_API_KEY set (docs/cli.md)`,
      EXIT.auth,
    );
  }
  const urlSource = flags.apiUrl
    ? '--api-url'
    : chosen || !env.AURA_API_URL
      ? `profile "${name}"`
      : 'AURA_API_URL';
  return {
    apiUrl: checkUrl(apiUrl, urlSource),
    apiKey,
    source: profile && (chosen || !env.AURA_API_KEY) ? `profile "${name}" (${file})` : 'AURA_API_KEY',
  };
}

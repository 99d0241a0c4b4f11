import { isUuid } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { CliError, EXIT } from '../exit-codes.js';

type Api = Awaited<ReturnType<CliContext['api']>>;

/** A group named by id or by name (`site-north`) → its id. */
export async function resolveGroupId(api: Api, value: string): Promise<string> {
  if (isUuid(value)) return value.toLowerCase();
  const { items } = await api.call(api.client.GET('/v1/groups'));
  const group = items.find((g) => g.name === value);
  if (!group) {
    const known = items.map((g) => g.name).join(', ') || 'none yet';
    throw new CliError(`no group named "${value}" (groups: ${known})`, EXIT.notFound);
  }
  return group.id;
}

/** A policy named by id or by name (`default`) → its id. */
export async function resolvePolicyId(api: Api, value: string): Promise<string> {
  if (isUuid(value)) return value.toLowerCase();
  const { items } = await api.call(api.client.GET('/v1/policies'));
  const policy = items.find((p) => p.name === value);
  if (!policy) throw new CliError(`no policy named "${value}"`, EXIT.notFound);
  return policy.id;
}

/**
 * A policy version named by id or as `name@version` (`default@2`) → its id. `name` alone is its
 * latest version.
 */
export async function resolvePolicyVersionId(api: Api, value: string): Promise<string> {
  if (isUuid(value)) return value.toLowerCase();
  const match = /^([a-z0-9][a-z0-9._-]{0,99})(?:@(\d+))?$/.exec(value);
  if (!match) {
    throw new CliError(
      `"${value}" is neither a policy version id nor name@version (e.g. default@2)`,
      EXIT.usage,
    );
  }
  const { items } = await api.call(api.client.GET('/v1/policies'));
  const policy = items.find((p) => p.name === match[1]);
  if (!policy) throw new CliError(`no policy named "${match[1]}"`, EXIT.notFound);
  const versions = [...policy.versions].sort((a, b) => b.version - a.version);
  const version = match[2] ? versions.find((v) => v.version === Number(match[2])) : versions[0];
  if (!version) throw new CliError(`policy "${match[1]}" has no version ${match[2]}`, EXIT.notFound);
  return version.id;
}

/**
 * The ETag of a robot's config envelope: `"v<version>"`. `GET /v1/agent/config` sends it; the agent
 * returns it as If-None-Match and gets 304 while its desired version is unchanged.
 */
export function configEtag(version: number): string {
  return `"v${version}"`;
}

/** The version an If-None-Match header names (`"v7"`, `W/"v7"` or a list holding one), if any. */
export function configVersionFromEtag(header: string | readonly string[] | undefined): number | undefined {
  const value = typeof header === 'string' ? header : header?.join(',');
  if (!value) return undefined;
  const match = /"v(\d{1,15})"/.exec(value);
  return match ? Number(match[1]) : undefined;
}

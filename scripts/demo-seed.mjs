// Demo data for `pnpm demo` (docs/dashboard.md, "Demo"): once the simulated fleet has enrolled, give every
// dashboard page something real to show — two site groups and hardware tags over the fleet, a second
// version of the default gate policy (τ 0.6), and a staged rollout of it over one site with one-minute
// bakes, started, so its steps, per-robot states and health verdicts fill in live (at τ 0.6 the model skips
// events it needs, so the first step's success-rate gate is expected to roll it back). Everything goes through
// the operator API with the demo's admin key and is audited like an operator's change. Each part is
// skipped when it is already there (a second `pnpm demo` on the same database changes nothing).

/** Calls the operator API; throws with the status and body on anything but 2xx. */
function client(apiUrl, adminKey) {
  return async function call(method, path, body) {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/**
 * @param {{ apiUrl: string, adminKey: string, robots: number, log: (line: string) => void,
 *           isStopping: () => boolean }} options
 * @returns {Promise<string>} one line for the demo's summary
 */
export async function seedDemo({ apiUrl, adminKey, robots, log, isStopping }) {
  const call = client(apiUrl, adminKey);

  // The fleet enrols within seconds; wait for (most of) it so the groups cover it.
  const deadline = Date.now() + 90_000;
  let fleet = [];
  while (Date.now() < deadline && !isStopping()) {
    fleet = (await call('GET', '/v1/robots?limit=500&sort=name')).items;
    if (fleet.length >= robots) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (fleet.length === 0) return 'no robots enrolled within 90 s; demo data not created';

  // Two sites, alternating by name; hardware revision tags likewise.
  const groups = (await call('GET', '/v1/groups')).items;
  const sites = [];
  for (const name of ['site-north', 'site-south']) {
    sites.push(
      groups.find((g) => g.name === name) ??
        (await call('POST', '/v1/groups', { name, description: `Demo: robots at ${name.slice(5)} site` })),
    );
  }
  if (groups.length === 0) {
    for (const [i, site] of sites.entries()) {
      const members = fleet.filter((_, index) => index % 2 === i).map((robot) => robot.id);
      await call('POST', `/v1/groups/${site.id}/members`, { add: members });
    }
    for (const [index, robot] of fleet.entries()) {
      if (robot.tags.length > 0) continue;
      await call('PATCH', `/v1/robots/${robot.id}`, { tags: [index % 3 === 0 ? 'hw.rev-b' : 'hw.rev-a'] });
    }
  }

  // The default policy's second version: a higher threshold, fewer writes.
  const policies = (await call('GET', '/v1/policies')).items;
  const defaultPolicy = policies.find((p) => p.name === 'default');
  if (!defaultPolicy) return `${fleet.length} robots grouped; no "default" policy found, no rollout`;
  let candidate = defaultPolicy.versions.find((v) => v.version === 2);
  if (!candidate) {
    candidate = await call('POST', `/v1/policies/${defaultPolicy.id}/versions`, {
      tau: 0.6,
      notes: 'Demo: raise the gate threshold from 0.5 to 0.6 to cut flash writes',
    });
  }

  const rollouts = (await call('GET', '/v1/rollouts')).items;
  if (rollouts.length > 0)
    return `${fleet.length} robots in 2 site groups; policy default v2; rollouts already exist`;
  const rollout = await call('POST', '/v1/rollouts', {
    name: 'Raise τ to 0.6 at site-north',
    spec: {
      policyVersionId: candidate.id,
      target: { groupIds: [sites[0].id] },
      steps: [
        { percent: 25, bakeSeconds: 60 },
        { percent: 50, bakeSeconds: 60 },
        { percent: 100, bakeSeconds: 60 },
      ],
      gates: { minSamplesPerCohort: 500 },
      onFailure: 'rollback',
      inconclusiveDeadlineSeconds: 120,
    },
  });
  await call('POST', `/v1/rollouts/${rollout.id}/start`, {
    reason: 'Demo: staged rollout of default v2 over site-north',
  });
  log(`demo: started rollout "${rollout.name}" (3 steps, 60 s bakes)`);
  return `${fleet.length} robots in 2 site groups; policy default v2 (τ 0.6) rolling out to site-north`;
}

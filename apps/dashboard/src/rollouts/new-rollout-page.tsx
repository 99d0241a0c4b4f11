import 'server-only';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { loadGroups, loadPolicyVersions } from './catalog';
import { RolloutsAlert } from './page-states';
import { RolloutForm } from './rollout-form';

/** `/rollouts/new`: the create form (operators and admins), fed with policy versions, groups, robots. */
export async function NewRolloutPage() {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) {
    return (
      <section aria-labelledby="new-rollout-heading">
        <h1 id="new-rollout-heading">New rollout</h1>
        <RolloutsAlert>Only operators and admins create rollouts; your role is {session.role}.</RolloutsAlert>
        <p>
          <Link href="/rollouts">All rollouts</Link>
        </p>
      </section>
    );
  }
  const [policies, groups, robots] = await Promise.all([
    loadPolicyVersions(api).catch(() => undefined),
    loadGroups(api).catch(() => undefined),
    api
      .GET('/v1/robots', { params: { query: { limit: 500, sort: 'name', order: 'asc' } } })
      .catch(() => undefined),
  ]);
  const problems = [
    !policies || policies.error ? `policy versions (${policies?.error ?? 'no answer'})` : undefined,
    !groups || groups.error ? `groups (${groups?.error ?? 'no answer'})` : undefined,
    !robots?.data ? `robots (${robots?.error?.error.message ?? 'no answer'})` : undefined,
  ].filter(Boolean);
  // The first 500 robots by name give the tag list (any other tag can be typed in); the robot picker
  // starts with the first 50 and pages through the API from there.
  const robotItems = robots?.data?.items ?? [];
  const tags = [...new Set(robotItems.flatMap((r) => r.tags))].sort();
  const versions = [...(policies?.versions.values() ?? [])]
    .filter((v) => !v.archived)
    .sort((a, b) => a.policyName.localeCompare(b.policyName) || b.version - a.version);
  return (
    <section aria-labelledby="new-rollout-heading">
      <p>
        <Link href="/rollouts">← All rollouts</Link>
      </p>
      <h1 id="new-rollout-heading">New rollout</h1>
      <p>
        Moves the target robots onto a policy version in steps, checking their health against the robots not
        yet switched between steps. It is created as a draft; you start it from its page.
      </p>
      {problems.length > 0 ? <RolloutsAlert>Could not load {problems.join(', ')}.</RolloutsAlert> : null}
      <RolloutForm
        versions={versions.map((v) => ({ id: v.id, label: v.label }))}
        groups={(groups?.groups ?? []).map((g) => ({ id: g.id, name: g.name, robots: g.robotCount }))}
        tags={tags}
        robots={robotItems.slice(0, 50).map((r) => ({ id: r.id, name: r.name }))}
        robotsTotal={robots?.data?.total ?? 0}
      />
    </section>
  );
}

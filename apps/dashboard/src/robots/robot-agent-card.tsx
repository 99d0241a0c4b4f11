import type { RobotAgent } from '@aura/core/schemas';
import Link from 'next/link';
import { formatAgo, formatBytes } from '@/ui/format';

/** What the robot's agent reports about itself (PUT /v1/agent/report): software, flash device, outbox losses. */
export function RobotAgentCard({ agent }: { agent: RobotAgent | null }) {
  if (!agent) {
    return (
      <div className="card" data-testid="robot-agent">
        <h2>Agent</h2>
        <p>No report yet (an agent before the report, or not connected since).</p>
      </div>
    );
  }
  const { inventory: inv, outbox } = agent;
  const flash = inv.flash;
  return (
    <div className="card" data-testid="robot-agent">
      <h2>Agent</h2>
      <dl>
        <dt>Agent</dt>
        <dd>
          <Link href={`/robots?agentVersion=${encodeURIComponent(inv.agentVersion)}`}>
            {inv.agentVersion}
          </Link>{' '}
          on Node.js {inv.nodeVersion}
        </dd>
        <dt>Model</dt>
        <dd title={inv.model.sha256}>
          {inv.model.name ?? 'unnamed'} · sha256 <code>{inv.model.sha256.slice(0, 12)}…</code>
        </dd>
        <dt>onnxruntime</dt>
        <dd>
          {inv.onnxruntimeVersion} ({inv.model.executionProviders.join(', ') || 'cpu'})
        </dd>
        <dt>OS</dt>
        <dd>
          {inv.os.distro ?? inv.os.platform} · {inv.os.release} ·{' '}
          <Link href={`/robots?arch=${encodeURIComponent(inv.os.arch)}`}>{inv.os.arch}</Link>
        </dd>
        <dt>Flash</dt>
        <dd data-testid="robot-agent-flash">
          {flash ? (
            <>
              {flash.kind ? (
                <Link href={`/robots?flashKind=${flash.kind}`}>{flash.kind}</Link>
              ) : (
                'unknown kind'
              )}
              {flash.device ? ` ${flash.device}` : ''}
              {flash.model ? ` (${flash.model})` : ''}
              {flash.capacityBytes !== undefined ? ` · ${formatBytes(flash.capacityBytes)}` : ''}
              {flash.ratedPeCycles !== undefined ? ` · ${flash.ratedPeCycles.toLocaleString('en')} P/E` : ''}
              {flash.tbwBytes !== undefined ? ` · TBW ${formatBytes(flash.tbwBytes)}` : ''}
            </>
          ) : (
            'not reported'
          )}
        </dd>
        <dt>Outbox</dt>
        <dd data-testid="robot-agent-outbox">
          {outbox.pending.toLocaleString('en')} pending ·{' '}
          <span className={outbox.dropped > 0 ? 'status-down' : undefined}>
            {outbox.dropped.toLocaleString('en')} dropped
          </span>{' '}
          ·{' '}
          <span className={outbox.quarantined > 0 ? 'status-down' : undefined}>
            {outbox.quarantined.toLocaleString('en')} quarantined
          </span>
        </dd>
        <dt>Reported</dt>
        <dd title={agent.reportedAt}>{formatAgo(agent.reportedAt)}</dd>
      </dl>
    </div>
  );
}

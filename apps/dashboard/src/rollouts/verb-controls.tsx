'use client';
import type { RolloutVerb } from '@aura/core/schemas';
import { useRouter } from 'next/navigation';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { actOnRollout } from './actions';
import styles from './rollouts.module.css';

const VERBS: Record<RolloutVerb, { label: string; title: string; body: string; danger?: boolean }> = {
  start: {
    label: 'Start',
    title: 'Start this rollout?',
    body: "Cohorts are assigned and step 1's robots are given the new policy version now.",
  },
  pause: {
    label: 'Pause',
    title: 'Pause this rollout?',
    body: 'Evaluation and advancing stop; robots keep the config they have.',
  },
  resume: {
    label: 'Resume',
    title: 'Resume this rollout?',
    body: 'The current step bakes again from now, then its health is evaluated.',
  },
  promote: {
    label: 'Promote',
    title: 'Promote to the next step?',
    body: "The rest of this step's bake is skipped and the next step's robots are switched without a health evaluation.",
  },
  abort: {
    label: 'Abort',
    title: 'Abort this rollout?',
    body: 'Every switched robot is returned to the policy version it had before, in one transaction. This cannot be undone.',
    danger: true,
  },
};

/** The verbs the rollout's status allows, each behind a confirmation that asks for a reason. */
export function VerbControls({ rolloutId, verbs }: { rolloutId: string; verbs: readonly RolloutVerb[] }) {
  const router = useRouter();
  if (verbs.length === 0) return null;
  return (
    <div className={styles.verbs}>
      {verbs.map((verb) => {
        const text = VERBS[verb];
        return (
          <ConfirmDialog
            key={verb}
            label={text.label}
            title={text.title}
            confirmLabel={text.label}
            danger={text.danger}
            onConfirm={async (reason) => {
              const result = await actOnRollout(rolloutId, verb, reason);
              if (result.error) return result.error;
              router.refresh();
              return undefined;
            }}
          >
            <p>{text.body}</p>
          </ConfirmDialog>
        );
      })}
    </div>
  );
}

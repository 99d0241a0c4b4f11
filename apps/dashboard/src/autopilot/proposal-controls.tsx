'use client';
import { useRouter } from 'next/navigation';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { decideProposal } from './actions';
import styles from './autopilot.module.css';

/** Approve (starts the rollout) or dismiss (aborts the draft) a pending proposal, each with a reason. */
export function ProposalControls({ id, robots, setting }: { id: string; robots: number; setting: string }) {
  const router = useRouter();
  const decide = (decision: 'approve' | 'dismiss') => async (reason: string) => {
    const result = await decideProposal(id, decision, reason);
    if (result.error) return result.error;
    router.refresh();
    return undefined;
  };
  return (
    <div className={styles.controls}>
      <ConfirmDialog
        label="Approve"
        title={`Start the rollout of ${setting}?`}
        confirmLabel="Approve and start"
        onConfirm={decide('approve')}
      >
        <p>
          {robots} robot(s) move to {setting} in a staged rollout with the proposal’s health gates; a failing
          gate rolls them back and the autopilot will not propose this move again for them.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        label="Dismiss"
        title="Dismiss this proposal?"
        confirmLabel="Dismiss"
        danger
        onConfirm={decide('dismiss')}
      >
        <p>
          The draft rollout is aborted, and this move is not proposed again for these robots until their
          inputs change.
        </p>
      </ConfirmDialog>
    </div>
  );
}

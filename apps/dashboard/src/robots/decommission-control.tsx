'use client';
import { useRouter } from 'next/navigation';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { decommissionRobot } from './actions';

/** The robot page's Decommission button: a confirmation asking for the reason (audited). */
export function DecommissionControl({ robotId, robotName }: { robotId: string; robotName: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      label="Decommission"
      title={`Decommission ${robotName}?`}
      confirmLabel="Decommission"
      danger
      onConfirm={async (reason) => {
        const problem = await decommissionRobot(robotId, reason);
        if (problem) return problem;
        router.refresh();
        return undefined;
      }}
    >
      <p>
        Its secret stops working at once on every API process: the robot can no longer fetch configs or upload
        telemetry. It is hidden from the robot list and left out of every rollout started from now on. This
        cannot be undone; the robot would have to enrol again.
      </p>
    </ConfirmDialog>
  );
}

import type { operations } from '@aura/api-client';
import { ROLLOUT_ROBOT_STATES } from '@aura/core/schemas';

/** Response shapes of the rollout API, as the generated client types them. */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type RolloutListItem = Json<operations['rollouts_list']['responses'][200]>['items'][number];
export type RolloutDetail = Json<operations['rollouts_get']['responses'][200]>;
export type RolloutMember = Json<operations['rollouts_robots']['responses'][200]>['items'][number];
export type RolloutPreview = Json<operations['rollouts_previewSpec']['responses'][200]>;
export type RolloutVerdict = RolloutDetail['verdicts'][number];
export type RolloutStatus = RolloutListItem['status'];
export type RolloutVerb = 'start' | 'pause' | 'resume' | 'promote' | 'abort';

/** Per-robot states in lifecycle order (docs/rollouts.md). */
export const ROBOT_STATES = ROLLOUT_ROBOT_STATES;

export const ACTIVE_STATUSES: readonly RolloutStatus[] = ['running', 'paused'];

/** The verbs a rollout in `status` accepts (the API refuses the others with 409). */
export function verbsFor(status: RolloutStatus): RolloutVerb[] {
  switch (status) {
    case 'draft':
      return ['start', 'abort'];
    case 'running':
      return ['pause', 'promote', 'abort'];
    case 'paused':
      return ['resume', 'abort'];
    default:
      return [];
  }
}

/** A field error of the create form: `path` as RolloutSpecSchema names it, e.g. `steps.1.percent`. */
export interface FieldError {
  path: string;
  message: string;
}

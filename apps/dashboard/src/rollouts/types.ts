import type { operations } from '@aura/api-client';

/** Response shapes of the rollout API, as the generated client types them. */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type RolloutListItem = Json<operations['rollouts_list']['responses'][200]>['items'][number];
export type RolloutDetail = Json<operations['rollouts_get']['responses'][200]>;
export type RolloutMember = Json<operations['rollouts_robots']['responses'][200]>['items'][number];
export type RolloutPreview = Json<operations['rollouts_previewSpec']['responses'][200]>;
export type RolloutVerdict = RolloutDetail['verdicts'][number];

/** A field error of the create form: `path` as RolloutSpecSchema names it, e.g. `steps.1.percent`. */
export interface FieldError {
  path: string;
  message: string;
}

import type { OperatorRole } from '@aura/core';

export interface OperatorPrincipal {
  kind: 'operator';
  operatorId: string;
  apiKeyId: string;
  name: string;
  role: OperatorRole;
  /** Set when the caller presented a dashboard session token (acting with `apiKeyId`), not the key. */
  sessionId?: string;
}

/** The control plane acting on its own (e.g. the flash-life autopilot); audited as a system actor. */
export interface SystemPrincipal {
  kind: 'system';
  name: string;
}

/** Who changes something: an operator, or the system on its own. */
export type Actor = OperatorPrincipal | SystemPrincipal;

/** The operator behind an action, null for the system (creator columns). */
export const operatorIdOf = (actor: Actor): string | null =>
  actor.kind === 'operator' ? actor.operatorId : null;

export interface RobotPrincipal {
  kind: 'robot';
  robotId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    operator?: OperatorPrincipal;
    robot?: RobotPrincipal;
  }
}

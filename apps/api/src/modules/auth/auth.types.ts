import type { OperatorRole } from '../../generated/prisma/enums.js';

export const ROLE_RANK: Record<OperatorRole, number> = { viewer: 0, operator: 1, admin: 2 };

export interface OperatorPrincipal {
  kind: 'operator';
  operatorId: string;
  apiKeyId: string;
  name: string;
  role: OperatorRole;
}

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

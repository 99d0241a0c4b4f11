import { z } from 'zod';

/** Operator roles, lowest first: each includes the rights of those before it (viewer < operator < admin). */
export const OPERATOR_ROLES = ['viewer', 'operator', 'admin'] as const;
export const OperatorRoleSchema = z.enum(OPERATOR_ROLES);
export type OperatorRole = z.infer<typeof OperatorRoleSchema>;

/** Whether `role` includes the rights of `required`. The API enforces it; the dashboard hides what fails it. */
export function hasRole(role: OperatorRole, required: OperatorRole): boolean {
  return OPERATOR_ROLES.indexOf(role) >= OPERATOR_ROLES.indexOf(required);
}

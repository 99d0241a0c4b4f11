/** Operator roles, lowest first. The API enforces them; the dashboard only hides what a role may not use. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` includes the rights of `required` (viewer < operator < admin). */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

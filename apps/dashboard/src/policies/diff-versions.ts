import type { PolicyVersion } from './policy-types';

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

const show = (value: unknown) =>
  value === null || value === undefined || value === '' ? '—' : String(value);

/** The settings of two versions side by side: every field, flagged where it changed. */
export function diffVersions(
  a: PolicyVersion & { policyName: string },
  b: PolicyVersion & { policyName: string },
): FieldChange[] {
  const fields: [string, string, (v: PolicyVersion & { policyName: string }) => unknown][] = [
    ['policy', 'Policy', (v) => v.policyName],
    ['tau', 'τ (gate threshold)', (v) => v.tau],
    ['persistMode', 'Persist mode', (v) => v.persistMode ?? "robot's own setting"],
    ['notes', 'Notes', (v) => v.notes],
  ];
  return fields.map(([field, label, pick]) => {
    const before = show(pick(a));
    const after = show(pick(b));
    return { field, label, before, after, changed: before !== after };
  });
}

import { DEFAULT_TAU, hasRole, type OperatorRole } from '@aura/core/schemas';
import Link from 'next/link';
import { createPolicy } from './actions';
import { SettingsForm } from './settings-form';

/** A new policy with its version 1 (operators and admins; viewers are told why there is no form). */
export function NewPolicy({ role }: { role: OperatorRole }) {
  return (
    <section aria-labelledby="new-policy-heading">
      <h1 id="new-policy-heading">New policy</h1>
      <p>
        <Link href="/policies">← All policies</Link>
      </p>
      {hasRole(role, 'operator') ? (
        <div className="card">
          <SettingsForm
            mode="policy"
            action={createPolicy}
            initial={{ name: '', description: '', tau: String(DEFAULT_TAU), persistMode: '', notes: '' }}
            submitLabel="Create policy"
          />
        </div>
      ) : (
        <p role="alert">Creating policies needs the operator or admin role; you are a {role}.</p>
      )}
    </section>
  );
}

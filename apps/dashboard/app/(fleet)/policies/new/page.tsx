import { NewPolicy } from '@/policies/new-policy';
import { requireSession } from '@/session/current-session';

export const metadata = { title: 'New policy · AURA Fleet' };

export default async function NewPolicyPage() {
  const session = await requireSession();
  return <NewPolicy role={session.role} />;
}

import { AuditLog, type AuditSearch } from '@/audit/audit-log';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log · AURA Fleet' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearch> }) {
  return <AuditLog search={await searchParams} />;
}

import { FleetOverview } from '@/fleet/overview';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Fleet overview · AURA Fleet' };

export default function OverviewPage() {
  return <FleetOverview />;
}

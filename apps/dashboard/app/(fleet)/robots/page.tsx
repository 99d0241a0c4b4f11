import { RobotList, type RobotListSearch } from '@/robots/robot-list';
import { AutoRefresh } from '@/ui/auto-refresh';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Robots · AURA Fleet' };

export default async function RobotsPage({ searchParams }: { searchParams: Promise<RobotListSearch> }) {
  const params = await searchParams;
  return (
    <section aria-labelledby="robots-heading">
      <AutoRefresh seconds={15} />
      <h1 id="robots-heading">Robots</h1>
      <RobotList params={params} />
    </section>
  );
}

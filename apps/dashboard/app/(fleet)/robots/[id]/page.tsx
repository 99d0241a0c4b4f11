import { loadRobotDetail } from '@/robots/load-robot-detail';
import { RobotDetail } from '@/robots/robot-detail';
import { parseSeriesWindow } from '@/robots/series-windows';
import { AutoRefresh } from '@/ui/auto-refresh';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Robot · AURA Fleet' };

export default async function RobotPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ window?: string }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const window = parseSeriesWindow(query.window);
  const detail = await loadRobotDetail(id, window);
  return (
    <>
      <AutoRefresh seconds={15} />
      <RobotDetail detail={detail} window={window} />
    </>
  );
}

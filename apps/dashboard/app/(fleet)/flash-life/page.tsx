import { FlashLifePage } from '@/autopilot/flash-life-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Flash life · AURA Fleet' };

export default function Page() {
  return <FlashLifePage />;
}

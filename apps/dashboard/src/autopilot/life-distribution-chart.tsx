'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LifeBin } from './bin-lives';

/** Stacked bars: robots per projected-life bin, short of their target (red) or meeting it (green). */
export function LifeDistributionChart({
  bins,
  targetLabel,
  targetText,
}: {
  bins: LifeBin[];
  targetLabel: string | undefined;
  targetText: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 720, height: 260 }}>
      <BarChart
        data={bins}
        margin={{ top: 16, right: 16, bottom: 4, left: 4 }}
        aria-label="Projected flash life distribution chart"
        role="img"
      >
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fill: '#374151', fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fill: '#374151', fontSize: 12 }} width={40} />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="short"
          name="short of target"
          stackId="robots"
          fill="#b91c1c"
          isAnimationActive={false}
        />
        <Bar dataKey="meets" name="meets target" stackId="robots" fill="#15803d" isAnimationActive={false} />
        {targetLabel ? (
          <ReferenceLine
            x={targetLabel}
            position="start"
            stroke="#1e3a8a"
            strokeDasharray="6 3"
            strokeWidth={2}
            label={{ value: targetText, position: 'top', fill: '#1e3a8a', fontSize: 12 }}
          />
        ) : null}
      </BarChart>
    </ResponsiveContainer>
  );
}

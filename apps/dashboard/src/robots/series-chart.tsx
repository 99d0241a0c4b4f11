'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucket, formatTick, formatValue, type ValueFormat } from './chart-format';

export interface ChartLine {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Drawn as steps: a value that changes in jumps (a device's wear is reported in 10 % steps). */
  step?: boolean;
}

/**
 * One time-series chart (recharts, SVG). The numbers are also in the figure's data table, rendered
 * on the server: the chart itself is hidden from screen readers' reading order via its own label.
 */
export function SeriesChart({
  label,
  rows,
  lines,
  format,
  from,
  to,
}: {
  label: string;
  rows: Record<string, number | null>[];
  lines: ChartLine[];
  format: ValueFormat;
  from: number;
  to: number;
}) {
  const span = to - from;
  return (
    <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 520, height: 220 }}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 8 }} aria-label={label} role="img">
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[from, to]}
          tickFormatter={(t: number) => formatBucket(t, span)}
          tick={{ fill: '#374151', fontSize: 12 }}
          minTickGap={24}
        />
        <YAxis
          tickFormatter={(v: number) => formatTick(format, v)}
          tick={{ fill: '#374151', fontSize: 12 }}
          width={format === 'bytes' ? 76 : 64}
          domain={[0, 'auto']}
        />
        <Tooltip
          labelFormatter={(t) => `${formatBucket(Number(t), span)} UTC`}
          formatter={(value) => formatValue(format, Number(value))}
        />
        {lines.length > 1 ? <Legend /> : null}
        {lines.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.label}
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dashed ? '6 4' : undefined}
            dot={rows.length < 30}
            isAnimationActive={false}
            connectNulls
            type={line.step ? 'stepAfter' : 'linear'}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

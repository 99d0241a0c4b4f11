import { TableScroll } from '@/ui/table-scroll';
import { formatBucket, formatValue, type ValueFormat } from './chart-format';
import styles from './robot-detail.module.css';
import { type ChartLine, SeriesChart } from './series-chart';

/**
 * A chart with its accessible fallback: a caption summarising it (latest, lowest, highest) and every
 * plotted number in a table (server-rendered, so it is there before and without JavaScript).
 */
export function SeriesFigure({
  id,
  title,
  rows,
  lines,
  format,
  from,
  to,
  note,
}: {
  id: string;
  title: string;
  rows: Record<string, number | null>[];
  lines: ChartLine[];
  format: ValueFormat;
  from: number;
  to: number;
  note?: string | undefined;
}) {
  const summary = lines
    .map((line) => {
      const values = rows.map((r) => r[line.key]).filter((v): v is number => typeof v === 'number');
      if (values.length === 0) return `${line.label}: no data`;
      return `${line.label}: latest ${formatValue(format, values.at(-1))}, lowest ${formatValue(format, Math.min(...values))}, highest ${formatValue(format, Math.max(...values))}`;
    })
    .join('; ');
  const span = to - from;
  return (
    <figure className={`card ${styles.figure}`} aria-labelledby={`${id}-title`} data-chart={id}>
      <h3 id={`${id}-title`} className={styles.figureTitle}>
        {title}
      </h3>
      <div className={styles.chart}>
        <SeriesChart label={`${title} chart`} rows={rows} lines={lines} format={format} from={from} to={to} />
      </div>
      <figcaption className={styles.caption} id={`${id}-summary`}>
        {summary}.{note ? ` ${note}` : ''}
      </figcaption>
      <details className={styles.numbers}>
        <summary>Numbers ({rows.length} points)</summary>
        <TableScroll label={`${title} numbers`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                {lines.map((line) => (
                  <th scope="col" key={line.key}>
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.t}>
                  <td>{formatBucket(row.t ?? 0, span)}</td>
                  {lines.map((line) => (
                    <td key={line.key}>{formatValue(format, row[line.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}

import { formatAgo } from '../ui/format';
import { EmptyState } from '../ui/page-states';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import styles from './alerts.module.css';
import { Badge } from './alerts-nav';

interface Notification {
  id: string;
  type: string;
  summary: string;
  alertsTotal: number;
  createdAt: string;
  deliveries: {
    id: string;
    channelName: string;
    status: string;
    attempts: number;
    log: {
      attempt: number;
      at: string;
      statusCode: number | null;
      error: string | null;
      durationMs: number;
    }[];
  }[];
}

/** Notifications with each channel's delivery and every attempt (status code or error, duration). */
export function NotificationLog({ items }: { items: Notification[] }) {
  if (items.length === 0) return <EmptyState>No notifications yet.</EmptyState>;
  return (
    <TableScroll label="Notifications and deliveries">
      <table>
        <caption>Last {items.length} notifications</caption>
        <TableHead columns={['Sent', 'Type', 'Summary', 'Deliveries']} />
        <tbody>
          {items.map((n) => (
            <tr key={n.id}>
              <td title={n.createdAt}>{formatAgo(n.createdAt)}</td>
              <td>
                <Badge
                  value={n.type === 'resolved' ? 'resolved' : n.type === 'test' ? 'info' : 'firing'}
                  label={n.type}
                />
              </td>
              <td>{n.summary}</td>
              <td>
                {n.deliveries.length === 0 ? (
                  <span className={styles.muted}>no channel</span>
                ) : (
                  n.deliveries.map((d) => (
                    <div key={d.id}>
                      {d.channelName} <Badge value={d.status} />
                      <ol className={styles.log} aria-label={`Attempts to ${d.channelName}`}>
                        {d.log.map((a) => (
                          <li key={a.attempt}>
                            {a.statusCode !== null ? `HTTP ${a.statusCode}` : a.error} · {a.durationMs} ms ·{' '}
                            {formatAgo(a.at)}
                          </li>
                        ))}
                      </ol>
                    </div>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

import { describe, expect, it } from 'vitest';
import { refreshDue } from './refresh-due';

const idle = { inFlightSince: undefined, now: 100_000, intervalMs: 3_000, hidden: false, dialogOpen: false };

describe('refreshDue', () => {
  it('refreshes when nothing is in flight, the tab is visible and no dialog is open', () => {
    expect(refreshDue(idle)).toBe(true);
  });

  it('waits for the refresh in flight instead of queueing another behind it', () => {
    expect(refreshDue({ ...idle, inFlightSince: idle.now - 9_000 })).toBe(false);
    expect(refreshDue({ ...idle, inFlightSince: idle.now - 59_000 })).toBe(false);
  });

  it('gives up on a refresh in flight for over a minute (or six intervals if longer)', () => {
    expect(refreshDue({ ...idle, inFlightSince: idle.now - 61_000 })).toBe(true);
    const slow = { ...idle, intervalMs: 30_000 };
    expect(refreshDue({ ...slow, inFlightSince: slow.now - 120_000 })).toBe(false);
    expect(refreshDue({ ...slow, inFlightSince: slow.now - 181_000 })).toBe(true);
  });

  it('holds while a confirmation dialog is open or the tab is hidden', () => {
    expect(refreshDue({ ...idle, dialogOpen: true })).toBe(false);
    expect(refreshDue({ ...idle, hidden: true })).toBe(false);
  });
});

// One source of "now" so tests can move time (token expiry, rate-limit windows) without sleeping.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function nowMs(): number {
  return Date.now() + offsetMs;
}

/**
 * Milliseconds on a clock that never steps (NTP, a resumed VM) and that testClock does not move:
 * for deadlines between two readings in this process, such as the auth bus's heartbeat. A test
 * moving the wall clock an hour on has not silenced the bus for an hour.
 */
export function monotonicMs(): number {
  return performance.now();
}

export const testClock = {
  advance(ms: number): void {
    offsetMs += ms;
  },
  reset(): void {
    offsetMs = 0;
  },
};

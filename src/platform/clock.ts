// All day boundaries in the platform are Asia/Shanghai days (UTC+8, no daylight saving): a report "for
// today" means the Shanghai calendar day, whatever the server's TZ. Timestamps are stored as UTC ISO strings.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current.getTime()),
    set: (next) => { current = new Date(next); },
    advance: (ms) => { current = new Date(current.getTime() + ms); },
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The Shanghai calendar day (YYYY-MM-DD) that an instant falls on. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which a Shanghai day starts (00:00 +08:00). */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** An instant given as a Shanghai wall-clock time on a day, e.g. the 17:00 report deadline. */
export function shanghaiTime(day: string, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00+08:00`);
}

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

import { shanghaiDay } from '@shared/platform/clock.ts';

// Duty times are Asia/Shanghai wall clock whatever the browser's own time zone is.

export { dayTime, hhmm } from '../../components/shanghaiTime.ts';
import { hhmm } from '../../components/shanghaiTime.ts';

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function today(): string {
  return shanghaiDay(new Date());
}

/** The Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** True when a shift ends on a later Shanghai day than it starts (a night shift across midnight). */
export function crossesMidnight(startsAt: string, endsAt: string): boolean {
  return shanghaiDay(new Date(endsAt)) !== shanghaiDay(new Date(startsAt)) && hhmm(endsAt) !== '00:00';
}

/** 'HH:mm–HH:mm', the end marked as the next day when the shift runs past midnight. */
export function span(startsAt: string | null, endsAt: string | null, nextDay: string): string {
  if (!startsAt || !endsAt) return '';
  return `${hhmm(startsAt)}–${crossesMidnight(startsAt, endsAt) ? nextDay : ''}${hhmm(endsAt)}`;
}

// Times on screen are Asia/Shanghai wall clock, whatever the browser's own time zone is (a laptop set to UTC,
// headless browsers, people travelling): the day's reports, slots and deadlines are all Shanghai days.
const SHANGHAI_MS = 8 * 3600_000;

/** The instant as if its Shanghai wall clock were UTC: 'YYYY-MM-DDTHH:mm:ss…'. */
function wallClock(iso: string): string {
  return new Date(new Date(iso).getTime() + SHANGHAI_MS).toISOString();
}

/** 'HH:mm' */
export function hhmm(iso: string | null | undefined): string {
  return iso ? wallClock(iso).slice(11, 16) : '';
}

/** 'HH:mm:ss' */
export function hhmmss(iso: string | null | undefined): string {
  return iso ? wallClock(iso).slice(11, 19) : '';
}

/** 'MM-DD HH:mm' */
export function dayTime(iso: string | null | undefined): string {
  return iso ? `${wallClock(iso).slice(5, 10)} ${hhmm(iso)}` : '';
}

/** 'YYYY-MM-DD HH:mm' */
export function dateTime(iso: string | null | undefined): string {
  return iso ? wallClock(iso).slice(0, 16).replace('T', ' ') : '';
}

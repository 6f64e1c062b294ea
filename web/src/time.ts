/**
 * Time as the system sees it. The server's clock may differ from the browser's (the local runtime starts at a
 * demo moment in 2023): the page that serves the app names the server's time in `<meta name="app-clock">`, and
 * the app keeps the difference. Every deadline is shown in Beijing time, the edition's zone.
 */
import { localMinute } from '#shared/domain/labels-zh.ts';

let offsetMs = 0;

/** Takes the server's time from the page, once at start. */
export function syncClockFromPage(doc: Document = document): void {
  const content = doc.querySelector('meta[name="app-clock"]')?.getAttribute('content');
  const server = content ? Date.parse(content) : Number.NaN;
  if (!Number.isNaN(server)) offsetMs = server - Date.now();
}

export const setClockOffset = (ms: number) => {
  offsetMs = ms;
};

export const nowMs = () => Date.now() + offsetMs;

const DAY_MS = 86_400_000;
export const ZONE = 'Asia/Shanghai';

/** `2023-09-01 09:30`, Beijing time. */
export const beijingMinute = (iso: string, zone = ZONE) => localMinute(iso, zone);

/**
 * A closing instant as the notice words it: the exclusive 2023-09-29 00:00 reads as `2023-09-28 24:00`, the
 * end of the last day.
 */
export function deadlineText(closesAt: string, zone = ZONE): string {
  const minute = localMinute(closesAt, zone);
  if (!minute.endsWith(' 00:00')) return minute;
  return `${localMinute(Date.parse(closesAt) - 1, zone).slice(0, 10)} 24:00`;
}

/** 还剩N天 / 不足1天 / 已截止 / 尚未开始. */
export function daysLeftText(opensAt: string, closesAt: string, now = nowMs()): string {
  if (now < Date.parse(opensAt)) return '尚未开始';
  const left = Date.parse(closesAt) - now;
  if (left <= 0) return '已截止';
  if (left < DAY_MS) return '不足1天';
  return `还剩${Math.floor(left / DAY_MS)}天`;
}

export const isOpen = (track: { opensAt: string; closesAt: string }, now = nowMs()) =>
  now >= Date.parse(track.opensAt) && now < Date.parse(track.closesAt);

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * `at(2023-09-23T00:00:00)`: the instant written in local time of `timeZone`, as EventBridge Scheduler reads
 * it. Written by the one-time schedules made at run time and by the system description (infra/system.ts).
 */
export function atExpression(instantMs: number, timeZone: string): string {
  return `at(${format(new TZDate(instantMs, timeZone), "yyyy-MM-dd'T'HH:mm:ss")})`;
}

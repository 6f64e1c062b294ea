/**
 * Calendar arithmetic on YYYY-MM-DD days with date-fns, in UTC so that the machine's time zone (and its
 * daylight-saving jumps) can never move a day.
 */
import { TZDate } from '@date-fns/tz';
import { addMonths, differenceInYears, formatISO } from 'date-fns';

const day = (text: string) => new TZDate(text, 'UTC');

/** Completed years (周岁) on `on` of someone born on `birthDate`: 16 on the 16th birthday itself. */
export const ageOn = (birthDate: string, on: string): number => differenceInYears(day(on), day(birthDate));

/**
 * The day `months` calendar months after `date` (the month's last day when it has no such day). formatISO
 * rather than format: the same day, without format's token parser and locale in every bundle of the rules.
 */
export const monthsAfter = (date: string, months: number): string =>
  formatISO(addMonths(day(date), months), { representation: 'date' });

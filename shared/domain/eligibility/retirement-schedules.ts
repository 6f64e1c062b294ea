/**
 * Statutory retirement ages (法定退休年龄), one schedule per rule set an edition may name.
 *
 * - retirement-2023: the rules in force in 2023 (国发〔1978〕104号): men 60, women in cadre posts 55, women in
 *   worker posts 50.
 * - retirement-2025-reform: 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13), in force
 *   from 2025-01-01. From the first birth month it names, the age rises by one month for every `everyMonths`
 *   months of later birth, up to `maxMonths`: men from 60 (born 1965-01 on, +1 month per 4, to 63), women in
 *   cadre posts from 55 (born 1970-01 on, +1 per 4, to 58), women in worker posts from 50 (born 1975-01 on,
 *   +1 per 2, to 55). Its annex lists the ages by birth month; the tests check its boundary rows.
 */
import type { Edition } from '../edition.ts';

export type RetirementCategory = 'male' | 'female-cadre' | 'female-worker';

interface Schedule {
  baseYears: number;
  delay?: { fromBirthMonth: string; everyMonths: number; maxMonths: number };
}

const before2025: Record<RetirementCategory, Schedule> = {
  male: { baseYears: 60 },
  'female-cadre': { baseYears: 55 },
  'female-worker': { baseYears: 50 },
};

export const retirementSchedules: Record<Edition['ruleSet'], Record<RetirementCategory, Schedule>> = {
  'retirement-2023': before2025,
  'retirement-2025-reform': {
    male: { baseYears: 60, delay: { fromBirthMonth: '1965-01', everyMonths: 4, maxMonths: 36 } },
    'female-cadre': { baseYears: 55, delay: { fromBirthMonth: '1970-01', everyMonths: 4, maxMonths: 36 } },
    'female-worker': { baseYears: 50, delay: { fromBirthMonth: '1975-01', everyMonths: 2, maxMonths: 60 } },
  },
};

const monthIndex = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;

/** The retirement age in months of someone born on `birthDate` (YYYY-MM-DD) under a rule set. */
export function retirementAgeMonths(
  ruleSet: Edition['ruleSet'],
  category: RetirementCategory,
  birthDate: string,
): number {
  const { baseYears, delay } = retirementSchedules[ruleSet][category];
  const base = baseYears * 12;
  if (!delay) return base;
  const after = monthIndex(birthDate) - monthIndex(delay.fromBirthMonth);
  if (after < 0) return base;
  return base + Math.min(delay.maxMonths, Math.floor(after / delay.everyMonths) + 1);
}

/** `60周岁3个月` / `60 years 3 months`. */
export function ageLabel(months: number): { zh: string; en: string } {
  const [years, rest] = [Math.floor(months / 12), months % 12];
  return {
    zh: `${years}周岁${rest ? `${rest}个月` : ''}`,
    en: `${years} years${rest ? ` ${rest} month${rest > 1 ? 's' : ''}` : ''}`,
  };
}

import type { ContestantInput } from '../registration-input.ts';
import { monthsAfter } from './calendar.ts';
import { finding, type Rule, type RuleContext } from './findings.ts';
import { type RetirementCategory, retirementAgeMonths } from './retirement-schedules.ts';

const RULE = 'retirement-age';

/**
 * 在法定退休年龄以内: on the reference date the contestant has not yet reached the retirement age of their
 * category (reaching it on that very day is no longer "within"). The form does not ask a woman's post, so a
 * woman past the worker-post age but not the cadre-post age goes to review unless she declared her post.
 */
export const retirementAge: Rule = (ctx) =>
  ctx.entry.contestants.map((c, i) => {
    const limits = categoriesOf(c).map((category) => limitOf(ctx, category, c.birthDate));
    const on = ctx.track.ageReferenceDate;
    const about = { contestantIndex: i };
    const cites = { notice: ctx.edition.notice, on };
    const reached = limits.filter((l) => on >= l.date);
    if (reached.length === 0) {
      const { category, months } = limits[0]!;
      return finding(RULE, 'passed', 'WITHIN_RETIREMENT_AGE', { ...cites, category, months }, about);
    }
    if (reached.length === limits.length) {
      const { category, months } = limits.at(-1)!;
      const min = ctx.track.eligibility.minimumAge;
      return finding(RULE, 'failed', 'RETIREMENT_AGE_REACHED', { ...cites, category, months, min }, about);
    }
    const [worker, cadre] = [limits[0]!, limits[1]!];
    return finding(
      RULE,
      'review',
      'RETIREMENT_POST_UNDECLARED',
      { ...cites, workerMonths: worker.months, cadreMonths: cadre.months },
      about,
    );
  });

function categoriesOf(c: ContestantInput): RetirementCategory[] {
  if (c.gender === 'male') return ['male'];
  const post = c.declarations?.postType;
  return post ? [`female-${post}`] : ['female-worker', 'female-cadre'];
}

function limitOf(ctx: RuleContext, category: RetirementCategory, birthDate: string) {
  const months = retirementAgeMonths(ctx.edition.ruleSet, category, birthDate);
  return { category, months, date: monthsAfter(birthDate, months) };
}

import type { ContestantInput } from '../registration-input.ts';
import { monthsAfter } from './calendar.ts';
import { cite, finding, type Rule, type RuleContext, who } from './findings.ts';
import { ageLabel, type RetirementCategory, retirementAgeMonths } from './retirement-schedules.ts';

const RULE = 'retirement-age';
const CLAUSE = '在法定退休年龄以内';

/**
 * 在法定退休年龄以内: on the reference date the contestant has not yet reached the retirement age of their
 * category (reaching it on that very day is no longer "within"). The form does not ask a woman's post, so a
 * woman past the worker-post age but not the cadre-post age goes to review unless she declared her post.
 */
export const retirementAge: Rule = (ctx) =>
  ctx.entry.contestants.map((c, i) => {
    const categories = categoriesOf(c);
    const limits = categories.map((category) => limitOf(ctx, category, c.birthDate));
    const on = ctx.track.ageReferenceDate;
    const reached = limits.filter((l) => on >= l.date);
    if (reached.length === 0) return withinFinding(ctx, i, limits);
    if (reached.length === limits.length) return reachedFinding(ctx, i, limits.at(-1)!);
    return undeclaredPostFinding(ctx, i, limits);
  });

function categoriesOf(c: ContestantInput): RetirementCategory[] {
  if (c.gender === 'male') return ['male'];
  const post = c.declarations?.postType;
  return post ? [`female-${post}`] : ['female-worker', 'female-cadre'];
}

function limitOf(ctx: RuleContext, category: RetirementCategory, birthDate: string) {
  const months = retirementAgeMonths(ctx.edition.ruleSet, category, birthDate);
  return { category, months, label: ageLabel(months), date: monthsAfter(birthDate, months) };
}

type Limit = ReturnType<typeof limitOf>;

const categoryName: Record<RetirementCategory, { zh: string; en: string }> = {
  male: { zh: '男职工', en: 'men' },
  'female-cadre': { zh: '女干部岗位', en: 'women in cadre posts' },
  'female-worker': { zh: '女工人岗位', en: 'women in worker posts' },
};

function withinFinding(ctx: RuleContext, i: number, limits: Limit[]) {
  const first = limits[0]!;
  const person = who(i);
  return finding(
    RULE,
    'passed',
    'WITHIN_RETIREMENT_AGE',
    {
      zh: `${person.zh}在${ctx.track.ageReferenceDate}未达到法定退休年龄（${categoryName[first.category].zh}${first.label.zh}），符合${cite(ctx.edition, CLAUSE)}的要求。`,
      en: `${person.en} has not reached the statutory retirement age (${first.label.en} for ${categoryName[first.category].en}) on ${ctx.track.ageReferenceDate}, as the notice requires.`,
    },
    { contestantIndex: i },
  );
}

function reachedFinding(ctx: RuleContext, i: number, limit: Limit) {
  const person = who(i);
  return finding(
    RULE,
    'failed',
    'RETIREMENT_AGE_REACHED',
    {
      zh: `${person.zh}在年龄计算日${ctx.track.ageReferenceDate}已达到法定退休年龄（${categoryName[limit.category].zh}${limit.label.zh}），不符合${cite(ctx.edition, `参赛选手年龄须为年满${ctx.track.eligibility.minimumAge}周岁以上且${CLAUSE}`)}的规定。`,
      en: `${person.en} has reached the statutory retirement age (${limit.label.en} for ${categoryName[limit.category].en}) by the age reference date ${ctx.track.ageReferenceDate}; the notice admits only contestants within the retirement age.`,
    },
    { contestantIndex: i },
  );
}

function undeclaredPostFinding(ctx: RuleContext, i: number, limits: Limit[]) {
  const [worker, cadre] = [limits[0]!, limits[1]!];
  const person = who(i);
  return finding(
    RULE,
    'review',
    'RETIREMENT_POST_UNDECLARED',
    {
      zh: `${person.zh}为女性，在${ctx.track.ageReferenceDate}已达到女工人岗位的法定退休年龄（${worker.label.zh}），未达到女干部岗位的法定退休年龄（${cadre.label.zh}）；报名未声明岗位类别，请大赛执委会核实是否${CLAUSE}。`,
      en: `${person.en} is a woman past the retirement age of worker posts (${worker.label.en}) but not of cadre posts (${cadre.label.en}) on ${ctx.track.ageReferenceDate}; the entry does not declare her post, so the secretariat decides whether she is within the retirement age.`,
    },
    { contestantIndex: i },
  );
}

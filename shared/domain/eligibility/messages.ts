/**
 * The one renderer of eligibility findings. A finding is stored as its code and the parameters its message
 * cites (numbers, dates, the notice); the Chinese and English messages are rendered from them when read (API
 * views, mails, summaries). Text stored per finding was most of a registration item and was paid again on every
 * transactional write and in each index copy. Findings stored before the codes carried parameters keep their
 * stored text, which is shown as it is.
 */
import type { EligibilityFinding } from '../registration.ts';
import { ageLabel, type RetirementCategory } from './retirement-schedules.ts';

export interface Texts {
  zh: string;
  en: string;
}

/** How messages name a contestant: by position on the entry, never by ID number. */
const who = (index: number): Texts => ({ zh: `第${index + 1}名选手`, en: `Contestant ${index + 1}` });

/** A clause of the edition's notice, quoted. */
const cite = (notice: string, clause: string): string => `${notice}“${clause}”`;

/** Every finding cites the edition's notice. (Types, not interfaces: parameters are a plain record.) */
type Cites = {
  notice: string;
};
/** The age rules judge on the track's reference date. */
type OnDate = Cites & {
  on: string;
};
/** A retirement limit: its category and the age in months. */
type RetirementLimit = OnDate & {
  category: RetirementCategory;
  months: number;
};
/** The employee rule's thresholds and what the contestant holds (null: no level). */
type Qualification = Cites & {
  level: number;
  years: number;
  held: number | null;
};

const RETIREMENT_CLAUSE = '在法定退休年龄以内';
const STUDENT_CLAUSE = '以学生身份参赛的，应为重庆各类院校全日制在校在籍学生';
const ADVISOR_CLAUSE = '指导教师不能以选手身份参赛';
const EMPLOYEE_ADVISOR_CLAUSE = '以职工身份参赛选手不得担任同一赛事中同一项目的学生参赛选手指导教师';
const EXCLUSIONS_CLAUSE =
  '以下人员不得报名参赛：（1）已获得“中华技能大奖”、“全国技术能手”人员；（2）中华人民共和国第二届职业技能大赛人工智能工程技术、人工智能训练项目专家组成员、教练组、参赛选手';

const categoryName: Record<RetirementCategory, Texts> = {
  male: { zh: '男职工', en: 'men' },
  'female-cadre': { zh: '女干部岗位', en: 'women in cadre posts' },
  'female-worker': { zh: '女工人岗位', en: 'women in worker posts' },
};

const levelNames: Record<number, string> = {
  1: '一级（高级技师）',
  2: '二级（技师）',
  3: '三级（高级工）',
  4: '四级（中级工）',
  5: '五级（初级工）',
};
const levelName = (level: number) => levelNames[level] ?? `${level}级`;

const qualificationClause = (p: Qualification) =>
  `以职工身份参赛的一般应具有相应职业（工种）国家职业技能标准${levelName(p.level)}及以上职业资格或技能等级，对未取得相应等级职业资格或技能等级的，原则上应从事本职业（工种）工作${p.years}年以上`;

const heldText = (p: Qualification): Texts =>
  p.held === null
    ? { zh: '未取得职业资格或技能等级', en: 'holds no national level' }
    : { zh: `仅具有${levelName(p.held)}`, en: `holds only level ${p.held}` };

/** Why an exclusion applies, by its code. */
const excluded = (reason: Texts) => (p: Cites, person: Texts) => ({
  zh: `${person.zh}${reason.zh}，不符合${cite(p.notice, EXCLUSIONS_CLAUSE)}的规定。`,
  en: `${person.en} ${reason.en}; the notice excludes such people.`,
});
const declares = (what: Texts): Texts => ({ zh: `声明为${what.zh}`, en: `declares being ${what.en}` });

/** Each code's message, from its parameters and the contestant the finding is about. */
const templates = {
  AGE_OK: (p: OnDate & { age: number; min: number }, person: Texts) => ({
    zh: `${person.zh}在${p.on}（年龄计算日）已满${p.age}周岁，符合${cite(p.notice, `年满${p.min}周岁以上`)}的要求。`,
    en: `${person.en} is ${p.age} on ${p.on} (the age reference date), at least ${p.min} as the notice requires.`,
  }),
  AGE_BELOW_MINIMUM: (p: OnDate & { age: number; min: number }, person: Texts) => ({
    zh: `${person.zh}在${p.on}（年龄计算日）未满${p.min}周岁（${p.age}周岁），不符合${cite(p.notice, `参赛人员须年满${p.min}周岁以上`)}的规定。`,
    en: `${person.en} is ${p.age} on ${p.on} (the age reference date), under the minimum age of ${p.min} the notice sets.`,
  }),
  WITHIN_RETIREMENT_AGE: (p: RetirementLimit, person: Texts) => {
    const label = ageLabel(p.months);
    return {
      zh: `${person.zh}在${p.on}未达到法定退休年龄（${categoryName[p.category].zh}${label.zh}），符合${cite(p.notice, RETIREMENT_CLAUSE)}的要求。`,
      en: `${person.en} has not reached the statutory retirement age (${label.en} for ${categoryName[p.category].en}) on ${p.on}, as the notice requires.`,
    };
  },
  RETIREMENT_AGE_REACHED: (p: RetirementLimit & { min: number }, person: Texts) => {
    const label = ageLabel(p.months);
    return {
      zh: `${person.zh}在年龄计算日${p.on}已达到法定退休年龄（${categoryName[p.category].zh}${label.zh}），不符合${cite(p.notice, `参赛选手年龄须为年满${p.min}周岁以上且${RETIREMENT_CLAUSE}`)}的规定。`,
      en: `${person.en} has reached the statutory retirement age (${label.en} for ${categoryName[p.category].en}) by the age reference date ${p.on}; the notice admits only contestants within the retirement age.`,
    };
  },
  RETIREMENT_POST_UNDECLARED: (p: OnDate & { workerMonths: number; cadreMonths: number }, person: Texts) => {
    const [worker, cadre] = [ageLabel(p.workerMonths), ageLabel(p.cadreMonths)];
    return {
      zh: `${person.zh}为女性，在${p.on}已达到女工人岗位的法定退休年龄（${worker.zh}），未达到女干部岗位的法定退休年龄（${cadre.zh}）；报名未声明岗位类别，请大赛执委会核实是否${RETIREMENT_CLAUSE}。`,
      en: `${person.en} is a woman past the retirement age of worker posts (${worker.en}) but not of cadre posts (${cadre.en}) on ${p.on}; the entry does not declare her post, so the secretariat decides whether she is within the retirement age.`,
    };
  },
  STUDENT_NOT_ENROLLED: (p: Cites, person: Texts) => ({
    zh: `${person.zh}声明不是重庆各类院校全日制在校在籍学生，不符合${cite(p.notice, STUDENT_CLAUSE)}的规定。`,
    en: `${person.en} declares not being a full-time enrolled student of a Chongqing institution, which the notice requires of student contestants.`,
  }),
  STUDENT_ENROLMENT_UNDECLARED: (p: Cites, person: Texts) => ({
    zh: `${person.zh}以学生身份参赛，但报名未声明其为重庆各类院校全日制在校在籍学生，请大赛执委会核实（${cite(p.notice, STUDENT_CLAUSE)}）。`,
    en: `${person.en} enters as a student but the entry does not declare full-time enrolment at a Chongqing institution; the secretariat checks it.`,
  }),
  STUDENT_FROM_ENTERPRISE: (p: Cites, person: Texts) => ({
    zh: `${person.zh}以学生身份参赛，却由企业单位报名，请大赛执委会核实其在校在籍情况（${cite(p.notice, STUDENT_CLAUSE)}）。`,
    en: `${person.en} enters as a student but is registered by an enterprise, not a school; the secretariat checks the enrolment.`,
  }),
  STUDENT_ENROLLED: (p: Cites, person: Texts) => ({
    zh: `${person.zh}声明为重庆各类院校全日制在校在籍学生，符合${cite(p.notice, STUDENT_CLAUSE)}的要求。`,
    en: `${person.en} declares full-time enrolment at a Chongqing institution, as the notice requires of students.`,
  }),
  QUALIFICATION_LEVEL_OK: (p: Qualification & { held: number }, person: Texts) => ({
    zh: `${person.zh}具有${levelName(p.held)}职业资格或技能等级，符合${cite(p.notice, qualificationClause(p))}的要求。`,
    en: `${person.en} holds national level ${p.held}, level ${p.level} or better as the notice requires of employees.`,
  }),
  YEARS_IN_TRADE_UNDECLARED: (p: Qualification, person: Texts) => ({
    zh: `${person.zh}${heldText(p).zh}，报名未填写从事本职业（工种）的年限，请大赛执委会核实是否满${p.years}年（${cite(p.notice, qualificationClause(p))}）。`,
    en: `${person.en} ${heldText(p).en} and the entry gives no years in the trade; the secretariat checks whether they reach ${p.years}.`,
  }),
  YEARS_IN_TRADE_OK: (p: Qualification & { yearsInTrade: number }, person: Texts) => ({
    zh: `${person.zh}${heldText(p).zh}，但从事本职业（工种）工作${p.yearsInTrade}年，符合${cite(p.notice, qualificationClause(p))}的要求。`,
    en: `${person.en} ${heldText(p).en} but has ${p.yearsInTrade} years in the trade, at least ${p.years} as the notice requires.`,
  }),
  QUALIFICATION_INSUFFICIENT: (p: Qualification & { yearsInTrade: number }, person: Texts) => ({
    zh: `${person.zh}${heldText(p).zh}，从事本职业（工种）工作仅${p.yearsInTrade}年，不满${p.years}年，不符合${cite(p.notice, qualificationClause(p))}的规定。`,
    en: `${person.en} ${heldText(p).en} and has ${p.yearsInTrade} years in the trade, fewer than the ${p.years} the notice requires without level ${p.level}.`,
  }),
  NOT_EXCLUDED: (p: Cites, person: Texts) => ({
    zh: `${person.zh}未声明且不在不得参赛人员名单中，符合${cite(p.notice, EXCLUSIONS_CLAUSE)}的规定。`,
    en: `${person.en} declares no excluding title or role and is not on the exclusion list.`,
  }),
  EXCLUDED_CHINA_SKILLS_AWARD: excluded(
    declares({ zh: '“中华技能大奖”获得者', en: 'a holder of the China Skills Award' }),
  ),
  EXCLUDED_NATIONAL_TECHNICAL_EXPERT: excluded(
    declares({ zh: '“全国技术能手”', en: 'a National Technical Expert' }),
  ),
  EXCLUDED_SECOND_NATIONAL_COMPETITION: excluded(
    declares({
      zh: '中华人民共和国第二届职业技能大赛人工智能工程技术、人工智能训练项目的专家、教练或选手',
      en: 'an expert, coach or contestant of the AI projects of the 2nd national vocational skills competition',
    }),
  ),
  EXCLUDED_BY_LIST: excluded({
    zh: '身份证号在大赛执委会公布的不得参赛人员名单中',
    en: "has an ID number on the secretariat's exclusion list",
  }),
  ADVISOR_IS_OWN_CONTESTANT: (p: Cites, person: Texts) => ({
    zh: `${person.zh}同时是本报名的指导教师，不符合${cite(p.notice, ADVISOR_CLAUSE)}的规定。`,
    en: `${person.en} is also this entry's advisor; the notice forbids advisors competing.`,
  }),
  ADVISOR_IS_CONTESTANT_ELSEWHERE: (p: Cites) => ({
    zh: `本报名的指导教师与同赛项另一报名的选手姓名、手机号相同，请大赛执委会核实（${cite(p.notice, ADVISOR_CLAUSE)}）。`,
    en: `This entry's advisor has the name and phone of a contestant of another entry of the track; the secretariat checks it.`,
  }),
  CONTESTANT_IS_ADVISOR_ELSEWHERE: (p: Cites, person: Texts) => ({
    zh: `${person.zh}与同赛项另一报名的指导教师姓名、手机号相同，请大赛执委会核实（${cite(p.notice, ADVISOR_CLAUSE)}）。`,
    en: `${person.en} has the name and phone of the advisor of another entry of the track; the secretariat checks it.`,
  }),
  ADVISOR_NOT_CONTESTANT: (p: Cites) => ({
    zh: `未发现指导教师同时以选手身份参赛，符合${cite(p.notice, ADVISOR_CLAUSE)}的规定。`,
    en: 'No advisor of this entry competes, and no contestant of it advises another entry of the track.',
  }),
  EMPLOYEE_ADVISES_OWN_STUDENT: (p: Cites, person: Texts) => ({
    zh: `${person.zh}以职工身份参赛，同时担任本报名学生选手的指导教师，不符合${cite(p.notice, EMPLOYEE_ADVISOR_CLAUSE)}的规定。`,
    en: `${person.en} competes as an employee and advises this entry's student contestants, which the notice forbids.`,
  }),
  EMPLOYEE_ADVISES_STUDENT_ELSEWHERE: (p: Cites, person: Texts) => ({
    zh: `${person.zh}以职工身份参赛，与同赛项另一报名学生选手的指导教师姓名、手机号相同，请大赛执委会核实（${cite(p.notice, EMPLOYEE_ADVISOR_CLAUSE)}）。`,
    en: `${person.en} competes as an employee and has the name and phone of the advisor of student contestants in another entry of the track; the secretariat checks it.`,
  }),
  ADVISOR_IS_EMPLOYEE_CONTESTANT_ELSEWHERE: (p: Cites) => ({
    zh: `本报名学生选手的指导教师与同赛项另一报名的职工身份选手姓名、手机号相同，请大赛执委会核实（${cite(p.notice, EMPLOYEE_ADVISOR_CLAUSE)}）。`,
    en: `The advisor of this entry's students has the name and phone of an employee contestant of another entry of the track; the secretariat checks it.`,
  }),
  NO_EMPLOYEE_ADVISES_STUDENTS: (p: Cites) => ({
    zh: `未发现职工身份选手担任学生选手的指导教师，符合${cite(p.notice, EMPLOYEE_ADVISOR_CLAUSE)}的规定。`,
    en: 'No employee contestant of this entry advises students, and this entry is advised by no employee contestant of the track.',
  }),
} satisfies Record<string, (p: never, person: Texts) => Texts>;

type Templates = typeof templates;
export type FindingCode = keyof Templates;
/** The parameters a code's message cites. */
export type ParamsOf<C extends FindingCode> = Parameters<Templates[C]>[0];

const isKnownCode = (code: string | undefined): code is FindingCode =>
  code !== undefined && Object.hasOwn(templates, code);

/** A finding as the API shows it (and as findings were stored before they carried parameters). */
export interface RenderedFinding {
  rule: string;
  outcome: EligibilityFinding['outcome'];
  code?: string;
  contestantIndex?: number;
  relatedRegistrationId?: string;
  message: string;
  messageEn?: string;
}

/** The finding's messages: rendered from its code and parameters, or the text stored with an older finding. */
export function findingTexts(f: EligibilityFinding): { message: string; messageEn?: string } {
  if (f.params !== undefined && isKnownCode(f.code)) {
    const render = templates[f.code] as (p: unknown, person: Texts) => Texts;
    const texts = render(f.params, who(f.contestantIndex ?? 0));
    return { message: texts.zh, messageEn: texts.en };
  }
  return { message: f.message ?? '', ...(f.messageEn === undefined ? {} : { messageEn: f.messageEn }) };
}

/** The finding with its messages, in the order the API has always listed a finding's fields. */
export function renderFinding(f: EligibilityFinding): RenderedFinding {
  return {
    rule: f.rule,
    outcome: f.outcome,
    ...(f.code === undefined ? {} : { code: f.code }),
    ...(f.contestantIndex === undefined ? {} : { contestantIndex: f.contestantIndex }),
    ...(f.relatedRegistrationId === undefined ? {} : { relatedRegistrationId: f.relatedRegistrationId }),
    ...findingTexts(f),
  };
}

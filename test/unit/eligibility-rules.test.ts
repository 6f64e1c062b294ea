import { describe, expect, it } from 'vitest';
import type { Edition, Track } from '#shared/domain/edition.ts';
import { advisorNotContestant as advisorNotContestantRule } from '#shared/domain/eligibility/advisor-not-contestant.ts';
import { employeeNotStudentAdvisor as employeeNotStudentAdvisorRule } from '#shared/domain/eligibility/employee-not-student-advisor.ts';
import { employeeQualification as employeeQualificationRule } from '#shared/domain/eligibility/employee-qualification.ts';
import { runRules } from '#shared/domain/eligibility/engine.ts';
import { exclusions as exclusionsRule } from '#shared/domain/eligibility/exclusions.ts';
import type { EntryPeople, OtherEntry, Rule, RuleContext } from '#shared/domain/eligibility/findings.ts';
import { renderFinding } from '#shared/domain/eligibility/messages.ts';
import { minimumAge as minimumAgeRule } from '#shared/domain/eligibility/minimum-age.ts';
import { retirementAge as retirementAgeRule } from '#shared/domain/eligibility/retirement-age.ts';
import { retirementAgeMonths } from '#shared/domain/eligibility/retirement-schedules.ts';
import { studentEnrolment as studentEnrolmentRule } from '#shared/domain/eligibility/student-enrolment.ts';
import type { ContestantInput } from '#shared/domain/registration-input.ts';
import { validContestant } from '../support/contestants.ts';
import { edition2023 } from '../support/fake-ports.ts';

const contestant = validContestant;

function context(
  entry: EntryPeople,
  options: { trackId?: string; edition?: Edition; trackChanges?: Partial<Track> } & Partial<
    Pick<RuleContext, 'excludedContestants' | 'unitKind' | 'others'>
  > = {},
): RuleContext {
  const edition = options.edition ?? edition2023();
  const base = edition.tracks.find((t) => t.id === (options.trackId ?? 'machine-vision'))!;
  return {
    edition,
    track: { ...base, ...options.trackChanges },
    entry,
    excludedContestants: options.excludedContestants ?? new Set(),
    ...(options.unitKind ? { unitKind: options.unitKind } : {}),
    ...(options.others ? { others: options.others } : {}),
  };
}

/** Each rule with its findings as they are read: messages rendered from their codes and parameters. */
const rendered = (rule: Rule) => (ctx: RuleContext) => rule(ctx).map(renderFinding);
const advisorNotContestant = rendered(advisorNotContestantRule);
const employeeNotStudentAdvisor = rendered(employeeNotStudentAdvisorRule);
const employeeQualification = rendered(employeeQualificationRule);
const exclusions = rendered(exclusionsRule);
const minimumAge = rendered(minimumAgeRule);
const retirementAge = rendered(retirementAgeRule);
const studentEnrolment = rendered(studentEnrolmentRule);

const outcomes = (rule: ReturnType<typeof rendered>, ctx: RuleContext) =>
  rule(ctx).map((f) => [f.outcome, f.code]);

/** Machine vision 2023: ages are taken on 2023-10-13. */
const REFERENCE = '2023-10-13';

describe('minimum-age', () => {
  it.each([
    ['2007-10-12', 'the day before: 16 and a day', 'passed', 'AGE_OK'],
    ['2007-10-13', 'the day of: 16 that very day', 'passed', 'AGE_OK'],
    ['2007-10-14', 'the day after: still 15', 'failed', 'AGE_BELOW_MINIMUM'],
  ])('born %s (%s) → %s', (birthDate, _label, outcome, code) => {
    expect(outcomes(minimumAge, context({ contestants: [contestant({ birthDate })] }))).toEqual([
      [outcome, code],
    ]);
  });

  it('takes the threshold and the reference date from the edition', () => {
    const ctx = context(
      { contestants: [contestant({ birthDate: '2005-10-14' })] },
      {
        trackChanges: {
          ageReferenceDate: REFERENCE,
          eligibility: { ...edition2023().tracks[1]!.eligibility, minimumAge: 18 },
        },
      },
    );
    expect(outcomes(minimumAge, ctx)).toEqual([['failed', 'AGE_BELOW_MINIMUM']]);
  });

  it('explains a failure in Chinese and English, citing the notice', () => {
    const [finding] = minimumAge(
      context({ contestants: [contestant(), contestant({ birthDate: '2007-10-14' })] }),
    ).slice(1);
    expect(finding).toEqual({
      rule: 'minimum-age',
      outcome: 'failed',
      code: 'AGE_BELOW_MINIMUM',
      contestantIndex: 1,
      message:
        '第2名选手在2023-10-13（年龄计算日）未满16周岁（15周岁），不符合渝经信发〔2023〕59号“参赛人员须年满16周岁以上”的规定。',
      messageEn:
        'Contestant 2 is 15 on 2023-10-13 (the age reference date), under the minimum age of 16 the notice sets.',
    });
  });
});

describe('retirement-age, 2023 rules', () => {
  const judge = (c: Partial<ContestantInput>) =>
    outcomes(retirementAge, context({ contestants: [contestant(c)] }));

  it.each([
    ['1963-10-12', 'reached 60 the day before', 'failed'],
    ['1963-10-13', 'reaches 60 on the day', 'failed'],
    ['1963-10-14', 'reaches 60 the day after', 'passed'],
  ])('a man born %s (%s) → %s', (birthDate, _label, outcome) => {
    expect(judge({ birthDate })[0]![0]).toBe(outcome);
  });

  it.each([
    ['worker', '1973-10-12', 'failed'],
    ['worker', '1973-10-13', 'failed'],
    ['worker', '1973-10-14', 'passed'],
    ['cadre', '1968-10-12', 'failed'],
    ['cadre', '1968-10-13', 'failed'],
    ['cadre', '1968-10-14', 'passed'],
  ] as const)('a woman in a %s post born %s → %s', (postType, birthDate, outcome) => {
    expect(judge({ gender: 'female', birthDate, declarations: { postType } })[0]![0]).toBe(outcome);
  });

  it.each([
    ['1973-10-14', 'under 50', 'passed', 'WITHIN_RETIREMENT_AGE'],
    ['1973-10-13', '50 on the day', 'review', 'RETIREMENT_POST_UNDECLARED'],
    ['1968-10-14', '54 and a day short of 55', 'review', 'RETIREMENT_POST_UNDECLARED'],
    ['1968-10-13', '55 on the day', 'failed', 'RETIREMENT_AGE_REACHED'],
  ])('a woman with no declared post born %s (%s) → %s', (birthDate, _label, outcome, code) => {
    expect(judge({ gender: 'female', birthDate })).toEqual([[outcome, code]]);
  });

  it('explains the review of a woman aged 52 whose post is not declared', () => {
    const [finding] = retirementAge(
      context({ contestants: [contestant({ gender: 'female', birthDate: '1971-05-01' })] }),
    );
    expect(finding?.message).toBe(
      '第1名选手为女性，在2023-10-13已达到女工人岗位的法定退休年龄（50周岁），未达到女干部岗位的法定退休年龄（55周岁）；报名未声明岗位类别，请大赛执委会核实是否在法定退休年龄以内。',
    );
    expect(finding?.messageEn).toContain('the secretariat decides');
  });

  it('explains a man past 60', () => {
    const [finding] = retirementAge(context({ contestants: [contestant({ birthDate: '1963-10-13' })] }));
    expect(finding?.message).toBe(
      '第1名选手在年龄计算日2023-10-13已达到法定退休年龄（男职工60周岁），不符合渝经信发〔2023〕59号“参赛选手年龄须为年满16周岁以上且在法定退休年龄以内”的规定。',
    );
  });
});

describe('retirement-age, 2025 reform schedule (published rows of the 2024 NPCSC decision)', () => {
  const months = (y: number, m = 0) => y * 12 + m;
  it.each([
    ['male', '1964-12-15', months(60)],
    ['male', '1965-01-01', months(60, 1)],
    ['male', '1965-04-30', months(60, 1)],
    ['male', '1965-05-01', months(60, 2)],
    ['male', '1976-08-31', months(62, 11)],
    ['male', '1976-09-01', months(63)],
    ['male', '1980-06-01', months(63)],
    ['female-cadre', '1969-12-31', months(55)],
    ['female-cadre', '1970-01-01', months(55, 1)],
    ['female-cadre', '1970-05-01', months(55, 2)],
    ['female-cadre', '1981-08-31', months(57, 11)],
    ['female-cadre', '1981-09-01', months(58)],
    ['female-worker', '1974-12-31', months(50)],
    ['female-worker', '1975-01-01', months(50, 1)],
    ['female-worker', '1975-02-28', months(50, 1)],
    ['female-worker', '1975-03-01', months(50, 2)],
    ['female-worker', '1984-10-31', months(54, 11)],
    ['female-worker', '1984-11-01', months(55)],
  ] as const)('%s born %s retires at %i months', (category, birthDate, expected) => {
    expect(retirementAgeMonths('retirement-2025-reform', category, birthDate)).toBe(expected);
    expect(retirementAgeMonths('retirement-2023', category, birthDate)).toBe(
      { male: 720, 'female-cadre': 660, 'female-worker': 600 }[category],
    );
  });

  it.each([
    ['2025-04-30', 'the day before', 'passed'],
    ['2025-05-01', 'the day of', 'failed'],
    ['2025-05-02', 'the day after', 'failed'],
  ])(
    'a man born 1965-04-01 reaches 60 years 1 month on 2025-05-01; judged on %s (%s) → %s',
    (day, _l, outcome) => {
      const edition = { ...edition2023(), ruleSet: 'retirement-2025-reform' as const };
      const ctx = context(
        { contestants: [contestant({ birthDate: '1965-04-01' })] },
        { edition, trackChanges: { ageReferenceDate: day } },
      );
      const [finding] = retirementAge(ctx);
      expect(finding?.outcome).toBe(outcome);
      if (outcome === 'failed') expect(finding?.message).toContain('男职工60周岁1个月');
    },
  );
});

describe('student-enrolment', () => {
  const student = (declared?: boolean) =>
    contestant({
      identity: 'student',
      qualificationLevel: null,
      ...(declared === undefined ? {} : { declarations: { fullTimeEnrolledInChongqing: declared } }),
    });

  it.each([
    [true, 'school', 'passed', 'STUDENT_ENROLLED'],
    [false, 'school', 'failed', 'STUDENT_NOT_ENROLLED'],
    [undefined, 'school', 'review', 'STUDENT_ENROLMENT_UNDECLARED'],
    [true, 'enterprise', 'review', 'STUDENT_FROM_ENTERPRISE'],
    [false, 'enterprise', 'failed', 'STUDENT_NOT_ENROLLED'],
  ] as const)('declared %s, registered by a %s → %s', (declared, unitKind, outcome, code) => {
    expect(outcomes(studentEnrolment, context({ contestants: [student(declared)] }, { unitKind }))).toEqual([
      [outcome, code],
    ]);
  });

  it('does not judge employees', () => {
    expect(studentEnrolment(context({ contestants: [contestant()] }))).toEqual([]);
  });

  it('explains the enterprise case', () => {
    const [finding] = studentEnrolment(context({ contestants: [student(true)] }, { unitKind: 'enterprise' }));
    expect(finding?.message).toBe(
      '第1名选手以学生身份参赛，却由企业单位报名，请大赛执委会核实其在校在籍情况（渝经信发〔2023〕59号“以学生身份参赛的，应为重庆各类院校全日制在校在籍学生”）。',
    );
  });
});

describe('employee-qualification', () => {
  it.each([
    [3, undefined, 'passed', 'QUALIFICATION_LEVEL_OK'],
    [4, undefined, 'passed', 'QUALIFICATION_LEVEL_OK'],
    [5, 4, 'failed', 'QUALIFICATION_INSUFFICIENT'],
    [5, 5, 'passed', 'YEARS_IN_TRADE_OK'],
    [null, 6, 'passed', 'YEARS_IN_TRADE_OK'],
    [null, 0, 'failed', 'QUALIFICATION_INSUFFICIENT'],
    [5, undefined, 'review', 'YEARS_IN_TRADE_UNDECLARED'],
  ] as const)('level %s, %s years in the trade → %s', (qualificationLevel, yearsInTrade, outcome, code) => {
    const c = contestant({ qualificationLevel, ...(yearsInTrade === undefined ? {} : { yearsInTrade }) });
    expect(outcomes(employeeQualification, context({ contestants: [c] }))).toEqual([[outcome, code]]);
  });

  it('does not judge students', () => {
    const c = contestant({ identity: 'student', qualificationLevel: null });
    expect(employeeQualification(context({ contestants: [c] }))).toEqual([]);
  });

  it('explains a failure', () => {
    const [finding] = employeeQualification(
      context({ contestants: [contestant({ qualificationLevel: null, yearsInTrade: 4 })] }),
    );
    expect(finding?.message).toMatch(
      /^第1名选手未取得职业资格或技能等级，从事本职业（工种）工作仅4年，不满5年，不符合渝经信发〔2023〕59号“/,
    );
    expect(finding?.messageEn).toBe(
      'Contestant 1 holds no national level and has 4 years in the trade, fewer than the 5 the notice requires without level 4.',
    );
  });
});

describe('exclusions', () => {
  it.each([
    [{}, 'passed', 'NOT_EXCLUDED'],
    [{ chinaSkillsAward: true }, 'failed', 'EXCLUDED_CHINA_SKILLS_AWARD'],
    [{ nationalTechnicalExpert: true }, 'failed', 'EXCLUDED_NATIONAL_TECHNICAL_EXPERT'],
    [{ secondNationalCompetitionAiRole: true }, 'failed', 'EXCLUDED_SECOND_NATIONAL_COMPETITION'],
    [{ chinaSkillsAward: false }, 'passed', 'NOT_EXCLUDED'],
  ])('declarations %j → %s', (declarations, outcome, code) => {
    expect(outcomes(exclusions, context({ contestants: [contestant({ declarations })] }))).toEqual([
      [outcome, code],
    ]);
  });

  it("fails a contestant on the secretariat's list, and only that one", () => {
    const ctx = context({ contestants: [contestant(), contestant()] }, { excludedContestants: new Set([1]) });
    expect(outcomes(exclusions, ctx)).toEqual([
      ['passed', 'NOT_EXCLUDED'],
      ['failed', 'EXCLUDED_BY_LIST'],
    ]);
    expect(exclusions(ctx)[1]?.message).toMatch(
      /^第2名选手身份证号在大赛执委会公布的不得参赛人员名单中，不符合渝经信发〔2023〕59号“以下人员不得报名参赛/,
    );
  });
});

describe('cross-entry rules', () => {
  const advisor = { name: '李建国', phone: '13600009999' };
  const student = contestant({ identity: 'student', qualificationLevel: null });
  const asAdvisor = contestant({ ...advisor });
  const EARLIER = '2023-09-01T01:00:00.000Z';
  const LATER = '2023-09-22T15:55:00.000Z';
  const other = (
    people: EntryPeople,
    registrationId = 'reg_other',
    peopleChangedAt = EARLIER,
  ): OtherEntry => ({
    registrationId,
    peopleChangedAt,
    ...people,
  });
  /** An entry as stored: its id and when its people last changed. */
  const stored = (people: EntryPeople, registrationId: string, peopleChangedAt: string) => ({
    registrationId,
    peopleChangedAt,
    ...people,
  });

  it('fails an entry whose advisor is its own contestant', () => {
    const entry = {
      advisor,
      contestants: [contestant({ ...advisor, identity: 'student', qualificationLevel: null })],
    };
    expect(outcomes(advisorNotContestant, context(entry))).toEqual([['failed', 'ADVISOR_IS_OWN_CONTESTANT']]);
  });

  it('puts the review on the entry whose people changed later, never on the earlier one', () => {
    const advised = stored({ advisor, contestants: [student] }, 'reg_a', LATER);
    const competing = stored({ contestants: [asAdvisor] }, 'reg_b', EARLIER);
    expect(advisorNotContestant(context(advised, { others: [other(competing, 'reg_b')] }))).toEqual([
      expect.objectContaining({
        outcome: 'review',
        code: 'ADVISOR_IS_CONTESTANT_ELSEWHERE',
        relatedRegistrationId: 'reg_b',
        message:
          '本报名的指导教师与同赛项另一报名的选手姓名、手机号相同，请大赛执委会核实（渝经信发〔2023〕59号“指导教师不能以选手身份参赛”）。',
      }),
    ]);
    expect(
      outcomes(advisorNotContestant, context(competing, { others: [other(advised, 'reg_a', LATER)] })),
    ).toEqual([['passed', 'ADVISOR_NOT_CONTESTANT']]);
  });

  it('puts the review on a later contestant of an earlier advisor, naming no other entry in its messages', () => {
    const competing = stored({ contestants: [asAdvisor] }, 'reg_b', LATER);
    const [finding] = advisorNotContestant(
      context(competing, { others: [other({ advisor, contestants: [student] }, 'reg_a')] }),
    );
    expect(finding).toMatchObject({
      outcome: 'review',
      code: 'CONTESTANT_IS_ADVISOR_ELSEWHERE',
      contestantIndex: 0,
      relatedRegistrationId: 'reg_a',
      message:
        '第1名选手与同赛项另一报名的指导教师姓名、手机号相同，请大赛执委会核实（渝经信发〔2023〕59号“指导教师不能以选手身份参赛”）。',
    });
    expect(`${finding?.message} ${finding?.messageEn}`).not.toContain('reg_a');
  });

  it('settles a tie of instants by registration id, so exactly one of the two entries carries the review', () => {
    const advised = stored({ advisor, contestants: [student] }, 'reg_a', EARLIER);
    const competing = stored({ contestants: [asAdvisor] }, 'reg_b', EARLIER);
    const onA = advisorNotContestant(context(advised, { others: [other(competing, 'reg_b')] }));
    const onB = advisorNotContestant(context(competing, { others: [other(advised, 'reg_a')] }));
    expect([...onA, ...onB].filter((f) => f.outcome === 'review')).toHaveLength(1);
  });

  it.each([
    ['the same name and phone', { ...advisor }, 'review'],
    ['the same name, another phone', { name: advisor.name, phone: '13600009998' }, 'passed'],
    ['another name, the same phone', { name: '李建军', phone: advisor.phone }, 'passed'],
  ])('matches people by name and phone: %s → %s', (_label, person, outcome) => {
    const ctx = context(
      { contestants: [contestant(person)] },
      { others: [other({ advisor, contestants: [student] })] },
    );
    expect(advisorNotContestant(ctx)[0]?.outcome).toBe(outcome);
  });

  it('reviews an employee contestant who advises students of another entry, on the later entry only', () => {
    const advised = { advisor, contestants: [student] };
    const employee = { contestants: [asAdvisor] };
    const employeeRule = (entry: EntryPeople, others: OtherEntry[]) =>
      outcomes(employeeNotStudentAdvisor, context(entry, { trackId: 'ai-trainer', others }));
    expect(employeeRule(stored(employee, 'reg_e', LATER), [other(advised, 'reg_s')])).toEqual([
      ['review', 'EMPLOYEE_ADVISES_STUDENT_ELSEWHERE'],
    ]);
    expect(employeeRule(stored(advised, 'reg_s', LATER), [other(employee, 'reg_e')])).toEqual([
      ['review', 'ADVISOR_IS_EMPLOYEE_CONTESTANT_ELSEWHERE'],
    ]);
    expect(employeeRule(stored(advised, 'reg_s', EARLIER), [other(employee, 'reg_e', LATER)])).toEqual([
      ['passed', 'NO_EMPLOYEE_ADVISES_STUDENTS'],
    ]);
    const messages = employeeNotStudentAdvisor(
      context(stored(advised, 'reg_s', LATER), { trackId: 'ai-trainer', others: [other(employee, 'reg_e')] }),
    ).map((f) => `${f.message} ${f.messageEn}`);
    expect(messages.join()).not.toContain('reg_e');
  });

  it('lets a student contestant advise elsewhere under the employee rule', () => {
    const studentAdvisor = contestant({ ...advisor, identity: 'student', qualificationLevel: null });
    const ctx = context(
      { contestants: [studentAdvisor] },
      { trackId: 'ai-trainer', others: [other({ advisor, contestants: [student] })] },
    );
    expect(outcomes(employeeNotStudentAdvisor, ctx)).toEqual([['passed', 'NO_EMPLOYEE_ADVISES_STUDENTS']]);
  });

  it('checks only the entry itself when no other entries are given (a draft)', () => {
    expect(outcomes(advisorNotContestant, context({ advisor, contestants: [student] }))).toEqual([
      ['passed', 'ADVISOR_NOT_CONTESTANT'],
    ]);
  });
});

describe('rules per track', () => {
  it('applies the rules the edition lists for the track, in its order', () => {
    const elder = { contestants: [contestant({ birthDate: '1950-01-01' }), contestant()] };
    expect([...new Set(runRules(context(elder, { trackId: 'ai-trainer' })).map((f) => f.rule))]).toEqual([
      'minimum-age',
      'employee-qualification',
      'employee-not-student-advisor',
    ]);
    expect([
      ...new Set(runRules(context({ contestants: [elder.contestants[0]!] })).map((f) => f.rule)),
    ]).toEqual([
      'minimum-age',
      'retirement-age',
      'employee-qualification',
      'exclusions',
      'advisor-not-contestant',
      'employee-not-student-advisor',
    ]);
  });
});

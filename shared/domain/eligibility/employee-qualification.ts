import { cite, finding, type Rule, who } from './findings.ts';

const RULE = 'employee-qualification';

/**
 * Employees need national level 4 (中级工) or better, or else at least 5 years in the trade (五年以上 includes
 * five). The form has no field for the years; an entry that gives neither a sufficient level nor the years goes
 * to review rather than failing.
 */
export const employeeQualification: Rule = ({ edition, track, entry }) => {
  const { employeeLevelAtMost: level, employeeYearsInTradeAtLeast: years } = track.eligibility;
  const clause = `以职工身份参赛的一般应具有相应职业（工种）国家职业技能标准${levelName(level)}及以上职业资格或技能等级，对未取得相应等级职业资格或技能等级的，原则上应从事本职业（工种）工作${years}年以上`;
  return entry.contestants.flatMap((c, i) => {
    if (c.identity !== 'employee') return [];
    const person = who(i);
    const about = { contestantIndex: i };
    if (c.qualificationLevel !== null && c.qualificationLevel <= level) {
      return [
        finding(
          RULE,
          'passed',
          'QUALIFICATION_LEVEL_OK',
          {
            zh: `${person.zh}具有${levelName(c.qualificationLevel)}职业资格或技能等级，符合${cite(edition, clause)}的要求。`,
            en: `${person.en} holds national level ${c.qualificationLevel}, level ${level} or better as the notice requires of employees.`,
          },
          about,
        ),
      ];
    }
    const held =
      c.qualificationLevel === null ? '未取得职业资格或技能等级' : `仅具有${levelName(c.qualificationLevel)}`;
    const heldEn =
      c.qualificationLevel === null ? 'holds no national level' : `holds only level ${c.qualificationLevel}`;
    if (c.yearsInTrade === undefined) {
      return [
        finding(
          RULE,
          'review',
          'YEARS_IN_TRADE_UNDECLARED',
          {
            zh: `${person.zh}${held}，报名未填写从事本职业（工种）的年限，请大赛执委会核实是否满${years}年（${cite(edition, clause)}）。`,
            en: `${person.en} ${heldEn} and the entry gives no years in the trade; the secretariat checks whether they reach ${years}.`,
          },
          about,
        ),
      ];
    }
    return c.yearsInTrade >= years
      ? [
          finding(
            RULE,
            'passed',
            'YEARS_IN_TRADE_OK',
            {
              zh: `${person.zh}${held}，但从事本职业（工种）工作${c.yearsInTrade}年，符合${cite(edition, clause)}的要求。`,
              en: `${person.en} ${heldEn} but has ${c.yearsInTrade} years in the trade, at least ${years} as the notice requires.`,
            },
            about,
          ),
        ]
      : [
          finding(
            RULE,
            'failed',
            'QUALIFICATION_INSUFFICIENT',
            {
              zh: `${person.zh}${held}，从事本职业（工种）工作仅${c.yearsInTrade}年，不满${years}年，不符合${cite(edition, clause)}的规定。`,
              en: `${person.en} ${heldEn} and has ${c.yearsInTrade} years in the trade, fewer than the ${years} the notice requires without level ${level}.`,
            },
            about,
          ),
        ];
  });
};

const levelNames: Record<number, string> = {
  1: '一级（高级技师）',
  2: '二级（技师）',
  3: '三级（高级工）',
  4: '四级（中级工）',
  5: '五级（初级工）',
};
const levelName = (level: number) => levelNames[level] ?? `${level}级`;

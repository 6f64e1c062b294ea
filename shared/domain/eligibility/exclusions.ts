import type { Declarations } from '../registration-input.ts';
import { cite, finding, type Rule, type Texts, who } from './findings.ts';

const RULE = 'exclusions';
const CLAUSE =
  '以下人员不得报名参赛：（1）已获得“中华技能大奖”、“全国技术能手”人员；（2）中华人民共和国第二届职业技能大赛人工智能工程技术、人工智能训练项目专家组成员、教练组、参赛选手';

/** What a contestant may declare that excludes them, and how the finding names it. */
const declaredExclusions: Array<{ key: keyof Declarations; code: string; what: Texts }> = [
  {
    key: 'chinaSkillsAward',
    code: 'EXCLUDED_CHINA_SKILLS_AWARD',
    what: { zh: '“中华技能大奖”获得者', en: 'a holder of the China Skills Award' },
  },
  {
    key: 'nationalTechnicalExpert',
    code: 'EXCLUDED_NATIONAL_TECHNICAL_EXPERT',
    what: { zh: '“全国技术能手”', en: 'a National Technical Expert' },
  },
  {
    key: 'secondNationalCompetitionAiRole',
    code: 'EXCLUDED_SECOND_NATIONAL_COMPETITION',
    what: {
      zh: '中华人民共和国第二届职业技能大赛人工智能工程技术、人工智能训练项目的专家、教练或选手',
      en: 'an expert, coach or contestant of the AI projects of the 2nd national vocational skills competition',
    },
  },
];

/** Excluded people: by their own declarations, and by the secretariat's uploaded list of ID numbers. */
export const exclusions: Rule = ({ edition, entry, excludedContestants }) =>
  entry.contestants.flatMap((c, i) => {
    const person = who(i);
    const about = { contestantIndex: i };
    const reasons = declaredExclusions
      .filter((d) => c.declarations?.[d.key] === true)
      .map((d) => ({ code: d.code, zh: `声明为${d.what.zh}`, en: `declares being ${d.what.en}` }));
    if (excludedContestants.has(i)) {
      reasons.push({
        code: 'EXCLUDED_BY_LIST',
        zh: '身份证号在大赛执委会公布的不得参赛人员名单中',
        en: "has an ID number on the secretariat's exclusion list",
      });
    }
    if (reasons.length === 0) {
      return [
        finding(
          RULE,
          'passed',
          'NOT_EXCLUDED',
          {
            zh: `${person.zh}未声明且不在不得参赛人员名单中，符合${cite(edition, CLAUSE)}的规定。`,
            en: `${person.en} declares no excluding title or role and is not on the exclusion list.`,
          },
          about,
        ),
      ];
    }
    return reasons.map((r) =>
      finding(
        RULE,
        'failed',
        r.code,
        {
          zh: `${person.zh}${r.zh}，不符合${cite(edition, CLAUSE)}的规定。`,
          en: `${person.en} ${r.en}; the notice excludes such people.`,
        },
        about,
      ),
    );
  });

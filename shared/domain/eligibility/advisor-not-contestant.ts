import { conflictsAnsweredBy } from './cross-entry.ts';
import { cite, finding, type Rule, who } from './findings.ts';
import { samePerson } from './people.ts';

const RULE = 'advisor-not-contestant';
const CLAUSE = '指导教师不能以选手身份参赛';

/**
 * 指导教师不能以选手身份参赛. Within one entry the same name and phone is certainly one person: it fails.
 * Across entries a name and phone match is probable but not proven (advisors give no ID number): it goes to the
 * secretariat's review on the entry that made the match (cross-entry.ts). Messages never name the other entry,
 * which may be another unit's; the finding's relatedRegistrationId tells the secretariat which it is.
 */
export const advisorNotContestant: Rule = ({ edition, entry, others }) => {
  const findings = entry.contestants.flatMap((c, i) =>
    samePerson(entry.advisor, c)
      ? [
          finding(
            RULE,
            'failed',
            'ADVISOR_IS_OWN_CONTESTANT',
            {
              zh: `${who(i).zh}同时是本报名的指导教师，不符合${cite(edition, CLAUSE)}的规定。`,
              en: `${who(i).en} is also this entry's advisor; the notice forbids advisors competing.`,
            },
            { contestantIndex: i },
          ),
        ]
      : [],
  );
  for (const other of conflictsAnsweredBy(entry, others)) {
    const related = { relatedRegistrationId: other.registrationId };
    if (other.contestants.some((c) => samePerson(entry.advisor, c))) {
      findings.push(
        finding(
          RULE,
          'review',
          'ADVISOR_IS_CONTESTANT_ELSEWHERE',
          {
            zh: `本报名的指导教师与同赛项另一报名的选手姓名、手机号相同，请大赛执委会核实（${cite(edition, CLAUSE)}）。`,
            en: `This entry's advisor has the name and phone of a contestant of another entry of the track; the secretariat checks it.`,
          },
          related,
        ),
      );
    }
    entry.contestants.forEach((c, i) => {
      if (!samePerson(other.advisor, c)) return;
      findings.push(
        finding(
          RULE,
          'review',
          'CONTESTANT_IS_ADVISOR_ELSEWHERE',
          {
            zh: `${who(i).zh}与同赛项另一报名的指导教师姓名、手机号相同，请大赛执委会核实（${cite(edition, CLAUSE)}）。`,
            en: `${who(i).en} has the name and phone of the advisor of another entry of the track; the secretariat checks it.`,
          },
          { contestantIndex: i, ...related },
        ),
      );
    });
  }
  if (findings.length > 0) return findings;
  return [
    finding(RULE, 'passed', 'ADVISOR_NOT_CONTESTANT', {
      zh: `未发现指导教师同时以选手身份参赛，符合${cite(edition, CLAUSE)}的规定。`,
      en: 'No advisor of this entry competes, and no contestant of it advises another entry of the track.',
    }),
  ];
};

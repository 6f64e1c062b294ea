import { conflictsAnsweredBy } from './cross-entry.ts';
import { finding, type Rule } from './findings.ts';
import { samePerson } from './people.ts';

const RULE = 'advisor-not-contestant';

/**
 * 指导教师不能以选手身份参赛. Within one entry the same name and phone is certainly one person: it fails.
 * Across entries a name and phone match is probable but not proven (advisors give no ID number): it goes to the
 * secretariat's review on the entry that made the match (cross-entry.ts). Messages never name the other entry,
 * which may be another unit's; the finding's relatedRegistrationId tells the secretariat which it is.
 */
export const advisorNotContestant: Rule = ({ edition, entry, others }) => {
  const cites = { notice: edition.notice };
  const findings = entry.contestants.flatMap((c, i) =>
    samePerson(entry.advisor, c)
      ? [finding(RULE, 'failed', 'ADVISOR_IS_OWN_CONTESTANT', cites, { contestantIndex: i })]
      : [],
  );
  for (const other of conflictsAnsweredBy(entry, others)) {
    const related = { relatedRegistrationId: other.registrationId };
    if (other.contestants.some((c) => samePerson(entry.advisor, c))) {
      findings.push(finding(RULE, 'review', 'ADVISOR_IS_CONTESTANT_ELSEWHERE', cites, related));
    }
    entry.contestants.forEach((c, i) => {
      if (!samePerson(other.advisor, c)) return;
      findings.push(
        finding(RULE, 'review', 'CONTESTANT_IS_ADVISOR_ELSEWHERE', cites, { contestantIndex: i, ...related }),
      );
    });
  }
  if (findings.length > 0) return findings;
  return [finding(RULE, 'passed', 'ADVISOR_NOT_CONTESTANT', cites)];
};

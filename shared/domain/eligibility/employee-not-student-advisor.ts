import { conflictsAnsweredBy } from './cross-entry.ts';
import { type EntryPeople, finding, type Rule } from './findings.ts';
import { advisesStudents, samePerson } from './people.ts';

const RULE = 'employee-not-student-advisor';

const employeeMatching = (entry: EntryPeople, advisor: EntryPeople['advisor']) =>
  entry.contestants.flatMap((c, i) => (c.identity === 'employee' && samePerson(advisor, c) ? [i] : []));

/**
 * An employee contestant may not advise a student contestant of the same track. Certain within one entry
 * (fails); across entries matched by name and phone only, so it goes to review on the entry that made the match
 * (cross-entry.ts), in messages that never name the other entry.
 */
export const employeeNotStudentAdvisor: Rule = ({ edition, entry, others }) => {
  const cites = { notice: edition.notice };
  const findings = advisesStudents(entry)
    ? employeeMatching(entry, entry.advisor).map((i) =>
        finding(RULE, 'failed', 'EMPLOYEE_ADVISES_OWN_STUDENT', cites, { contestantIndex: i }),
      )
    : [];
  for (const other of conflictsAnsweredBy(entry, others)) {
    const related = { relatedRegistrationId: other.registrationId };
    if (advisesStudents(other)) {
      for (const i of employeeMatching(entry, other.advisor)) {
        findings.push(
          finding(RULE, 'review', 'EMPLOYEE_ADVISES_STUDENT_ELSEWHERE', cites, {
            contestantIndex: i,
            ...related,
          }),
        );
      }
    }
    if (advisesStudents(entry) && employeeMatching(other, entry.advisor).length > 0) {
      findings.push(finding(RULE, 'review', 'ADVISOR_IS_EMPLOYEE_CONTESTANT_ELSEWHERE', cites, related));
    }
  }
  if (findings.length > 0) return findings;
  return [finding(RULE, 'passed', 'NO_EMPLOYEE_ADVISES_STUDENTS', cites)];
};

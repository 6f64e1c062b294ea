import { conflictsAnsweredBy } from './cross-entry.ts';
import { cite, type EntryPeople, finding, type Rule, who } from './findings.ts';
import { advisesStudents, samePerson } from './people.ts';

const RULE = 'employee-not-student-advisor';
const CLAUSE = '以职工身份参赛选手不得担任同一赛事中同一项目的学生参赛选手指导教师';

const employeeMatching = (entry: EntryPeople, advisor: EntryPeople['advisor']) =>
  entry.contestants.flatMap((c, i) => (c.identity === 'employee' && samePerson(advisor, c) ? [i] : []));

/**
 * An employee contestant may not advise a student contestant of the same track. Certain within one entry
 * (fails); across entries matched by name and phone only, so it goes to review on the entry that made the match
 * (cross-entry.ts), in messages that never name the other entry.
 */
export const employeeNotStudentAdvisor: Rule = ({ edition, entry, others }) => {
  const findings = advisesStudents(entry)
    ? employeeMatching(entry, entry.advisor).map((i) =>
        finding(
          RULE,
          'failed',
          'EMPLOYEE_ADVISES_OWN_STUDENT',
          {
            zh: `${who(i).zh}以职工身份参赛，同时担任本报名学生选手的指导教师，不符合${cite(edition, CLAUSE)}的规定。`,
            en: `${who(i).en} competes as an employee and advises this entry's student contestants, which the notice forbids.`,
          },
          { contestantIndex: i },
        ),
      )
    : [];
  for (const other of conflictsAnsweredBy(entry, others)) {
    const related = { relatedRegistrationId: other.registrationId };
    if (advisesStudents(other)) {
      for (const i of employeeMatching(entry, other.advisor)) {
        findings.push(
          finding(
            RULE,
            'review',
            'EMPLOYEE_ADVISES_STUDENT_ELSEWHERE',
            {
              zh: `${who(i).zh}以职工身份参赛，与同赛项另一报名学生选手的指导教师姓名、手机号相同，请大赛执委会核实（${cite(edition, CLAUSE)}）。`,
              en: `${who(i).en} competes as an employee and has the name and phone of the advisor of student contestants in another entry of the track; the secretariat checks it.`,
            },
            { contestantIndex: i, ...related },
          ),
        );
      }
    }
    if (advisesStudents(entry) && employeeMatching(other, entry.advisor).length > 0) {
      findings.push(
        finding(
          RULE,
          'review',
          'ADVISOR_IS_EMPLOYEE_CONTESTANT_ELSEWHERE',
          {
            zh: `本报名学生选手的指导教师与同赛项另一报名的职工身份选手姓名、手机号相同，请大赛执委会核实（${cite(edition, CLAUSE)}）。`,
            en: `The advisor of this entry's students has the name and phone of an employee contestant of another entry of the track; the secretariat checks it.`,
          },
          related,
        ),
      );
    }
  }
  if (findings.length > 0) return findings;
  return [
    finding(RULE, 'passed', 'NO_EMPLOYEE_ADVISES_STUDENTS', {
      zh: `未发现职工身份选手担任学生选手的指导教师，符合${cite(edition, CLAUSE)}的规定。`,
      en: 'No employee contestant of this entry advises students, and this entry is advised by no employee contestant of the track.',
    }),
  ];
};

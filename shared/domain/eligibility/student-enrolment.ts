import { cite, finding, type Rule, who } from './findings.ts';

const RULE = 'student-enrolment';
const CLAUSE = '以学生身份参赛的，应为重庆各类院校全日制在校在籍学生';

/**
 * Students must be full-time, enrolled students of a Chongqing institution. The system cannot see enrolment,
 * so it takes the entry's declaration: declared no fails, not declared goes to review, and a student entered by
 * an enterprise (not a school) goes to review even when declared.
 */
export const studentEnrolment: Rule = ({ edition, entry, unitKind }) =>
  entry.contestants.flatMap((c, i) => {
    if (c.identity !== 'student') return [];
    const person = who(i);
    const about = { contestantIndex: i };
    const declared = c.declarations?.fullTimeEnrolledInChongqing;
    if (declared === false) {
      return [
        finding(
          RULE,
          'failed',
          'STUDENT_NOT_ENROLLED',
          {
            zh: `${person.zh}声明不是重庆各类院校全日制在校在籍学生，不符合${cite(edition, CLAUSE)}的规定。`,
            en: `${person.en} declares not being a full-time enrolled student of a Chongqing institution, which the notice requires of student contestants.`,
          },
          about,
        ),
      ];
    }
    if (declared === undefined) {
      return [
        finding(
          RULE,
          'review',
          'STUDENT_ENROLMENT_UNDECLARED',
          {
            zh: `${person.zh}以学生身份参赛，但报名未声明其为重庆各类院校全日制在校在籍学生，请大赛执委会核实（${cite(edition, CLAUSE)}）。`,
            en: `${person.en} enters as a student but the entry does not declare full-time enrolment at a Chongqing institution; the secretariat checks it.`,
          },
          about,
        ),
      ];
    }
    if (unitKind === 'enterprise') {
      return [
        finding(
          RULE,
          'review',
          'STUDENT_FROM_ENTERPRISE',
          {
            zh: `${person.zh}以学生身份参赛，却由企业单位报名，请大赛执委会核实其在校在籍情况（${cite(edition, CLAUSE)}）。`,
            en: `${person.en} enters as a student but is registered by an enterprise, not a school; the secretariat checks the enrolment.`,
          },
          about,
        ),
      ];
    }
    return [
      finding(
        RULE,
        'passed',
        'STUDENT_ENROLLED',
        {
          zh: `${person.zh}声明为重庆各类院校全日制在校在籍学生，符合${cite(edition, CLAUSE)}的要求。`,
          en: `${person.en} declares full-time enrolment at a Chongqing institution, as the notice requires of students.`,
        },
        about,
      ),
    ];
  });

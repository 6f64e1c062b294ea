import { finding, type Rule } from './findings.ts';

const RULE = 'student-enrolment';

/**
 * Students must be full-time, enrolled students of a Chongqing institution (以学生身份参赛的，应为重庆各类院校
 * 全日制在校在籍学生). The system cannot see enrolment, so it takes the entry's declaration: declared no fails,
 * not declared goes to review, and a student entered by an enterprise (not a school) goes to review even when
 * declared.
 */
export const studentEnrolment: Rule = ({ edition, entry, unitKind }) =>
  entry.contestants.flatMap((c, i) => {
    if (c.identity !== 'student') return [];
    const about = { contestantIndex: i };
    const cites = { notice: edition.notice };
    const declared = c.declarations?.fullTimeEnrolledInChongqing;
    if (declared === false) return [finding(RULE, 'failed', 'STUDENT_NOT_ENROLLED', cites, about)];
    if (declared === undefined) {
      return [finding(RULE, 'review', 'STUDENT_ENROLMENT_UNDECLARED', cites, about)];
    }
    if (unitKind === 'enterprise') return [finding(RULE, 'review', 'STUDENT_FROM_ENTERPRISE', cites, about)];
    return [finding(RULE, 'passed', 'STUDENT_ENROLLED', cites, about)];
  });

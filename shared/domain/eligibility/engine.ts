/**
 * The rule engine: the track names its rules (edition data), each rule is one module, and the findings decide
 * the status: any failure fails; otherwise any finding under review not yet approved by the secretariat
 * reviews; otherwise the entry passes.
 */
import type { EligibilityRuleId } from '../edition.ts';
import type { EligibilityFinding, EligibilityReview, EligibilityStatus } from '../registration.ts';
import { advisorNotContestant } from './advisor-not-contestant.ts';
import { employeeNotStudentAdvisor } from './employee-not-student-advisor.ts';
import { employeeQualification } from './employee-qualification.ts';
import { exclusions } from './exclusions.ts';
import type { Rule, RuleContext } from './findings.ts';
import { minimumAge } from './minimum-age.ts';
import { retirementAge } from './retirement-age.ts';
import { studentEnrolment } from './student-enrolment.ts';

const rules: Record<EligibilityRuleId, Rule> = {
  'minimum-age': minimumAge,
  'retirement-age': retirementAge,
  'student-enrolment': studentEnrolment,
  'employee-qualification': employeeQualification,
  exclusions,
  'advisor-not-contestant': advisorNotContestant,
  'employee-not-student-advisor': employeeNotStudentAdvisor,
};

/** Every finding of the track's rules, in the order the edition lists them. */
export const runRules = (ctx: RuleContext): EligibilityFinding[] =>
  ctx.track.eligibility.rules.flatMap((id) => rules[id](ctx));

/** Identifies a finding across evaluations of the same entry version (what an approval covers). */
export const findingKey = (f: EligibilityFinding): string =>
  [f.rule, f.code, f.contestantIndex ?? '', f.relatedRegistrationId ?? ''].join('|');

/** The findings under review that the secretariat's decision has not approved. */
export function openReviews(
  findings: readonly EligibilityFinding[],
  review?: EligibilityReview,
): EligibilityFinding[] {
  const approved = new Set(review?.decision === 'approve' ? review.findings : []);
  return findings.filter((f) => f.outcome === 'review' && !approved.has(findingKey(f)));
}

export function judge(
  findings: readonly EligibilityFinding[],
  review?: EligibilityReview,
): EligibilityStatus {
  if (findings.some((f) => f.outcome === 'failed')) return 'failed';
  return openReviews(findings, review).length > 0 ? 'review' : 'passed';
}

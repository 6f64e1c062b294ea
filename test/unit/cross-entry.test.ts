/**
 * Conflicts between entries (issue 10, defect 1): which entry answers for one, when an entry's people changed,
 * what the closing leaves to the secretariat, and what a unit reads of them.
 */
import { describe, expect, it } from 'vitest';
import { awaitsCrossEntryDecision } from '#shared/domain/eligibility/awaiting-decision.ts';
import { answersForConflict } from '#shared/domain/eligibility/cross-entry.ts';
import { findingKey } from '#shared/domain/eligibility/engine.ts';
import { finding } from '#shared/domain/eligibility/findings.ts';
import { closingNoticeMail, closingReportMail } from '#shared/domain/mail/templates.ts';
import {
  amend,
  type EligibilityFinding,
  type EligibilityReview,
  type Registration,
  submit,
} from '#shared/domain/registration.ts';
import type { RegistrationInput } from '#shared/domain/registration-input.ts';
import { asSeenBy } from '#shared/domain/views.ts';
import { validContestant } from '../support/contestants.ts';
import { edition2023, secretariatMember, unitPrincipal } from '../support/fake-ports.ts';

const SUBMITTED_AT = '2023-09-01T01:00:00.000Z';
const AMENDED_AT = '2023-09-22T15:55:00.000Z';
const notice = '渝经信发〔2023〕59号';
const undeclaredPost = { notice, on: '2023-10-13', workerMonths: 600, cadreMonths: 660 };
const conflict = finding(
  'advisor-not-contestant',
  'review',
  'ADVISOR_IS_CONTESTANT_ELSEWHERE',
  { notice },
  {
    relatedRegistrationId: 'reg_other_unit',
  },
);
const retirement = finding('retirement-age', 'review', 'RETIREMENT_POST_UNDECLARED', undeclaredPost, {
  contestantIndex: 0,
});

const input = (overrides: Partial<RegistrationInput> = {}): RegistrationInput => ({
  trackId: 'machine-vision',
  groupId: 'open',
  leader: { name: '王领队', phone: '13700001234' },
  contestants: [validContestant({ identity: 'student', qualificationLevel: null })],
  ...overrides,
});

const submitted = (registrationId = 'reg_a') =>
  submit(
    input(),
    { registrationId, competitionId: 'bayu-2023', unitId: 'unit_a' },
    { actor: 'unit_a' },
    SUBMITTED_AT,
  ).registration;

/** The secretariat's approval of these findings. */
const approvalOf = (findings: EligibilityFinding[], reason: string): EligibilityReview => ({
  decision: 'approve',
  reason,
  actor: 'secretariat',
  at: SUBMITTED_AT,
  findings: findings.map(findingKey),
});

/** An entry whose photos are accepted and whose evaluation of its current people holds these findings. */
function evaluated(findings = [conflict], review?: Registration['eligibility']['review']): Registration {
  const r = submitted();
  return {
    ...r,
    contestants: r.contestants.map((c) => ({ ...c, photo: { status: 'accepted', reasons: [] } })),
    eligibility: { status: 'review', findings, entryVersion: r.entryVersion, ...(review ? { review } : {}) },
  };
}

describe('which of two entries answers for a conflict', () => {
  const entry = (registrationId: string, peopleChangedAt?: string) => ({
    registrationId,
    contestants: [],
    createdAt: SUBMITTED_AT,
    ...(peopleChangedAt ? { peopleChangedAt } : {}),
  });

  it('is the one whose people changed later, whichever unit it belongs to', () => {
    expect(answersForConflict(entry('reg_a', AMENDED_AT), entry('reg_b'))).toBe(true);
    expect(answersForConflict(entry('reg_b'), entry('reg_a', AMENDED_AT))).toBe(false);
  });

  it('is the larger id at the same instant, so exactly one answers', () => {
    expect(answersForConflict(entry('reg_b'), entry('reg_a'))).toBe(true);
    expect(answersForConflict(entry('reg_a'), entry('reg_b'))).toBe(false);
  });

  it('is a draft, which has no id or instant yet', () => {
    expect(answersForConflict({ contestants: [] }, entry('reg_b'))).toBe(true);
  });
});

describe("an entry's people changing", () => {
  it('is recorded on submission, and moved by an amendment only when the advisor or contestants change', () => {
    const r = submitted();
    expect(r.peopleChangedAt).toBe(SUBMITTED_AT);
    const newLeader = amend(
      r,
      input({ leader: { name: '李领队', phone: '13700005678' } }),
      { actor: 'unit_a' },
      AMENDED_AT,
    );
    expect(newLeader.registration.peopleChangedAt).toBe(SUBMITTED_AT);
    const newAdvisor = amend(
      r,
      input({ advisor: { name: '张伟', phone: '13800001111' } }),
      { actor: 'unit_a' },
      AMENDED_AT,
    );
    expect(newAdvisor.registration.peopleChangedAt).toBe(AMENDED_AT);
  });

  it('counts from submission on an entry stored before the instant was recorded', () => {
    const { peopleChangedAt: _absent, ...old } = submitted();
    expect(amend(old, input(), { actor: 'unit_a' }, AMENDED_AT).registration.peopleChangedAt).toBe(
      SUBMITTED_AT,
    );
  });
});

describe('what the closing leaves to the secretariat', () => {
  it('is an entry whose only open item is a review of a conflict with another entry', () => {
    expect(awaitsCrossEntryDecision(evaluated())).toBe(true);
  });

  it('counts a review the secretariat already approved as settled', () => {
    const approved = approvalOf([retirement], '干部岗位');
    expect(awaitsCrossEntryDecision(evaluated([conflict, retirement], approved))).toBe(true);
  });

  it.each([
    ['another review is open', evaluated([conflict, retirement])],
    ['a photo is missing', { ...evaluated(), contestants: submitted().contestants }],
    ['the evaluation is of older people', { ...evaluated(), entryVersion: 2 }],
    ['it is complete', { ...evaluated(), status: 'complete' as const }],
    [
      'nothing is under review',
      { ...evaluated([]), eligibility: { status: 'passed' as const, findings: [] } },
    ],
  ])('is not an entry where %s', (_label, r) => {
    expect(awaitsCrossEntryDecision(r as Registration)).toBe(false);
  });

  it('is named in the closing report and in its unit’s closing notice', () => {
    const edition = edition2023();
    const track = edition.tracks.find((t) => t.id === 'machine-vision')!;
    const r = evaluated();
    const report = closingReportMail(edition, track, {
      counts: { submitted: 1, complete: 0, rejected: 0, withdrawn: 0, expired: 0 },
      byGroupAndUnit: [],
      expired: [],
      awaitingDecision: [{ unitName: '重庆测试学院', registration: r }],
      waiting: [],
    });
    expect(report.text).toContain('待大赛执委会复核的报名（1）');
    expect(report.text).toContain(r.registrationId);
    const notice = closingNoticeMail({ edition, track, unitName: '重庆测试学院' }, [r]);
    expect(notice.text).toContain('待大赛执委会复核');
    expect(notice.text).not.toContain('reg_other_unit');
  });
});

describe('a cross-entry finding as read', () => {
  it("by a unit names no other entry; by the secretariat, it names the other entry's id", () => {
    const approval = approvalOf([conflict], '经核实为同名同号的不同人员');
    const r = evaluated([conflict], approval);
    const asUnit = asSeenBy(unitPrincipal('unit_a'), r);
    expect(JSON.stringify(asUnit)).not.toContain('reg_other_unit');
    expect(asUnit.eligibility.review).toMatchObject({ decision: 'approve', reason: approval.reason });
    expect(asSeenBy(secretariatMember, r).eligibility.findings).toEqual([
      expect.objectContaining({ relatedRegistrationId: 'reg_other_unit' }),
    ]);
  });
});

/**
 * The pure state changes of eligibility: storing an evaluation (idempotent, status following the findings) and
 * the secretariat's decision (an approval covers only the findings under review).
 */
import { describe, expect, it } from 'vitest';
import { decideReview, recordEvaluation } from '#shared/domain/eligibility/decisions.ts';
import { findingKey, judge } from '#shared/domain/eligibility/engine.ts';
import { finding } from '#shared/domain/eligibility/findings.ts';
import { AppError } from '#shared/domain/errors.ts';
import { type Registration, submit } from '#shared/domain/registration.ts';
import { validContestant } from '../support/contestants.ts';

const AT = '2023-09-01T01:00:00.000Z';
const LATER = '2023-09-02T01:00:00.000Z';
/** The secretariat member who decides. */
const MEMBER = { actor: 'acct_member', actorName: '王委员' };

function submitted(): Registration {
  return submit(
    {
      trackId: 'machine-vision',
      groupId: 'open',
      leader: { name: '王领队', phone: '13700001234' },
      contestants: [validContestant({ gender: 'female', birthDate: '1971-05-01' })],
    },
    { registrationId: 'reg_01', competitionId: 'bayu-2023', unitId: 'unit_01' },
    { actor: 'unit_01' },
    AT,
  ).registration;
}

const notice = '渝经信发〔2023〕59号';
const age = { notice, on: '2023-10-13', age: 52, min: 16 };
const undeclaredPost = { notice, on: '2023-10-13', workerMonths: 600, cadreMonths: 660 };
const passed = finding('minimum-age', 'passed', 'AGE_OK', age, { contestantIndex: 0 });
const review = finding('retirement-age', 'review', 'RETIREMENT_POST_UNDECLARED', undeclaredPost, {
  contestantIndex: 0,
});
const conflict = finding(
  'advisor-not-contestant',
  'review',
  'CONTESTANT_IS_ADVISOR_ELSEWHERE',
  { notice },
  {
    contestantIndex: 0,
    relatedRegistrationId: 'reg_02',
  },
);
const failed = finding('minimum-age', 'failed', 'AGE_BELOW_MINIMUM', age, { contestantIndex: 0 });

describe('judge', () => {
  it('fails on any failure, reviews on any unapproved review, passes otherwise', () => {
    expect(judge([passed])).toBe('passed');
    expect(judge([passed, review])).toBe('review');
    expect(judge([review, failed])).toBe('failed');
    const approval = {
      decision: 'approve' as const,
      reason: 'ok',
      actor: 'secretariat',
      at: AT,
      findings: [findingKey(review)],
    };
    expect(judge([passed, review], approval)).toBe('passed');
    expect(judge([passed, review, conflict], approval)).toBe('review');
    expect(judge([review, failed], approval)).toBe('failed');
  });
});

describe('recordEvaluation', () => {
  it('stores the findings with the entry version judged, as a new version with its history entry', () => {
    const change = recordEvaluation(submitted(), [passed], LATER)!;
    expect(change.registration).toMatchObject({
      status: 'submitted', // the photo is still missing
      version: 2,
      eligibility: { status: 'passed', findings: [passed], entryVersion: 1, evaluatedAt: LATER },
    });
    expect(change.history).toEqual({
      version: 2,
      action: 'eligibility-evaluated',
      actor: 'system',
      at: LATER,
      changedPaths: [
        '/eligibility/entryVersion',
        '/eligibility/evaluatedAt',
        '/eligibility/findings',
        '/eligibility/status',
      ],
    });
  });

  it('changes nothing when the same result is stored already, whatever the order of its keys', () => {
    const stored = recordEvaluation(submitted(), [passed], AT)!.registration;
    const reordered = {
      ...stored,
      eligibility: {
        ...stored.eligibility,
        findings: [
          { ...JSON.parse(JSON.stringify(passed, [...Object.keys(passed), ...Object.keys(age)].sort())) },
        ],
      },
    };
    expect(recordEvaluation(reordered, [passed], LATER)).toBeUndefined();
  });

  it('rejects on failure and completes when the photos are accepted too', () => {
    expect(recordEvaluation(submitted(), [failed], AT)!.registration.status).toBe('rejected');
    const photographed = {
      ...submitted(),
      contestants: submitted().contestants.map((c) => ({
        ...c,
        photo: { status: 'accepted' as const, reasons: [] },
      })),
    };
    expect(recordEvaluation(photographed, [passed], AT)!.registration.status).toBe('complete');
  });

  it('judges no inactive entry', () => {
    expect(recordEvaluation({ ...submitted(), status: 'withdrawn' }, [failed], AT)).toBeUndefined();
  });

  it('keeps an approval for the findings it covered, and reviews again on a new one', () => {
    const inReview = recordEvaluation(submitted(), [passed, review], AT)!.registration;
    const approved = decideReview(inReview, 'approve', '干部岗位', MEMBER, LATER).registration;
    expect(approved.eligibility.status).toBe('passed');
    expect(recordEvaluation(approved, [passed, review], LATER)).toBeUndefined();
    const reopened = recordEvaluation(approved, [passed, review, conflict], LATER)!.registration;
    expect(reopened.eligibility.status).toBe('review');
  });
});

describe('decideReview', () => {
  const inReview = () => recordEvaluation(submitted(), [passed, review], AT)!.registration;

  it('approves: passes, records who, when and why in the history', () => {
    const change = decideReview(inReview(), 'approve', '单位证明为干部岗位', MEMBER, LATER);
    expect(change.registration.eligibility).toMatchObject({
      status: 'passed',
      review: {
        decision: 'approve',
        reason: '单位证明为干部岗位',
        actor: MEMBER.actor,
        actorName: MEMBER.actorName,
        at: LATER,
        findings: [findingKey(review)],
      },
    });
    expect(change.registration.status).toBe('submitted');
    expect(change.history).toMatchObject({
      action: 'eligibility-reviewed',
      actor: MEMBER.actor,
      actorName: MEMBER.actorName,
      at: LATER,
      reason: '单位证明为干部岗位',
      changedPaths: ['/eligibility/review', '/eligibility/status'],
    });
  });

  it('rejects: the entry is rejected and its eligibility failed', () => {
    const change = decideReview(inReview(), 'reject', '超龄', MEMBER, LATER);
    expect(change.registration).toMatchObject({ status: 'rejected', eligibility: { status: 'failed' } });
  });

  it('cannot override a hard failure or decide an entry not in review', () => {
    const failing = recordEvaluation(submitted(), [review, failed], AT)!.registration;
    for (const r of [failing, submitted()]) {
      const error = (() => {
        try {
          decideReview(r, 'approve', 'x', MEMBER, LATER);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_STATE');
    }
  });
});

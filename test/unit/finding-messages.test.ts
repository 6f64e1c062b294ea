/**
 * Findings are stored as codes and parameters and rendered when read; entries stored before that keep their
 * text, and the API shows both exactly as it always has.
 */
import { describe, expect, it } from 'vitest';
import { findingTexts, renderFinding } from '#shared/domain/eligibility/messages.ts';
import { minimumAge } from '#shared/domain/eligibility/minimum-age.ts';
import type { EligibilityFinding } from '#shared/domain/registration.ts';
import { registrationView } from '#shared/domain/views.ts';
import { validContestant } from '../support/contestants.ts';
import { edition2023 } from '../support/fake-ports.ts';
import { storedRegistration } from '../support/registrations.ts';

const edition = edition2023();
const track = edition.tracks.find((t) => t.id === 'machine-vision')!;
const [underAge] = minimumAge({
  edition,
  track,
  entry: { contestants: [validContestant({ birthDate: '2007-10-14' })] },
  excludedContestants: new Set(),
});

/** A finding as entries stored it before findings carried parameters. */
const legacy: EligibilityFinding = {
  rule: 'minimum-age',
  outcome: 'failed',
  code: 'AGE_BELOW_MINIMUM',
  contestantIndex: 0,
  message:
    '第1名选手在2023-10-13（年龄计算日）未满16周岁（15周岁），不符合渝经信发〔2023〕59号“参赛人员须年满16周岁以上”的规定。',
  messageEn:
    'Contestant 1 is 15 on 2023-10-13 (the age reference date), under the minimum age of 16 the notice sets.',
};

describe('a stored finding', () => {
  it('holds its code and parameters, no text', () => {
    expect(underAge).toEqual({
      rule: 'minimum-age',
      outcome: 'failed',
      code: 'AGE_BELOW_MINIMUM',
      contestantIndex: 0,
      params: { notice: '渝经信发〔2023〕59号', on: '2023-10-13', age: 15, min: 16 },
    });
  });

  it('renders to the text the rule used to store, in the same fields and order', () => {
    expect(JSON.stringify(renderFinding(underAge!))).toBe(JSON.stringify(legacy));
  });

  it('stored with text before findings carried parameters reads as stored', () => {
    expect(renderFinding(legacy)).toEqual(legacy);
    const oldest = { rule: 'retirement-age', outcome: 'review' as const, message: '年龄需核实' };
    expect(renderFinding(oldest)).toEqual(oldest);
    expect(findingTexts(oldest)).toEqual({ message: '年龄需核实' });
  });

  it('is shown by the API with its messages and without its parameters', () => {
    const view = registrationView(
      storedRegistration({ eligibility: { status: 'failed', findings: [underAge!, legacy] } }),
    );
    expect(view.eligibility.findings).toEqual([legacy, legacy]);
  });
});

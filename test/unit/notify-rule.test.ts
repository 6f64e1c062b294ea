/**
 * The notify rule lets through only the evaluations that mail someone: a pass, the usual outcome, does not
 * invoke the function at all (infra/system.ts filters on the mailed outcomes).
 */
import { describe, expect, it } from 'vitest';
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { functions } from '#infra/system.ts';
import { matchesPattern } from '../../infra/local/event-pattern.ts';

const rule = functions
  .find((f) => f.name === 'notify')!
  .triggers.find((t) => t.kind === 'event' && t.rule === 'mail-on-eligibility-evaluated');

const evaluated = (status: 'passed' | 'failed' | 'review') => ({
  source: EligibilityEvaluated.source,
  'detail-type': EligibilityEvaluated.detailType,
  detail: {
    metadata: { id: 'e1', version: 1, occurredAt: '2023-09-01T01:00:00.000Z', correlationId: 'c1' },
    data: { registrationId: 'reg_1', status, decidedBy: 'rules', findings: [] },
  },
});

describe('the notify rule for EligibilityEvaluated', () => {
  it.each([
    ['passed', false],
    ['failed', true],
    ['review', true],
  ] as const)('an evaluation that %s invokes notify: %s', (status, invoked) => {
    if (rule?.kind !== 'event') throw new Error('notify has no mail-on-eligibility-evaluated rule');
    expect(matchesPattern(rule.pattern, evaluated(status))).toBe(invoked);
  });
});

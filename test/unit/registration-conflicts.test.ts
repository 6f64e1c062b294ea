/**
 * A unit's change without If-Match applies to the current version, even when a background check (eligibility)
 * stored its result between the use case's read and its write; with If-Match the conflict is the answer.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { submitRegistration, withdrawRegistration } from '#shared/use-cases/registrations.ts';
import { FixedClock, fakeRegistrationDeps, unitPrincipal } from '../support/fake-ports.ts';
import { machineVisionEntry } from '../support/local-api.ts';

const principal: Principal = unitPrincipal('unit_ent_1');

async function submittedEntry() {
  const { deps, registrations } = fakeRegistrationDeps(new FixedClock('2023-09-01T09:00:00+08:00'));
  const body = machineVisionEntry();
  const { registration } = await submitRegistration(deps, {
    principal,
    correlationId: 'c',
    competitionId: 'bayu-2023',
    body,
    rawBody: JSON.stringify(body),
  });
  // The first write loses the race once, as it would to a concurrent evaluation.
  registrations.update.mockRejectedValueOnce(new AppError('VERSION_CONFLICT', 'changed meanwhile'));
  return { deps, registrations, registrationId: registration.registrationId };
}

describe('a withdrawal racing a background check', () => {
  it('is retried on the current version when sent without If-Match', async () => {
    const { deps, registrations, registrationId } = await submittedEntry();
    await withdrawRegistration(deps, { principal, correlationId: 'c', registrationId });
    expect(registrations.update).toHaveBeenCalledTimes(2);
    expect((await registrations.get(registrationId))?.registration.status).toBe('withdrawn');
  });

  it('answers VERSION_CONFLICT when sent with If-Match', async () => {
    const { deps, registrations, registrationId } = await submittedEntry();
    await expect(
      withdrawRegistration(deps, { principal, correlationId: 'c', registrationId, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(registrations.update).toHaveBeenCalledTimes(1);
  });
});

/**
 * A unit's change applies to the current version even when a background check (eligibility, photos) stored its
 * result between the use case's read and its write, or since the version named by If-Match; a change by a person
 * since that version is a conflict.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { HistoryAction } from '#shared/domain/registration.ts';
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
  return { deps, registrations, registrationId: registration.registrationId };
}

/** Stores a next version of the entry as `action` would, behind the use case's back. */
function changedBy(
  registrations: Awaited<ReturnType<typeof submittedEntry>>['registrations'],
  registrationId: string,
  action: HistoryAction,
  actor: string,
) {
  const found = registrations.entries.get(registrationId)!;
  const version = found.registration.version + 1;
  found.registration = { ...found.registration, version };
  found.history.push({
    version,
    action,
    actor,
    at: '2023-09-01T01:05:00.000Z',
    changedPaths: ['/eligibility'],
  });
}

describe('a withdrawal racing a background check', () => {
  it('is retried on the current version when the write loses the race, with If-Match or without', async () => {
    for (const expectedVersion of [undefined, 1]) {
      const { deps, registrations, registrationId } = await submittedEntry();
      registrations.update.mockRejectedValueOnce(new AppError('VERSION_CONFLICT', 'changed meanwhile'));
      await withdrawRegistration(deps, {
        principal,
        correlationId: 'c',
        registrationId,
        ...(expectedVersion ? { expectedVersion } : {}),
      });
      expect(registrations.update).toHaveBeenCalledTimes(2);
      expect((await registrations.get(registrationId))?.registration.status).toBe('withdrawn');
    }
  });

  it('applies on a version older only by the checks’ results and the photo grants', async () => {
    const { deps, registrations, registrationId } = await submittedEntry();
    changedBy(registrations, registrationId, 'eligibility-evaluated', 'system');
    changedBy(registrations, registrationId, 'photo-upload-granted', 'unit_ent_1');
    changedBy(registrations, registrationId, 'photo-accepted', 'system');
    await withdrawRegistration(deps, { principal, correlationId: 'c', registrationId, expectedVersion: 1 });
    expect((await registrations.get(registrationId))?.registration.status).toBe('withdrawn');
  });

  it('answers VERSION_CONFLICT when a person changed the entry since the version of If-Match', async () => {
    for (const action of ['amended', 'eligibility-reviewed'] as const) {
      const { deps, registrations, registrationId } = await submittedEntry();
      changedBy(registrations, registrationId, 'eligibility-evaluated', 'system');
      changedBy(registrations, registrationId, action, 'acct_member');
      await expect(
        withdrawRegistration(deps, { principal, correlationId: 'c', registrationId, expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(registrations.update).not.toHaveBeenCalled();
    }
  });

  it('answers VERSION_CONFLICT for a version the history cannot account for', async () => {
    const { deps, registrations, registrationId } = await submittedEntry();
    changedBy(registrations, registrationId, 'eligibility-evaluated', 'system');
    for (const expectedVersion of [0, 3]) {
      await expect(
        withdrawRegistration(deps, { principal, correlationId: 'c', registrationId, expectedVersion }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    }
  });
});

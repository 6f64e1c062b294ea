/**
 * Registration opens at opensAt (inclusive) and closes at closesAt (exclusive), to the millisecond: first the
 * domain rule on the 2023 edition, then the use cases that enforce it before anything is stored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { findTrack, isTrackOpen, type Track } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import {
  amendRegistration,
  type RegistrationDeps,
  submitRegistration,
  withdrawRegistration,
} from '#shared/use-cases/registrations.ts';
import {
  edition2023,
  FixedClock,
  fakeRegistrationDeps,
  type InMemoryRegistrationStore,
  unitPrincipal,
} from '../support/fake-ports.ts';
import { aiTrainerEmployeeTeam, machineVisionEntry, person } from '../support/local-api.ts';

const edition = edition2023();
const track = (id: string): Track => findTrack(edition, id)!;

const TRACKS = [
  { trackId: 'machine-vision', closesAt: '2023-09-23T00:00:00+08:00', body: () => machineVisionEntry() },
  { trackId: 'ai-trainer', closesAt: '2023-09-29T00:00:00+08:00', body: () => aiTrainerEmployeeTeam() },
] as const;
const OPENS_AT = '2023-07-28T00:00:00+08:00';

const ms = (instant: string, deltaMs = 0) => Date.parse(instant) + deltaMs;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('isTrackOpen on the 2023 edition', () => {
  it('reads the closing instants of the notice', () => {
    expect(track('machine-vision').closesAt).toBe('2023-09-23T00:00:00+08:00');
    expect(track('ai-trainer').closesAt).toBe('2023-09-29T00:00:00+08:00');
    expect(ms(track('machine-vision').closesAt)).toBe(Date.UTC(2023, 8, 22, 16));
  });

  describe.each(TRACKS)('$trackId', ({ trackId, closesAt }) => {
    it.each([
      ['opensAt - 1 ms', OPENS_AT, -1, false],
      ['opensAt', OPENS_AT, 0, true],
      ['closesAt - 1 ms', closesAt, -1, true],
      ['closesAt', closesAt, 0, false],
      ['closesAt + 1 ms', closesAt, 1, false],
    ] as const)('at %s is %s', (_label, instant, delta, open) => {
      expect(isTrackOpen(track(trackId), ms(instant, delta))).toBe(open);
    });
  });
});

describe('the registration use cases at the deadline', () => {
  const principal: Principal = unitPrincipal('unit_ent_1');
  let clock: FixedClock;
  let deps: RegistrationDeps;
  let store: InMemoryRegistrationStore;

  beforeEach(() => {
    clock = new FixedClock(OPENS_AT);
    ({ deps, registrations: store } = fakeRegistrationDeps(clock));
  });

  const submitBody = (body: unknown) =>
    submitRegistration(deps, {
      principal,
      correlationId: 'corr-1',
      competitionId: 'bayu-2023',
      body,
      rawBody: JSON.stringify(body),
    });

  describe.each(TRACKS)('submitRegistration to $trackId', ({ trackId, closesAt, body }) => {
    it('stores the entry at closesAt - 1 ms', async () => {
      clock.set(ms(closesAt, -1));

      const { registration } = await submitBody(body());

      expect(store.create).toHaveBeenCalledTimes(1);
      expect(registration).toMatchObject({ trackId, status: 'submitted', version: 1 });
      expect(registration.createdAt).toBe(new Date(ms(closesAt, -1)).toISOString());
    });

    it.each([
      ['closesAt', 0],
      ['closesAt + 1 ms', 1],
    ])('refuses with REGISTRATION_CLOSED at %s without touching the store', async (_label, delta) => {
      clock.set(ms(closesAt, delta));

      const error = await rejection(submitBody(body()));

      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'REGISTRATION_CLOSED', status: 403 });
      expect((error as Error).message).toContain('closed');
      expect(store.create).not.toHaveBeenCalled();
    });

    it('refuses with REGISTRATION_CLOSED before opensAt', async () => {
      clock.set(ms(OPENS_AT, -1));

      const error = await rejection(submitBody(body()));

      expect(error).toMatchObject({ code: 'REGISTRATION_CLOSED' });
      expect((error as Error).message).toContain('opens');
      expect(store.create).not.toHaveBeenCalled();
    });

    it('refuses a closed track as closed even when the body has invalid fields', async () => {
      clock.set(ms(closesAt));
      const invalid = { ...(body() as Record<string, unknown>), contestants: [{ name: '' }] };

      const error = await rejection(submitBody(invalid));

      expect(error).toMatchObject({ code: 'REGISTRATION_CLOSED' });
      expect(store.create).not.toHaveBeenCalled();
    });
  });

  describe.each(TRACKS)('amend and withdraw on $trackId', ({ closesAt, body }) => {
    async function submittedEntry() {
      clock.set(ms(closesAt, -60_000));
      const original = body();
      const { registration } = await submitBody(original);
      return { registrationId: registration.registrationId, original };
    }

    const amendedBody = (original: ReturnType<typeof body>) => ({
      ...original,
      leader: { name: '王领队', phone: '13700009999' },
      contestants: original.contestants.map((c, i) => (i === 0 ? person() : c)),
    });

    it('amends and withdraws at closesAt - 1 ms', async () => {
      const { registrationId, original } = await submittedEntry();
      clock.set(ms(closesAt, -1));

      const amended = await amendRegistration(deps, {
        principal,
        correlationId: 'corr-2',
        registrationId,
        body: amendedBody(original),
      });
      await withdrawRegistration(deps, { principal, correlationId: 'corr-3', registrationId });

      expect(amended.version).toBe(2);
      expect(store.update).toHaveBeenCalledTimes(2);
      expect(store.entries.get(registrationId)?.registration).toMatchObject({
        status: 'withdrawn',
        version: 3,
      });
    });

    it.each([
      ['closesAt', 0],
      ['closesAt + 1 ms', 1],
    ])('refuses an amendment at %s', async (_label, delta) => {
      const { registrationId, original } = await submittedEntry();
      clock.set(ms(closesAt, delta));

      const error = await rejection(
        amendRegistration(deps, {
          principal,
          correlationId: 'corr-2',
          registrationId,
          body: amendedBody(original),
        }),
      );

      expect(error).toMatchObject({ code: 'REGISTRATION_CLOSED', status: 403 });
      expect(store.update).not.toHaveBeenCalled();
      expect(store.entries.get(registrationId)?.registration.version).toBe(1);
    });

    it.each([
      ['closesAt', 0],
      ['closesAt + 1 ms', 1],
    ])('refuses a withdrawal at %s', async (_label, delta) => {
      const { registrationId } = await submittedEntry();
      clock.set(ms(closesAt, delta));

      const error = await rejection(
        withdrawRegistration(deps, { principal, correlationId: 'c', registrationId }),
      );

      expect(error).toMatchObject({ code: 'REGISTRATION_CLOSED', status: 403 });
      expect(store.update).not.toHaveBeenCalled();
      expect(store.entries.get(registrationId)?.registration.status).toBe('submitted');
    });
  });
});

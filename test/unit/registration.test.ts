/**
 * The pure state changes of a registration: submit, amend, withdraw, and the change records they leave.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/domain/errors.ts';
import {
  amend,
  changedPaths,
  personChanges,
  type Registration,
  type RegistrationStatus,
  submit,
  withdraw,
} from '#shared/domain/registration.ts';
import type { ContestantInput, RegistrationInput } from '#shared/domain/registration-input.ts';
import { makeIdNumber } from '../support/id-numbers.ts';

const IDS = { registrationId: 'reg_01', competitionId: 'bayu-2023', unitId: 'unit_01' };
const SUBMITTED_AT = '2023-08-01T02:00:00.000Z';
const AMENDED_AT = '2023-08-02T03:00:00.000Z';

function contestant(sequence: number, overrides: Partial<ContestantInput> = {}): ContestantInput {
  return {
    name: '张伟明',
    gender: 'male',
    idNumber: makeIdNumber({ birthDate: '1990-05-17', sequence, gender: 'male' }),
    birthDate: '1990-05-17',
    education: 'bachelor',
    phone: `1390000${String(1000 + sequence)}`,
    address: '重庆市沙坪坝区大学城中路1号',
    postcode: '401331',
    identity: 'employee',
    qualificationLevel: 3,
    ...overrides,
  };
}

function aiTrainerInput(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    trackId: 'ai-trainer',
    groupId: 'employee',
    leader: { name: '王领队', phone: '13700001234' },
    contestants: [contestant(1), contestant(2)],
    ...overrides,
  };
}

/** A submitted entry whose checks have moved on: eligibility passed and the photos judged. */
function judgedRegistration(status: RegistrationStatus = 'complete'): Registration {
  const { registration } = submit(aiTrainerInput(), IDS, { actor: 'unit_01' }, SUBMITTED_AT);
  return {
    ...registration,
    status,
    eligibility: { status: 'passed', findings: [{ rule: 'age', outcome: 'passed', message: 'ok' }] },
    contestants: registration.contestants.map((c, i) => ({
      ...c,
      photo: i === 0 ? { status: 'accepted', reasons: [] } : { status: 'rejected', reasons: ['blurred'] },
    })),
  };
}

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('submit', () => {
  it('creates a submitted entry at version 1 with pending eligibility', () => {
    const input = aiTrainerInput();

    const { registration } = submit(input, IDS, { actor: 'unit_01' }, SUBMITTED_AT);

    expect(registration).toMatchObject({
      ...IDS,
      trackId: 'ai-trainer',
      groupId: 'employee',
      leader: input.leader,
      status: 'submitted',
      version: 1,
      eligibility: { status: 'pending', findings: [] },
      createdAt: SUBMITTED_AT,
      updatedAt: SUBMITTED_AT,
    });
    expect(registration).not.toHaveProperty('advisor');
  });

  it('marks every contestant photo as missing and keeps their fields', () => {
    const input = aiTrainerInput();

    const { registration } = submit(input, IDS, { actor: 'unit_01' }, SUBMITTED_AT);

    expect(registration.contestants).toEqual(
      input.contestants.map((c) => ({ ...c, photo: { status: 'missing', reasons: [] } })),
    );
  });

  it('keeps the advisor when one is given', () => {
    const advisor = { name: '陈老师', phone: '13600004321' };

    const { registration } = submit(aiTrainerInput({ advisor }), IDS, { actor: 'unit_01' }, SUBMITTED_AT);

    expect(registration.advisor).toEqual(advisor);
  });

  it('records a history entry for version 1 with the actor and no changed paths', () => {
    const { history } = submit(aiTrainerInput(), IDS, { actor: 'unit_01' }, SUBMITTED_AT);

    expect(history).toEqual({
      version: 1,
      action: 'submitted',
      actor: 'unit_01',
      at: SUBMITTED_AT,
      changedPaths: [],
    });
  });
});

describe('amend', () => {
  it('keeps the photos of contestants who stay, by ID number, and marks newcomers missing', () => {
    const existing = judgedRegistration();
    const [first, second] = existing.contestants;
    const newcomer = contestant(3);
    // The staying contestant comes second now and has a new phone: the photo follows the ID number.
    const staying = { ...contestant(1), phone: '13911112222' };

    const { registration } = amend(
      existing,
      aiTrainerInput({ contestants: [newcomer, staying] }),
      { actor: 'unit_01' },
      AMENDED_AT,
    );

    expect(registration.contestants.map((c) => [c.idNumber, c.photo])).toEqual([
      [newcomer.idNumber, { status: 'missing', reasons: [] }],
      [first!.idNumber, { status: 'accepted', reasons: [] }],
    ]);
    expect(registration.contestants.map((c) => c.idNumber)).not.toContain(second!.idNumber);
    expect(registration.contestants[1]!.phone).toBe('13911112222');
  });

  it('resets eligibility and status, bumps the version and keeps identity and creation time', () => {
    const existing = { ...judgedRegistration('complete'), version: 4 };

    const { registration } = amend(existing, aiTrainerInput(), { actor: 'unit_01' }, AMENDED_AT);

    expect(registration).toMatchObject({
      ...IDS,
      status: 'submitted',
      eligibility: { status: 'pending', findings: [] },
      version: 5,
      createdAt: SUBMITTED_AT,
      updatedAt: AMENDED_AT,
    });
  });

  it('drops an advisor the amendment no longer names and sets one it adds', () => {
    const withAdvisor = submit(
      aiTrainerInput({ advisor: { name: '陈老师', phone: '13600004321' } }),
      IDS,
      { actor: 'unit_01' },
      SUBMITTED_AT,
    ).registration;
    const advisor = { name: '李老师', phone: '13600009999' };

    const removed = amend(withAdvisor, aiTrainerInput(), { actor: 'unit_01' }, AMENDED_AT).registration;
    const replaced = amend(
      withAdvisor,
      aiTrainerInput({ advisor }),
      { actor: 'unit_01' },
      AMENDED_AT,
    ).registration;

    expect(removed).not.toHaveProperty('advisor');
    expect(replaced.advisor).toEqual(advisor);
  });

  it('records the changed people as JSON pointers without their values', () => {
    const existing = judgedRegistration();
    const input = aiTrainerInput({
      leader: { name: '王领队', phone: '13799998888' },
      contestants: [contestant(1), contestant(3)],
    });

    const { history } = amend(existing, input, { actor: 'unit_01' }, AMENDED_AT);

    expect(history).toMatchObject({ version: 2, action: 'amended', actor: 'unit_01', at: AMENDED_AT });
    expect(history.changedPaths).toEqual([
      '/contestants/1/idNumber',
      '/contestants/1/phone',
      '/leader/phone',
    ]);
    const recorded = JSON.stringify(history);
    expect(recorded).not.toContain('13799998888');
    expect(recorded).not.toContain(contestant(3).idNumber);
    expect(recorded).not.toContain('photo');
  });

  it('records no changed path for an amendment that changes nothing', () => {
    const existing = submit(aiTrainerInput(), IDS, { actor: 'unit_01' }, SUBMITTED_AT).registration;

    const { history } = amend(existing, aiTrainerInput(), { actor: 'unit_01' }, AMENDED_AT);

    expect(history.changedPaths).toEqual([]);
  });

  it.each([
    ['trackId', { trackId: 'machine-vision' }, ['/trackId']],
    ['groupId', { groupId: 'student' }, ['/groupId']],
    ['both', { trackId: 'machine-vision', groupId: 'open' }, ['/trackId', '/groupId']],
  ] as const)('refuses to change %s with IMMUTABLE_FIELD errors', (_name, overrides, paths) => {
    const existing = judgedRegistration();

    const error = catchError(() =>
      amend(existing, aiTrainerInput(overrides), { actor: 'unit_01' }, AMENDED_AT),
    );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
    expect((error as AppError).errors).toEqual(
      paths.map((path) => ({ path, code: 'IMMUTABLE_FIELD', message: expect.any(String) })),
    );
  });

  it.each(['withdrawn', 'rejected', 'expired'] as const)(
    'refuses a %s entry with INVALID_STATE',
    (status) => {
      const existing = judgedRegistration(status);

      const error = catchError(() => amend(existing, aiTrainerInput(), { actor: 'unit_01' }, AMENDED_AT));

      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'INVALID_STATE', status: 409 });
    },
  );

  it('does not modify the entry it amends', () => {
    const existing = judgedRegistration();
    const before = structuredClone(existing);

    amend(
      existing,
      aiTrainerInput({ contestants: [contestant(5), contestant(6)] }),
      { actor: 'unit_01' },
      AMENDED_AT,
    );

    expect(existing).toEqual(before);
  });
});

describe('withdraw', () => {
  it.each(['submitted', 'complete'] as const)('withdraws a %s entry and bumps its version', (status) => {
    const existing = { ...judgedRegistration(status), version: 3 };

    const { registration, history } = withdraw(existing, { actor: 'unit_01' }, AMENDED_AT);

    expect(registration).toEqual({ ...existing, status: 'withdrawn', version: 4, updatedAt: AMENDED_AT });
    expect(history).toEqual({
      version: 4,
      action: 'withdrawn',
      actor: 'unit_01',
      at: AMENDED_AT,
      changedPaths: ['/status'],
    });
  });

  it.each(['withdrawn', 'rejected', 'expired'] as const)(
    'refuses a %s entry with INVALID_STATE',
    (status) => {
      const existing = judgedRegistration(status);

      const error = catchError(() => withdraw(existing, { actor: 'unit_01' }, AMENDED_AT));

      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'INVALID_STATE' });
    },
  );
});

describe('changedPaths', () => {
  it('finds nothing between equal values', () => {
    expect(changedPaths({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toEqual([]);
  });

  it('names the differing leaves of nested objects and arrays, sorted by key', () => {
    const before = { z: 1, a: { b: { c: 1, d: 2 } }, list: [{ x: 1 }, { x: 2 }] };
    const after = { z: 2, a: { b: { c: 1, d: 3 } }, list: [{ x: 1 }, { x: 5 }] };

    expect(changedPaths(before, after)).toEqual(['/a/b/d', '/list/1/x', '/z']);
  });

  it('names added and removed keys and array elements', () => {
    expect(changedPaths({ a: 1, list: [1, 2] }, { b: 1, list: [1, 2, 3] })).toEqual(['/a', '/b', '/list/2']);
    expect(changedPaths({ list: [1, 2, 3] }, { list: [1] })).toEqual(['/list/1', '/list/2']);
  });

  it('names a node that changes between object, array and scalar as a whole', () => {
    expect(changedPaths({ a: { b: 1 } }, { a: [1] })).toEqual(['/a']);
    expect(changedPaths({ a: { b: 1 } }, { a: 'text' })).toEqual(['/a']);
    expect(changedPaths({ a: null }, { a: { b: 1 } })).toEqual(['/a']);
  });

  it('escapes ~ as ~0 and / as ~1 in keys (RFC 6901)', () => {
    expect(changedPaths({ 'a/b': 1, 'c~d': 1, '~/': 1 }, { 'a/b': 2, 'c~d': 2, '~/': 2 })).toEqual([
      '/a~1b',
      '/c~0d',
      '/~0~1',
    ]);
  });

  it('escapes a key holding ~1 literally so that it does not read back as /', () => {
    expect(changedPaths({ 'a~1b': 1 }, { 'a~1b': 2 })).toEqual(['/a~01b']);
  });

  it('treats an absent key and an undefined value alike', () => {
    expect(changedPaths({ advisor: undefined }, {})).toEqual([]);
  });
});

describe('personChanges', () => {
  it('lists the ID numbers an amendment adds and releases', () => {
    const before = judgedRegistration();
    const after = amend(
      before,
      aiTrainerInput({ contestants: [contestant(2), contestant(3)] }),
      { actor: 'u' },
      AMENDED_AT,
    );

    const changes = personChanges(before, after.registration);

    expect(changes).toEqual({ added: [contestant(3).idNumber], released: [contestant(1).idNumber] });
  });

  it('lists nothing when the same people stay, in any order', () => {
    const before = judgedRegistration();
    const after = amend(
      before,
      aiTrainerInput({ contestants: [contestant(2), contestant(1)] }),
      { actor: 'u' },
      AMENDED_AT,
    );

    expect(personChanges(before, after.registration)).toEqual({ added: [], released: [] });
  });
});

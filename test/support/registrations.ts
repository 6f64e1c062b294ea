/** Stored registrations made directly (no API), for tests of what is built from them. */
import type { Contestant, Registration } from '#shared/domain/registration.ts';
import { makeIdNumber } from './id-numbers.ts';

let counter = 0;

export function contestant(overrides: Partial<Contestant> = {}): Contestant {
  counter += 1;
  return {
    name: `选手${counter}`,
    gender: 'male',
    idNumber: makeIdNumber({ birthDate: '1990-01-01', sequence: counter % 100, gender: 'male' }),
    birthDate: '1990-01-01',
    education: 'bachelor',
    phone: `139${String(10_000_000 + counter).slice(-8)}`,
    address: '重庆市渝中区解放碑1号',
    postcode: '400010',
    identity: 'employee',
    qualificationLevel: 3,
    photo: { status: 'accepted', reasons: [] },
    ...overrides,
  };
}

export function storedRegistration(overrides: Partial<Registration> = {}): Registration {
  counter += 1;
  return {
    registrationId: `reg_${String(counter).padStart(6, '0')}`,
    competitionId: 'bayu-2023',
    unitId: 'unit_1',
    trackId: 'machine-vision',
    groupId: 'open',
    leader: { name: '王领队', phone: '13700001234' },
    contestants: [contestant()],
    status: 'submitted',
    eligibility: { status: 'passed', findings: [] },
    version: 1,
    entryVersion: 1,
    createdAt: '2023-09-01T01:00:00.000Z',
    updatedAt: '2023-09-01T01:00:00.000Z',
    ...overrides,
  };
}
